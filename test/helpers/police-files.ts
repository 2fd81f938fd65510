import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { POLICE_HEADER } from '../../src/ingest/police/police-row';

/** A police.uk-format row for tests; override any field. Points default to Derby city centre. */
export function policeRow(fields: Partial<Record<(typeof POLICE_HEADER)[number], string>> = {}): string {
  const row: Record<string, string> = {
    'Crime ID': '',
    Month: '2031-01',
    'Reported by': 'Derbyshire Constabulary',
    'Falls within': 'Derbyshire Constabulary',
    Longitude: '-1.4776',
    Latitude: '52.9254',
    Location: 'On or near Test Street',
    'LSOA code': 'E01013479',
    'LSOA name': 'Derby 013F',
    'Crime type': 'Burglary',
    'Last outcome category': 'Under investigation',
    Context: '',
    ...fields,
  };
  return POLICE_HEADER.map((h) => (/[",]/.test(row[h]) ? `"${row[h].replace(/"/g, '""')}"` : row[h])).join(',');
}

/** Writes a CSV file (header plus rows, or exactly `text`) to a fresh temporary folder. */
export function policeFile(rows: string[] | { text: string }, name = 'police.csv'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-police-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, 'text' in rows ? rows.text : `${POLICE_HEADER.join(',')}\n${rows.join('\n')}\n`);
  return file;
}
