import { InvalidPeriodError } from '../errors';

/** A validated, inclusive run of months. */
export interface Period {
  /** 'YYYY-MM' */
  from: string;
  /** 'YYYY-MM', not before `from` */
  to: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The years a month may name: police.uk starts in 2010; 1900 to 2100 leaves room either side. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

function index(month: string): number {
  const [, y, m] = MONTH.exec(month) as RegExpExecArray;
  return Number(y) * 12 + Number(m) - 1;
}

function monthOf(i: number): string {
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/**
 * Whether a text is a month the hub takes: YYYY-MM from FIRST_YEAR to LAST_YEAR.
 * @example isMonth('2018-12') //= true
 */
export function isMonth(value: string): boolean {
  const match = MONTH.exec(value);
  return match !== null && Number(match[1]) >= FIRST_YEAR && Number(match[1]) <= LAST_YEAR;
}

function checkMonth(name: string, value: string): void {
  if (!isMonth(value)) {
    throw new InvalidPeriodError(
      `${name} must be a month as YYYY-MM from ${FIRST_YEAR}-01 to ${LAST_YEAR}-12, got "${value.slice(0, 40)}"`,
    );
  }
}

/**
 * Checks a period given as two months.
 * @throws InvalidPeriodError for a malformed month or a period that ends before it starts
 * @example period('2018-01', '2018-12') //= { from: '2018-01', to: '2018-12' }
 */
export function period(from: string, to: string): Period {
  checkMonth('from', from);
  checkMonth('to', to);
  if (index(to) < index(from)) {
    throw new InvalidPeriodError(`the period is inverted: to (${to}) is before from (${from})`);
  }
  return { from, to };
}

/** Checks an optional month filter bound, returning the first day of the month or null. */
export function monthBound(name: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  checkMonth(name, value);
  return `${value}-01`;
}

/** Every month of a period, in order. */
export function monthsOf(p: Period): string[] {
  const months: string[] = [];
  for (let i = index(p.from); i <= index(p.to); i += 1) {
    months.push(monthOf(i));
  }
  return months;
}

/** The same period a number of months earlier (12 for a year). */
export function shifted(p: Period, months: number): Period {
  return { from: monthOf(index(p.from) - months), to: monthOf(index(p.to) - months) };
}

/** First day of a 'YYYY-MM' month, as SQL dates take it. */
export const firstDay = (month: string): string => `${month}-01`;
