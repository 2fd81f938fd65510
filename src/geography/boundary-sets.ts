import { InvalidDateError, NotFoundError } from '../errors';

import type { BoundarySetRow } from './geography.service';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today in UTC as YYYY-MM-DD: the day a query without asOf asks about. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Checks a calendar day given as YYYY-MM-DD.
 * @param hint added to the message, e.g. the sets the day may fall in
 * @throws InvalidDateError for anything else (2023-02-30 included)
 */
export function checkDay(value: string, what = 'asOf', hint = ''): string {
  const m = ISO_DAY.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.toISOString().slice(0, 10) !== value) {
    throw new InvalidDateError(
      `${what} must be a calendar day as YYYY-MM-DD (for example 2023-05-04), got "${value.slice(0, 64)}"${hint}`,
    );
  }
  return value;
}

function period(s: BoundarySetRow): string {
  return `${s.id} (${s.validFrom} to ${s.validTo ?? 'today'})`;
}

/** What the hub holds of one kind of boundary set, and which set a date or a name picks. */
export class BoundarySets {
  private readonly sets: BoundarySetRow[];

  /** @param rows every set held (boundarySets()), any kind */
  constructor(
    rows: readonly BoundarySetRow[],
    readonly kind: 'ward' | 'lsoa' = 'ward',
  ) {
    this.sets = rows.filter((r) => r.kind === kind);
  }

  /** Every set of the kind, oldest first. */
  all(): BoundarySetRow[] {
    return [...this.sets];
  }

  /** The open-ended set: what a query without asOf or a set answers on. */
  current(): BoundarySetRow {
    const current = this.sets.find((s) => s.validTo === null);
    if (!current) {
      throw new NotFoundError(`the hub holds no current ${this.kind} set; load the geography (npm run geodata:load)`);
    }
    return current;
  }

  /** @throws NotFoundError naming the sets held */
  byId(id: string): BoundarySetRow {
    const set = this.sets.find((s) => s.id === id);
    if (!set) {
      throw new NotFoundError(
        `no ${this.kind} boundary set "${id.slice(0, 64)}"; the hub holds ${this.sets.map(period).join(', ')}`,
      );
    }
    return set;
  }

  /**
   * The set in force on a day.
   * @throws InvalidDateError for a malformed day, or one before every set held
   */
  inForce(day: string, what = 'asOf'): BoundarySetRow {
    // A malformed day is refused naming the sets held, as a day before all of them is.
    checkDay(day, what, `; the hub holds ${this.sets.map(period).join(', ')}`);
    const set = this.sets.find((s) => s.validFrom <= day && (s.validTo === null || day <= s.validTo));
    if (!set) {
      throw new InvalidDateError(
        `${what} ${day} is before every ${this.kind} set the hub holds: ${this.sets.map(period).join(', ')}`,
      );
    }
    return set;
  }

  /**
   * The set a query asks for: by name, or in force on asOf, or the current one. Giving both is
   * allowed when they agree.
   * @throws NotFoundError for a set not held; InvalidDateError for a bad day or one the named set does not cover
   */
  choose(choice: { asOf?: string | null; boundarySet?: string | null }): BoundarySetRow {
    const named = choice.boundarySet ? this.byId(choice.boundarySet) : null;
    const dated = choice.asOf ? this.inForce(choice.asOf) : null;
    if (named && dated && named.id !== dated.id) {
      throw new InvalidDateError(
        `asOf ${choice.asOf} falls in ${period(dated)}, not in the boundarySet asked for, ${period(named)}`,
      );
    }
    return named ?? dated ?? this.current();
  }

  /** Whether a month (YYYY-MM) ends inside the set's validity: the months whose incidents the set holds. */
  static holdsMonth(set: BoundarySetRow, month: string): boolean {
    const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
    return set.validFrom <= last && (set.validTo === null || last <= set.validTo);
  }
}
