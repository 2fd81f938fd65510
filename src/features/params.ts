import { InvalidCoordinatesError, InvalidDateError, InvalidParameterError, LimitExceededError } from '../errors';

/** Features a page holds when the caller names no limit, and the most it may hold. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** Deepest offset taken: far past any collection the hub holds, small enough to stay an integer in SQL. */
export const MAX_OFFSET = 100_000_000;

/** The query of one request as Express parsed it (repeated names arrive as arrays). */
export type RawQuery = Record<string, unknown>;

/** [west, south, east, north] in CRS84. */
export type BBox = [number, number, number, number];

/** A closed interval of instants (ms since the epoch); null at an end that is open. */
export interface TimeInterval {
  start: number | null;
  end: number | null;
}

/**
 * Refuses a query naming any parameter outside `allowed`. The standard says 400 for these
 * (/req/core/query-param-unknown), and answering a misspelt filter with every feature would
 * mislead, so the hub never ignores one.
 * @throws InvalidParameterError naming the parameter and the ones the endpoint takes
 */
export function checkKnown(query: RawQuery, allowed: readonly string[]): void {
  for (const name of Object.keys(query)) {
    if (!allowed.includes(name)) {
      throw new InvalidParameterError(
        `unknown query parameter "${name.slice(0, 60)}"; this endpoint takes ${allowed.map((a) => `"${a}"`).join(', ')}`,
      );
    }
  }
}

/**
 * One parameter's text, or undefined when absent.
 * @throws InvalidParameterError when it is given more than once
 */
export function single(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new InvalidParameterError(
      `${name} must be given once, got it ${Array.isArray(value) ? value.length : 2} times`,
    );
  }
  if (value.includes('\u0000')) {
    throw new InvalidParameterError(`${name} must not contain a NUL character`);
  }
  return value;
}

/**
 * `limit`: 1 to MAX_LIMIT, DEFAULT_LIMIT when absent.
 * @throws LimitExceededError for anything else, over the maximum included
 * @example parseLimit(undefined) //= 100
 */
export function parseLimit(text: string | undefined): number {
  if (text === undefined) {
    return DEFAULT_LIMIT;
  }
  const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= MAX_LIMIT)) {
    throw new LimitExceededError('limit', `a whole number from 1 to ${MAX_LIMIT}`, `"${text.slice(0, 40)}"`);
  }
  return n;
}

/**
 * `offset`: features to skip, 0 when absent.
 * @throws InvalidParameterError for anything but a whole number from 0 to MAX_OFFSET
 */
export function parseOffset(text: string | undefined): number {
  if (text === undefined) {
    return 0;
  }
  const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 0 && n <= MAX_OFFSET)) {
    throw new InvalidParameterError(
      `offset must be a whole number from 0 to ${MAX_OFFSET}, got "${text.slice(0, 40)}"`,
    );
  }
  return n;
}

/**
 * `bbox`: four numbers (west, south, east, north) or six (with the lowest and highest height,
 * which the hub's flat geometries ignore), in CRS84. A box crossing the antimeridian (west >
 * east) is refused: nothing the hub holds is near it.
 * @throws InvalidCoordinatesError saying what was expected and what came
 * @example parseBbox('-1.5,52.9,-1.4,53') //= [-1.5, 52.9, -1.4, 53]
 */
export function parseBbox(text: string | undefined): BBox | null {
  if (text === undefined) {
    return null;
  }
  const parts = text.split(',');
  const numbers = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
  if ((parts.length !== 4 && parts.length !== 6) || numbers.some((n) => !Number.isFinite(n))) {
    throw new InvalidCoordinatesError(
      `bbox must be four numbers west,south,east,north (or six with heights) in CRS84 longitude and latitude, got "${text.slice(0, 100)}"`,
    );
  }
  const [west, south, east, north] = parts.length === 4 ? numbers : [numbers[0], numbers[1], numbers[3], numbers[4]];
  for (const [value, what, limit] of [
    [west, 'west', 180],
    [east, 'east', 180],
    [south, 'south', 90],
    [north, 'north', 90],
  ] as const) {
    if (Math.abs(value) > limit) {
      throw new InvalidCoordinatesError(
        `bbox ${what} must be from -${limit} to ${limit} (CRS84 ${limit === 180 ? 'longitude' : 'latitude'}), got ${value}` +
          (limit === 90 && Math.abs(value) <= 180 ? '; longitude comes first in CRS84' : ''),
      );
    }
  }
  if (west > east || south > north) {
    throw new InvalidCoordinatesError(
      `bbox must be west,south,east,north with west <= east and south <= north, got [${[west, south, east, north].join(', ')}]`,
    );
  }
  return [west, south, east, north];
}

