import { LimitExceededError } from '../errors';

/** The largest id PostgreSQL's bigint holds. */
const MAX_ID = 2n ** 63n - 1n;

/**
 * Checks an id is one the hub could have handed out for a bigserial row: a whole number that fits
 * bigint, so that a wrong id is refused with a reason rather than failing in the database.
 * @param what the row, for the message ("incident", "plan")
 * @throws LimitExceededError (BAD_USER_INPUT) otherwise
 */
export function checkRowId(id: string, what: string, name = 'id'): string {
  if (!/^[1-9]\d{0,18}$/.test(id) || BigInt(id) > MAX_ID) {
    throw new LimitExceededError(
      name,
      `${what} id (a whole number from 1 to ${MAX_ID})`,
      JSON.stringify(id.slice(0, 40)),
    );
  }
  return id;
}
