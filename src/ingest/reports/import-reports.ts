import { createHash } from 'node:crypto';

import type { DataSource } from 'typeorm';

import { withTransaction } from '../../db/db';
import { sqlFile } from '../../db/sql';
import { IncidentsService } from '../../incidents/incidents.service';
import { FIRST_YEAR, LAST_YEAR } from '../../incidents/period';
import { MAX_CONTACT, MAX_DESCRIPTION } from '../../incidents/report-input';
import { inBatches } from '../batches';
import { csvHeader, parseCsvRows } from '../csv';
import { checkInputFile, ImportRefusedError } from '../import-refused';
import { type Rejection, RejectionReport } from '../rejections';

/** The street-scene report CSV: the fields of reportIssue, plus an optional source. */
export const REPORT_HEADER = [
  'category',
  'longitude',
  'latitude',
  'description',
  'reported_at',
  'reporter_contact',
  'source',
];
const SOURCES = ['council-report', 'synthetic-council-report'];
const sql = (name: string) => sqlFile(__dirname, name);

interface Report {
  key: string;
  category: string;
  lon: number;
  lat: number;
  description: string;
  reportedAt: string;
  contact: string | null;
  source: string;
}

export interface ReportImportOptions {
  /** Rows per transaction (default 5,000). */
  batchSize?: number;
  /** Where rejected rows are listed (CSV: file, line, reason, row); written only when needed. */
  reportPath?: string;
  /** Called after every batch with the running totals. */
  onProgress?: (counts: ReportImportCounts) => void;
}

export interface ReportImportCounts {
  read: number;
  inserted: number;
  unchanged: number;
  rejected: number;
  outsideCity: number;
}

function parseReport(
  fields: string[],
  line: number,
  categories: Set<string>,
  seen: Map<string, number>,
): Report | Rejection {
  const reject = (reason: string): Rejection => ({ line, reason, raw: fields });
  if (fields.length < 6 || fields.length > 7) {
    return reject(`expected 6 or 7 fields, got ${fields.length}`);
  }
  const [category, lonText, latText, description, reportedAt, contact, source = 'council-report'] = fields.map((f) =>
    f.trim(),
  );
  if (!categories.has(category)) {
    return reject(`unknown street-scene category "${category}"`);
  }
  const lon = Number(lonText);
  const lat = Number(latText);
  if (
    lonText === '' ||
    latText === '' ||
    !Number.isFinite(lon) ||
    !Number.isFinite(lat) ||
    lon < -180 ||
    lon > 180 ||
    lat < -90 ||
    lat > 90
  ) {
    return reject(`longitude and latitude must be WGS 84 degrees, got "${lonText}", "${latText}"`);
  }
  if (description === '') {
    return reject('description is empty');
  }
  if (description.length > MAX_DESCRIPTION) {
    return reject(`description must be at most ${MAX_DESCRIPTION} characters, got ${description.length}`);
  }
  if (contact.length > MAX_CONTACT) {
    return reject(`reporter_contact must be at most ${MAX_CONTACT} characters, got ${contact.length}`);
  }
  if (Number.isNaN(Date.parse(reportedAt)) || !/^\d{4}-\d{2}-\d{2}/.test(reportedAt)) {
    return reject(`reported_at must be an ISO 8601 date-time, got "${reportedAt.slice(0, 40)}"`);
  }
  // The months the hub takes everywhere; bulk files may hold generated data dated ahead.
  const year = new Date(reportedAt).getUTCFullYear();
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    return reject(`reported_at must be from ${FIRST_YEAR} to ${LAST_YEAR}, got "${reportedAt}"`);
  }
  if (!SOURCES.includes(source)) {
    return reject(`source must be ${SOURCES.join(' or ')}, got "${source}"`);
  }
  // A stable key from the content and its repeat count, so importing a file again changes nothing.
  const content = [category, lonText, latText, description, reportedAt].join('\u001f');
  const n = seen.get(content) ?? 0;
  seen.set(content, n + 1);
  const key = `derived:${createHash('sha256').update(`${content}\u001e${n}`).digest('hex').slice(0, 40)}`;
  return { key, category, lon, lat, description, reportedAt, contact: contact || null, source };
}

/**
 * Checks a report file exists, is a CSV file and starts with the report header.
 * @throws ImportRefusedError naming the file and what was expected
 */
export async function checkReportHeader(file: string): Promise<void> {
  checkInputFile(file, 'a street-scene report CSV');
  const header = await csvHeader(file);
  if (!header) {
    throw new ImportRefusedError(`${file} is empty: expected the header "${REPORT_HEADER.join(',')}"`);
  }
  const names = header.map((h) => h.trim());
  if (names.length < 6 || !names.every((h, i) => h === REPORT_HEADER[i])) {
    throw new ImportRefusedError(
      `${file}: expected the header "${REPORT_HEADER.join(',')}" (source optional), got "${names.join(',')}"`,
    );
  }
}

/**
 * Imports street-scene reports from CSV (header: category, longitude, latitude, description,
 * reported_at, reporter_contact[, source]) in batches, each one set-based statement in its own
 * transaction. Bad rows are rejected with their line and reason; re-importing a file changes
 * nothing.
 * @throws ImportRefusedError for an empty file or a wrong header, before anything is written
 */
export async function importReports(
  dataSource: DataSource,
  file: string,
  options: ReportImportOptions = {},
): Promise<ReportImportCounts> {
  await checkReportHeader(file);
  const categories = new Set<string>(
    (await dataSource.query(sql('reportable-categories'))).map((r: { slug: string }) => r.slug),
  );
  const report = new RejectionReport(options.reportPath ?? null);
  const counts: ReportImportCounts = { read: 0, inserted: 0, unchanged: 0, rejected: 0, outsideCity: 0 };
  const seen = new Map<string, number>();
  const write = async (rows: Report[]) => {
    const column = <T>(pick: (r: Report) => T) => rows.map(pick);
    const [outcome] = await withTransaction(dataSource, async (db) => {
      // A batch places its points by the boundaries it reads: a re-placement of every incident
      // committed beside it would miss the batch's rows, so the two take turns.
      await new IncidentsService(db).sharePlacement();
      return db.query<{ inserted: number; outsideCity: number }>(sql('insert-reports'), [
        column((r) => r.key),
        column((r) => r.category),
        column((r) => r.lon),
        column((r) => r.lat),
        column((r) => r.description),
        column((r) => r.reportedAt),
        column((r) => r.contact),
        column((r) => r.source),
      ]);
    });
    counts.read += rows.length;
    counts.inserted += outcome.inserted;
    counts.outsideCity += outcome.outsideCity;
    counts.unchanged += rows.length - outcome.inserted - outcome.outsideCity;
    options.onProgress?.(counts);
  };
  await inBatches(
    parseCsvRows(file, (fields, line) => parseReport(fields, line, categories, seen)),
    options.batchSize ?? 5000,
    {
      write,
      reject: (rejection) => {
        counts.read += 1;
        counts.rejected += 1;
        report.add(file, rejection);
      },
    },
  );
  await report.close();
  return counts;
}