// RFC 3339 section 5.6 date-time (T or t, Z or an offset), or a full-date the hub reads as the whole day in UTC.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2}))?$/;

/**
 * One RFC 3339 instant, or a date taken as the day it names (its first instant when it starts an
 * interval, its last when it ends one).
 * @returns ms since the epoch
 */
function instant(text: string, end: boolean): number {
  const match = DATE_TIME.exec(text);
  const fail = () =>
    new InvalidDateError(
      `datetime must be an RFC 3339 date-time such as 2018-12-01T00:00:00Z (or a date such as 2018-12-01), or an interval of two joined by "/" with ".." for an open end, got "${text.slice(0, 60)}"`,
    );
  if (!match) {
    throw fail();
  }
  const [, y, mo, d, h, mi, s, frac, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2018-02-30 over into March: a day that changes on the way through is not a day.
  if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw fail();
  }
  if (h === undefined) {
    return date.getTime() + (end ? 86_400_000 - 1 : 0);
  }
  const [hour, minute, second] = [Number(h), Number(mi), Number(s)];
  if (hour > 23 || minute > 59 || second > 60) {
    throw fail();
  }
  let offset = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const [oh, om] = zone.slice(1).split(':').map(Number);
    if (oh > 23 || om > 59) {
      throw fail();
    }
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const ms = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  // A leap second (:60) counts as the last millisecond of its minute.
  const seconds = Math.min(second, 59);
  const extra = second === 60 ? 999 : ms;
  return date.getTime() + ((hour * 60 + minute) * 60 + seconds) * 1000 + extra - offset;
}

/**
 * `datetime`: an instant, or an interval `start/end` whose open end is `..` or empty
 * (/req/core/fc-time-definition). An instant is the interval from itself to itself.
 * @throws InvalidDateError for a malformed value, an interval open at both ends, or one that ends before it starts
 * @example parseDatetime('2018-12-01T00:00:00Z/..') //= { start: 1543622400000, end: null }
 */
export function parseDatetime(text: string | undefined): TimeInterval | null {
  if (text === undefined) {
    return null;
  }
  const parts = text.split('/');
  if (parts.length === 1) {
    return { start: instant(text, false), end: instant(text, true) };
  }
  if (parts.length !== 2) {
    throw new InvalidDateError(
      `datetime must be one instant or two joined by a single "/", got "${text.slice(0, 60)}"`,
    );
  }
  const open = (p: string) => p === '' || p === '..';
  if (open(parts[0]) && open(parts[1])) {
    throw new InvalidDateError(`datetime must bound at least one end of an interval, got "${text.slice(0, 60)}"`);
  }
  const start = open(parts[0]) ? null : instant(parts[0], false);
  const end = open(parts[1]) ? null : instant(parts[1], true);
  if (start !== null && end !== null && end < start) {
    throw new InvalidDateError(`datetime ends before it starts: "${text.slice(0, 60)}"`);
  }
  return { start, end };
}

/**
 * The first day of the month (UTC) an instant falls in, as PostgreSQL reads a date.
 * @example monthStart(Date.UTC(2018, 11, 31, 23)) //= '2018-12-01'
 */
export function monthStart(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`;
}

/**
 * A property filter's values: one value, or several separated by commas (any of them matches).
 * @throws InvalidParameterError for an empty value or one over 200 characters
 */
export function filterValues(name: string, text: string): string[] {
  const values = text.split(',').map((v) => v.trim());
  if (values.some((v) => v === '' || v.length > 200) || values.length > 100) {
    throw new InvalidParameterError(
      `${name} must be one value or up to 100 separated by commas, none empty or over 200 characters, got "${text.slice(0, 60)}"`,
    );
  }
  return values;
}
