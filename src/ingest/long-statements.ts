import type { Db } from '../db/db';
import { sqlFile } from '../db/sql';

/**
 * Lifts the pool's per-statement limit (STATEMENT_TIMEOUT_MS, meant for requests) to 30 minutes
 * for the rest of the transaction `db` is in, for a batch job whose set-based statements grow
 * with the data: re-assigning a million incidents after a boundary change takes minutes, and
 * cancelled at a minute it would be retried for ever by a hub starting up. Call it first in the
 * transaction; outside one it has no effect.
 * @param db a transaction's Db
 */
export async function allowLongStatements(db: Db): Promise<void> {
  await db.query(sqlFile(__dirname, 'allow-long-statements'));
}
