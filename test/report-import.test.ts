import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { DataSource } from 'typeorm';

import type { Db } from '../src/db/db';
import { ImportRefusedError } from '../src/ingest/import-refused';
import { importReports, REPORT_HEADER } from '../src/ingest/reports/import-reports';

import { unitAt, wardSetFiles } from './helpers/boundary-sets';
import { connectTestDatabase } from './helpers/database';

let dataSource: DataSource;
let db: Db;

beforeAll(async () => {
  ({ dataSource, db } = await connectTestDatabase());
});

afterAll(async () => {
  await db.query(`DELETE FROM incident WHERE description LIKE 'TEST-REPORT%'`);
  await dataSource.destroy();
});

function file(lines: string[]): string {
  const name = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-reports-')), 'reports.csv');
  fs.writeFileSync(name, `${lines.join('\n')}\n`);
  return name;
}

const HEADER = REPORT_HEADER.slice(0, 6).join(',');
// Rows reported in 2031 at the cathedral sit in its ward of the current set, by turf on that file.
const CATHEDRAL_WARD = unitAt(wardSetFiles().find((s) => s.validTo === null)?.wards ?? new Map(), [-1.4776, 52.9254]);

describe('bulk street-scene import', () => {
  it('imports good rows as open reports, rejects bad ones with line numbers, and changes nothing when run again', async () => {
    const rejected = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-rej-')), 'rejected.csv');
    const input = file([
      HEADER,
      'fly-tipping,-1.4776,52.9254,TEST-REPORT sofa,2031-07-01T09:00:00Z,caller@example.org',
      'graffiti,-1.4776,52.9254,TEST-REPORT tag,2031-07-02T09:00:00Z,',
      'burglary,-1.4776,52.9254,TEST-REPORT not street scene,2031-07-02T09:00:00Z,',
      'litter,east,52.9,TEST-REPORT bad point,2031-07-02T09:00:00Z,',
      'litter,-1.4776,52.9254,TEST-REPORT bad date,yesterday,',
      'litter,-0.1276,51.5072,TEST-REPORT London,2031-07-02T09:00:00Z,',
    ]);
    const first = await importReports(dataSource, input, { reportPath: rejected });
    expect(first).toEqual({ read: 6, inserted: 2, unchanged: 0, rejected: 3, outsideCity: 1 });
    const report = fs.readFileSync(rejected, 'utf8');
    expect(report).toMatch(/"4","unknown street-scene category ""burglary"""/);
    expect(report).toMatch(/"5","longitude and latitude must be WGS 84 degrees/);
    expect(report).toMatch(/"6","reported_at must be an ISO 8601 date-time, got ""yesterday"""/);
    const stored = await db.query<{
      status: string;
      reporter_contact: string | null;
      ward_code: string;
      steps: number;
    }>(
      `SELECT status, reporter_contact, ward_code,
              (SELECT count(*)::int FROM incident_status_change c WHERE c.incident_id = i.id) AS steps
       FROM incident i WHERE description LIKE 'TEST-REPORT%' ORDER BY description DESC`,
    );
    expect(stored).toEqual([
      { status: 'open', reporter_contact: null, ward_code: CATHEDRAL_WARD, steps: 1 },
      { status: 'open', reporter_contact: 'caller@example.org', ward_code: CATHEDRAL_WARD, steps: 1 },
    ]);
    expect(await importReports(dataSource, input)).toEqual({
      read: 6,
      inserted: 0,
      unchanged: 2,
      rejected: 3,
      outsideCity: 1,
    });
  });

  it('holds bulk rows to the limits reportIssue keeps: text lengths and dates', async () => {
    const rejected = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-rej-')), 'rejected.csv');
    const input = file([
      HEADER,
      `litter,-1.4776,52.9254,TEST-REPORT ${'long '.repeat(500)},2031-07-02T09:00:00Z,`,
      `litter,-1.4776,52.9254,TEST-REPORT contact,2031-07-02T09:00:00Z,${'c'.repeat(201)}`,
      'litter,-1.4776,52.9254,TEST-REPORT Victorian,1850-07-02T09:00:00Z,',
    ]);
    expect(await importReports(dataSource, input, { reportPath: rejected })).toEqual({
      read: 3,
      inserted: 0,
      unchanged: 0,
      rejected: 3,
      outsideCity: 0,
    });
    const report = fs.readFileSync(rejected, 'utf8');
    expect(report).toMatch(/"2","description must be at most 2000 characters, got 2511"/);
    expect(report).toMatch(/"3","reporter_contact must be at most 200 characters, got 201"/);
    expect(report).toMatch(/"4","reported_at must be from 1900 to 2100, got ""1850-07-02T09:00:00Z"""/);
  });

  it('refuses a wrong header and an empty file before writing anything', async () => {
    await expect(importReports(dataSource, file(['a,b,c', '1,2,3']))).rejects.toThrow(ImportRefusedError);
    await expect(importReports(dataSource, file(['a,b,c']))).rejects.toThrow(
      /expected the header "category,longitude,latitude,description,reported_at,reporter_contact,source"/,
    );
    const empty = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-empty-')), 'empty.csv');
    fs.writeFileSync(empty, '');
    await expect(importReports(dataSource, empty)).rejects.toThrow(/is empty/);
  });
});
