import { createHash } from 'node:crypto';

import type { Rejection } from '../rejections';

/** The bulk street-level CSV header exactly as data.police.uk publishes it. */
export const POLICE_HEADER = [
  'Crime ID',
  'Month',
  'Reported by',
  'Falls within',
  'Longitude',
  'Latitude',
  'Location',
  'LSOA code',
  'LSOA name',
  'Crime type',
  'Last outcome category',
  'Context',
] as const;

/** What `Reported by` says on rows the hub's generator wrote; such rows get a source of their own. */
export const SYNTHETIC_REPORTER = 'Synthetic data (neighbourhood hub generator)';

// Generous bounds of the United Kingdom in WGS 84: a point outside is not a police.uk point.
const UK = { minLon: -8.75, maxLon: 1.9, minLat: 49.8, maxLat: 60.95 };

/** One row ready for the staging table. */
export interface PoliceRecord {
  line: number;
  source: 'police.uk' | 'synthetic-police.uk';
  sourceKey: string;
  crimeType: string;
  month: string;
  lon: number | null;
  lat: number | null;
  location: string | null;
  reportedLsoaCode: string | null;
  outcome: string | null;
  reportedBy: string | null;
  context: string | null;
}

/**
 * Checks a file's first record against the published header.
 * @returns null when it matches, else a sentence showing the expected header
 */
export function headerProblem(header: readonly string[]): string | null {
  const got = header.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  if (got.length === POLICE_HEADER.length && got.every((h, i) => h === POLICE_HEADER[i])) {
    return null;
  }
  return `not a police.uk street-level CSV: expected the header "${POLICE_HEADER.join(',')}", got "${got.join(',')}"`;
}

function blankToNull(value: string | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Gives every row of one file a stable key. A row with a Crime ID is keyed by it; police.uk
 * sometimes repeats a Crime ID on several rows (one crime, several entries), so the n-th repeat
 * in a file is keyed `ID#n`. A row without one (anti-social behaviour) is keyed by a hash of its
 * content plus how many identical rows came before it in the file (the content includes the
 * month). Importing the same file again therefore finds the same keys. Only short digests are
 * held, never the rows.
 */
export class RowKeys {
  private readonly seen = new Map<string, number>();

  private occurrence(identity: string): number {
    const digest = createHash('sha256').update(identity).digest('base64').slice(0, 16);
    const n = this.seen.get(digest) ?? 0;
    this.seen.set(digest, n + 1);
    return n;
  }

  /** The key of a row with a Crime ID. */
  crime(crimeId: string): string {
    const n = this.occurrence(`id\u001f${crimeId}`);
    return n === 0 ? crimeId : `${crimeId}#${n + 1}`;
  }

  /** The key of a row without one, from its content. */
  derived(fields: readonly string[]): string {
    const content = fields.map((f) => f.trim()).join('\u001f');
    const n = this.occurrence(`row\u001f${content}`);
    return `derived:${createHash('sha256').update(`${content}\u001e${n}`).digest('hex').slice(0, 40)}`;
  }
}

/**
 * Validates one data row of a police.uk file.
 * @param raw the row's fields
 * @param line its line number in the file
 * @param keys the file's key maker
 */
export function parsePoliceRow(raw: string[], line: number, keys: RowKeys): PoliceRecord | Rejection {
  if (raw.length !== POLICE_HEADER.length) {
    return { line, raw, reason: `expected ${POLICE_HEADER.length} fields, got ${raw.length}` };
  }
  const [crimeId, month, reportedBy, , lonText, latText, location, lsoaCode, , crimeType, outcome, context] = raw;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month.trim())) {
    return { line, raw, reason: `Month must be YYYY-MM, got "${month}"` };
  }
  if (crimeType.trim() === '') {
    return { line, raw, reason: 'Crime type is empty' };
  }
  let lon: number | null = null;
  let lat: number | null = null;
  if (lonText.trim() !== '' || latText.trim() !== '') {
    lon = Number(lonText);
    lat = Number(latText);
    if (lonText.trim() === '' || latText.trim() === '' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
      return { line, raw, reason: `Longitude and Latitude must both be numbers, got "${lonText}", "${latText}"` };
    }
    if (lon < UK.minLon || lon > UK.maxLon || lat < UK.minLat || lat > UK.maxLat) {
      return { line, raw, reason: `the point (${lon}, ${lat}) is outside the United Kingdom` };
    }
  }
  const synthetic = reportedBy.trim() === SYNTHETIC_REPORTER;
  // The derived key leaves out the outcome, which police.uk updates in later files.
  const contentFields = [month, lonText, latText, location, lsoaCode, crimeType, context];
  return {
    line,
    source: synthetic ? 'synthetic-police.uk' : 'police.uk',
    sourceKey: crimeId.trim() === '' ? keys.derived(contentFields) : keys.crime(crimeId.trim()),
    crimeType: crimeType.trim(),
    month: `${month.trim()}-01`,
    lon,
    lat,
    location: blankToNull(location),
    reportedLsoaCode: blankToNull(lsoaCode),
    outcome: blankToNull(outcome),
    reportedBy: blankToNull(reportedBy),
    context: blankToNull(context),
  };
}

/**
 * The slug of a crime type police.uk has not published before, so it is kept under its own name.
 * @example slugOf('Violence and sexual offences') //= 'violence-and-sexual-offences'
 */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
