import fs from 'node:fs';
import path from 'node:path';

/** A row an importer cannot take: its line in the file, why, and its fields as read. */
export interface Rejection {
  line: number;
  reason: string;
  raw: string[];
}

/** Tells a rejection from a parsed row (rows never carry a `reason`). */
export function isRejection<T extends object>(row: T | Rejection): row is Rejection {
  return 'reason' in row;
}

/**
 * Where a command-line import lists its rejected rows unless told otherwise: a new file in
 * IMPORT_REPORTS_DIR (default ./import-reports), named by the kind of import and the time, so the
 * container image can point it at a mounted volume.
 * @param kind e.g. "police", in the file name
 */
export function defaultReportPath(kind: string, env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.IMPORT_REPORTS_DIR || 'import-reports';
  return path.resolve(dir, `${kind}-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`);
}

/** Lists rejected rows (file, line, reason, row) in a CSV report, created on the first one. */
export class RejectionReport {
  private stream: fs.WriteStream | null = null;
  constructor(readonly file: string | null) {}

  add(source: string, rejection: Rejection): void {
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

  /** Closes the report; returns its path when any row was rejected, else null. */
  async close(): Promise<string | null> {
    if (!this.stream) {
      return null;
    }
    await new Promise<void>((resolve) => this.stream?.end(resolve));
    return this.file;
  }
}
