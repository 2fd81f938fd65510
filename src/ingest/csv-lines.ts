import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

/** A row an importer cannot take, and why. */
export interface LineRejection {
  line: number;
  reason: string;
  raw: string[];
}

/**
 * Splits one line of an RFC 4180 CSV into fields. police.uk files never put a line break inside
 * a field, so the importer reads line by line: an unclosed quote then spoils only its own line,
 * where a streaming CSV parser would swallow the rest of the file into one bad record.
 * @throws Error saying where the quoting breaks
 * @example splitCsvLine('a,"b, c",""""') //= ['a', 'b, c', '"']
 */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        const close = line.indexOf('"', i);
        if (close === -1) {
          throw new Error(`unclosed quote in the field starting at character ${i}`);
        }
        value += line.slice(i, close);
        if (line[close + 1] === '"') {
          value += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      if (i < line.length && line[i] !== ',') {
        throw new Error(`text after a closing quote at character ${i}`);
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      fields.push(line.slice(i, comma === -1 ? line.length : comma));
      i = comma === -1 ? line.length : comma;
    }
    if (i >= line.length) {
      return fields;
    }
    i += 1;
    if (i === line.length) {
      fields.push('');
      return fields;
    }
  }
}

/** The lines of a file with their numbers, read as a stream (never the whole file at once). */
export async function* lines(file: string): AsyncGenerator<{ line: number; text: string }> {
  const reader = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of reader) {
      line += 1;
      yield { line, text: line === 1 ? text.replace(/^\uFEFF/, '') : text };
    }
  } finally {
    reader.close();
  }
}

/** The first record of a file (its header), or null for an empty file. */
export async function firstRecord(file: string): Promise<string[] | null> {
  for await (const { text } of lines(file)) {
    try {
      return splitCsvLine(text);
    } catch {
      return [text];
    }
  }
  return null;
}

/** Lists rejected rows (file, line, reason, row) in a CSV report, created on the first one. */
export class RejectionReport {
  private stream: fs.WriteStream | null = null;
  constructor(readonly file: string | null) {}

  add(source: string, rejection: LineRejection): void {
    if (!this.file) {
      return;
    }
    if (!this.stream) {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      this.stream = fs.createWriteStream(this.file);
      this.stream.write('file,line,reason,row\n');
    }
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    this.stream.write(
      `${[source, String(rejection.line), rejection.reason, rejection.raw.join(',')].map(quote).join(',')}\n`,
    );
  }

  async close(): Promise<string | null> {
    if (!this.stream) {
      return null;
    }
    await new Promise<void>((resolve) => this.stream?.end(resolve));
    return this.file;
  }
}
