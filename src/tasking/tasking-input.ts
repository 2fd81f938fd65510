import { checkRowId } from '../db/row-id';
import { AlreadyExistsError, LimitExceededError, NotFoundError } from '../errors';

/** Checks on the input of agencies, boards and plans, shared by their mutations. */

/** The largest id a SERIAL (integer) row can have. */
const MAX_SERIAL = 2 ** 31 - 1;

/**
 * Checks the id of an integer-keyed row (board, member, meeting, plan, priority).
 * @throws LimitExceededError (BAD_USER_INPUT) for a malformed id; NotFoundError for one past any
 *   the table can hold, with `missing` as the message
 */
export function serialId(id: string, what: string, name: string, missing: string): string {
  checkRowId(id, what, name);
  if (Number(id) > MAX_SERIAL) {
    throw new NotFoundError(missing);
  }
  return id;
}

/** Trims a required text and checks its length. @throws LimitExceededError */
export function requiredText(name: string, value: string, max: number): string {
  const text = value.trim();
  if (text.length === 0 || text.length > max) {
    throw new LimitExceededError(name, `from 1 to ${max} characters (spaces at either end not counted)`, text.length);
  }
  return text;
}

// What contact details look like: an e-mail address, or eight or more digits in a run that
// may hold spaces, dots, dashes and brackets (a phone number). A post number ("PC 1234") passes.
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const PHONE = /\+?\d(?:[\s().-]*\d){7,}/;

/**
 * Checks a member's name is a name or a post and not contact details: the hub holds none.
 * @throws LimitExceededError (BAD_USER_INPUT) for an e-mail address or phone number, or a bad length
 */
export function memberName(value: string, max: number): string {
  const text = requiredText('name', value, max);
  const found = EMAIL.test(text) ? 'an e-mail address' : PHONE.test(text) ? 'a phone number' : null;
  if (found) {
    throw new LimitExceededError('name', 'a name or a post, without contact details (the hub holds none)', found);
  }
  return text;
}

/** PostgreSQL's code for a unique violation. */
const UNIQUE_VIOLATION = '23505';

/**
 * Runs work that inserts a row with a unique name or key, turning the database's refusal of a
 * duplicate (a same-name race the check beforehand could not see) into a refusal of the input.
 * @param duplicate the message when the database refuses a duplicate
 */
export async function refusingDuplicates<T>(work: () => Promise<T>, duplicate: string): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const code = (err as { code?: unknown; driverError?: { code?: unknown } }).code;
    const driverCode = (err as { driverError?: { code?: unknown } }).driverError?.code;
    if (code === UNIQUE_VIOLATION || driverCode === UNIQUE_VIOLATION) {
      throw new AlreadyExistsError(duplicate);
    }
    throw err;
  }
}
