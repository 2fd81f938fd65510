import fs from 'node:fs';
import readline from 'node:readline';

import { parse } from 'csv-parse/sync';

import type { Rejection } from './rejections';

/** One record of a CSV file: its fields and the line it is on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

// A quote inside an unquoted field is kept as text and rows may have any number of fields (the
// importers say how many they expected); lines reach the parser joined by \n whatever the file used.
const OPTIONS = { relax_column_count: true, relax_quotes: true, record_delimiter: '\n' } as const;

// Lines parsed in one call: parsing line by line costs about six times as much.
const CHUNK_LINES = 500;

interface Line {
  line: number;
  text: string;
}

function parseLine({ line, text }: Line): CsvRecord | Rejection {
  try {
    const [fields] = parse(text, OPTIONS);
    return { line, fields };
  } catch (err) {
    // csv-parse counts lines within what it was given, which here is this line alone.
    const reason = (err as Error).message.replace(/ at line \d+/, '');
    return { line, reason: `malformed CSV: ${reason}`, raw: [text] };
  }
}

/**
 * Parses a run of lines in one call, then makes sure every line gave its own record. police.uk
 * files never break a line inside a field, so a quote left open on one line is an error in that
 * line: where csv-parse would carry it on into the next lines (or stop at the end of the file),
 * the run is parsed again line by line, and only the broken line is rejected.
 */
function* parseChunk(chunk: Line[]): Generator<CsvRecord | Rejection> {
  let records: string[][] | null;
  try {
    records = parse(chunk.map((l) => l.text).join('\n'), OPTIONS);
  } catch {
    records = null;
  }
  if (records && records.length === chunk.length) {
    for (let i = 0; i < chunk.length; i += 1) {
      yield { line: chunk[i].line, fields: records[i] };
    }
    return;
  }
  for (const line of chunk) {
    yield parseLine(line);
  }
}

/** The non-blank lines of a file with their numbers, read as a stream (never the whole file at once). */
async function* lines(file: string): AsyncGenerator<Line> {
  const reader = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of reader) {
      line += 1;
      if (text.trim() !== '') {
        yield { line, text: line === 1 ? text.replace(/^\uFEFF/, '') : text };
      }
    }
  } finally {
    reader.close();
  }
}

/**
 * The records of a CSV file in order, header included, streamed through csv-parse. A line the
 * parser cannot read is a rejection with its line number, never the end of the import; blank
 * lines are skipped.
 */
export async function* csvRecords(file: string): AsyncGenerator<CsvRecord | Rejection> {
  let chunk: Line[] = [];
  for await (const line of lines(file)) {
    chunk.push(line);
    if (chunk.length >= CHUNK_LINES) {
      yield* parseChunk(chunk);
      chunk = [];
    }
  }
  yield* parseChunk(chunk);
}

/** The first record of a file (its header), or null for a file with no text. */
export async function csvHeader(file: string): Promise<string[] | null> {
  for await (const line of lines(file)) {
    const record = parseLine(line);
    return 'fields' in record ? record.fields : [line.text];
  }
  return null;
}

/**
 * The data rows of a CSV file (every record after the header), each parsed by `parseRow` into
 * a row or a rejection.
 * @param parseRow validates one record's fields; `line` is its line in the file
 */
export async function* parseCsvRows<T extends object>(
  file: string,
  parseRow: (fields: string[], line: number) => T | Rejection,
): AsyncGenerator<T | Rejection> {
  let header = true;
  for await (const record of csvRecords(file)) {
    if (header) {
      header = false;
      continue;
    }
    yield 'fields' in record ? parseRow(record.fields, record.line) : record;
  }
}
