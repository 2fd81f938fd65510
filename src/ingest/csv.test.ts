import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { csvHeader, csvRecords } from './csv';

function file(text: string): string {
  const name = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-csv-')), 'rows.csv');
  fs.writeFileSync(name, text);
  return name;
}

async function all(name: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const record of csvRecords(name)) {
    out.push(record);
  }
  return out;
}

describe('reading CSV', () => {
  it('gives each record its fields and line, unquoting RFC 4180 fields and skipping blank lines', async () => {
    const name = file('\uFEFFa,b\r\n\n"On or near ""Park"", East",x\na,,c,\n');
    expect(await all(name)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['On or near "Park", East', 'x'] },
      { line: 4, fields: ['a', '', 'c', ''] },
    ]);
  });

  it('rejects a line whose quote is left open with its line number, and reads the lines after it', async () => {
    const name = file('h1,h2\n1,"open\n2,"closed, fine"\n3,x"y\n');
    expect(await all(name)).toEqual([
      { line: 1, fields: ['h1', 'h2'] },
      { line: 2, reason: expect.stringMatching(/^malformed CSV: Quote Not Closed/), raw: ['1,"open'] },
      { line: 3, fields: ['2', 'closed, fine'] },
      { line: 4, fields: ['3', 'x"y'] },
    ]);
  });

  it('keeps lines apart across the runs it parses at once', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => (i === 700 ? `${i},"broken` : `${i},"r ${i}"`));
    const records = (await all(file(`n,text\n${rows.join('\n')}\n`))) as { line: number; fields?: string[] }[];
    expect(records).toHaveLength(1201);
    expect(records.filter((r) => !r.fields).map((r) => r.line)).toEqual([702]);
    expect(records[1200]).toEqual({ line: 1201, fields: ['1199', 'r 1199'] });
  });

  it('reads the header alone, and null for a file with no text', async () => {
    expect(await csvHeader(file('x,y\n1,2\n'))).toEqual(['x', 'y']);
    expect(await csvHeader(file('\n  \n'))).toBeNull();
  });
});
