import { atLeast, type Role } from './roles';

/** Who is asking: their role, how to name them in the audit trail, and whose budget they spend. */
export interface Caller {
  role: Role;
  /** Recorded by every write: `api-key:ID (label)`, `jwt:SUBJECT`, or `anonymous`. */
  identity: string;
  /** Rate limits count per key or token subject, and per address for anonymous callers. */
  limitKey: string;
}

/** A caller who sent no credentials. */
export function anonymous(address: string): Caller {
  return { role: 'public', identity: 'anonymous', limitKey: `address:${address}` };
}

/**
 * Exact points of street-scene reports (residents' reports): officers and administrators.
 * Everyone else gets them at the centre of their 100 m grid cell (published_point in SQL).
 */
export function seesExactPoints(caller: Caller): boolean {
  return atLeast(caller.role, 'officer');
}

/** Counts from 1 to 4 in small-area figures and cells: analysts and above; public callers get null. */
export function seesSmallCounts(caller: Caller): boolean {
  return atLeast(caller.role, 'analyst');
}

/** An administrator inside the process (benchmarks and tests call the schema directly). */
export function inProcessCaller(identity: string): Caller {
  return { role: 'admin', identity, limitKey: `in-process:${identity}` };
}
