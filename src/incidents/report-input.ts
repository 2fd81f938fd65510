import { checkRowId } from '../db/row-id';
import { InvalidReportError, LimitExceededError } from '../errors';

import type { NewReport } from './incidents.service';

/** Longest description of a problem, in characters. */
export const MAX_DESCRIPTION = 2000;
/** Longest reporter contact (an e-mail address or phone number), in characters. */
export const MAX_CONTACT = 200;
/** Longest workflow note, in characters. */
export const MAX_NOTE = 1000;
/** How far back a report may be dated. */
export const MAX_REPORT_AGE_YEARS = 10;
/** How far ahead of the hub's clock a report may be dated (clocks differ a little). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Checks what a caller sent to report a problem and returns it ready to store, trimmed.
 * @param now the time the report is recorded
 * @throws InvalidReportError or LimitExceededError (BAD_USER_INPUT) naming the field and limit
 */
export function checkReport(
  input: { description: string; reporterContact?: string | null; reportedAt?: Date | null },
  now: Date,
): Pick<NewReport, 'description' | 'reporterContact' | 'reportedAt'> {
  const description = input.description.trim();
  if (description === '') {
    throw new InvalidReportError('description must say what the problem is; got an empty string');
  }
  if (description.length > MAX_DESCRIPTION) {
    throw new LimitExceededError('description', `at most ${MAX_DESCRIPTION} characters`, description.length);
  }
  const contact = input.reporterContact?.trim() || null;
  if (contact && contact.length > MAX_CONTACT) {
    throw new LimitExceededError('reporterContact', `at most ${MAX_CONTACT} characters`, contact.length);
  }
  const reportedAt = input.reportedAt ?? now;
  const earliest = new Date(now);
  earliest.setUTCFullYear(earliest.getUTCFullYear() - MAX_REPORT_AGE_YEARS);
  if (!(reportedAt.getTime() >= earliest.getTime() && reportedAt.getTime() <= now.getTime() + CLOCK_SKEW_MS)) {
    throw new InvalidReportError(
      `reportedAt must be within the last ${MAX_REPORT_AGE_YEARS} years and not in the future, got ${Number.isNaN(reportedAt.getTime()) ? 'an invalid date' : reportedAt.toISOString()}`,
    );
  }
  return { description, reporterContact: contact, reportedAt };
}

/**
 * Checks a workflow note: at most MAX_NOTE characters once trimmed; empty means none.
 * @throws LimitExceededError when it is longer
 */
export function checkNote(note: string | null): string | null {
  const trimmed = note?.trim() || null;
  if (trimmed && trimmed.length > MAX_NOTE) {
    throw new LimitExceededError('note', `at most ${MAX_NOTE} characters`, trimmed.length);
  }
  return trimmed;
}

/**
 * Checks an incident id is one the hub could have handed out (checkRowId).
 * @throws LimitExceededError (BAD_USER_INPUT) otherwise
 */
export function checkIncidentId(id: string): string {
  return checkRowId(id, 'an incident');
}
