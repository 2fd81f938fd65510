import { Client } from 'pg';

// SQLSTATE classes and codes that mean "the server is not there for us now", not "this
// statement is wrong": connection exceptions, shutdowns, starting up, too many connections.
const UNAVAILABLE_SQLSTATES = ['57P01', '57P02', '57P03', '53300'];
const UNAVAILABLE_NODE_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOENT',
];
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /^Query read timeout/,
  /is not queryable/,
  /^Connection ended/,
];

/**
 * Whether an error (or what it wraps: TypeORM's driverError, a cause, graphql-js's thrownValue
 * for a thrown non-Error, an AggregateError's errors) says the database cannot be reached, as
 * opposed to a statement failing. Such errors answer SERVICE_UNAVAILABLE.
 */
export function isUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) {
    return false;
  }
  const e = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    thrownValue?: unknown;
    errors?: unknown;
  };
  if (typeof e.code === 'string' && (e.code.startsWith('08') || UNAVAILABLE_SQLSTATES.includes(e.code))) {
    return true;
  }
  if (typeof e.code === 'string' && UNAVAILABLE_NODE_CODES.includes(e.code)) {
    return true;
  }
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(e.message as string))) {
    return true;
  }
  return (
    isUnavailable(e.driverError, depth + 1) ||
    isUnavailable(e.cause, depth + 1) ||
    isUnavailable(e.thrownValue, depth + 1) ||
    (Array.isArray(e.errors) && e.errors.some((inner) => isUnavailable(inner, depth + 1)))
  );
}

/**
 * Asks the database `SELECT 1` over a connection of its own (so a busy pool does not hide a
 * live server), within a time limit.
 * @param url the database's postgres:// URL
 * @param timeoutMs how long to wait for a connection and for the answer
 * @returns null when it answered, otherwise why not
 */
export async function probe(url: string, timeoutMs: number): Promise<string | null> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  // An error after the probe has settled (the server going away) must not end the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Where the hub stands with its database. */
export type DatabaseState = 'connecting' | 'ready' | 'down' | 'stopping';

/** Asks the database whether it answers; resolves with null when it does, or why not. */
export type Probe = (timeoutMs: number) => Promise<string | null>;

/**
 * A probe through the hub's own pool, for PGlite: it is one session behind a multiplexer, where a
 * second connection's messages could land between the pool's, so it is never probed from
 * outside. One probe at a time; a probe still waiting counts as "busy".
 */
export function poolProbe(query: () => Promise<unknown>): Probe {
  let pending: Promise<unknown> | undefined;
  return async (timeoutMs) => {
    pending ??= query().finally(() => {
      pending = undefined;
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`timeout after ${timeoutMs} ms (busy)`), timeoutMs);
    });
    try {
      return await Promise.race([pending.then(() => null), timeout]);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Watches the database with a probe every second or two, so the hub knows within about a second
 * that a server went away (requests then fail at once with SERVICE_UNAVAILABLE instead of waiting
 * on connections) and when it is back (requests are served again, with no restart). The
 * embedded database is only "down" when it fails outright: a long statement there keeps it busy,
 * and a request waits its turn.
 */
export class DatabaseWatch {
  state: DatabaseState = 'connecting';
  reason = 'connecting to the database';
  private timer: NodeJS.Timeout | undefined;
  private probe: Probe | undefined;
  private lastCheck: { at: number; failure: string | null } | undefined;
  private pglite = false;

  /** Whether requests should be sent to the database now. */
  get accepting(): boolean {
    return this.state === 'ready';
  }

  /**
   * The database is open, migrated and loaded: start serving and watching it.
   * @param check how to ask it: `probe` on a connection of its own for a server, poolProbe for PGlite
   * @param pglite a timeout then means busy, not down
   */
  connected(check: Probe, pglite: boolean): void {
    this.probe = check;
    this.pglite = pglite;
    this.state = 'ready';
    this.reason = 'ready';
    this.schedule();
  }

  /** The database could not be opened yet; `reason` says why. */
  notConnected(reason: string): void {
    this.reason = reason;
  }

  /**
   * Readiness now: the database answered `SELECT 1` within a second (checked afresh unless a
   * check finished in the last half second).
   */
  async readiness(): Promise<{ ready: boolean; reason: string }> {
    if (this.state === 'connecting' || this.state === 'stopping' || !this.probe) {
      return { ready: false, reason: this.reason };
    }
    if (!this.lastCheck || Date.now() - this.lastCheck.at > 500) {
      await this.check();
    }
    const failure = this.lastCheck?.failure ?? null;
    if (failure && this.state === 'ready') {
      // The embedded database still up but slow to answer is busy with a statement: the hub
      // keeps serving (requests take turns, with a bound), and there is no other one to send to.
      return { ready: true, reason: `busy: the embedded database is running a statement (${failure})` };
    }
    return failure
      ? { ready: false, reason: `the database did not answer within 1 s: ${failure}` }
      : { ready: true, reason: 'ready' };
  }

  /**
   * A request that reached the database was just answered SERVICE_UNAVAILABLE: forget the last
   * good check and probe now, so that readiness and the next requests know at once rather than at
   * the next scheduled probe (which may be two seconds away, or may have passed just before the
   * server went).
   */
  suspect(): void {
    if (this.state !== 'ready') {
      return;
    }
    this.lastCheck = undefined;
    void this.check();
  }

  /** Stop watching (the hub is shutting down). */
  stop(): void {
    this.state = 'stopping';
    this.reason = 'shutting down';
    clearTimeout(this.timer);
  }

  private async check(): Promise<void> {
    const failure = await (this.probe as Probe)(1000);
    this.lastCheck = { at: Date.now(), failure };
    if (this.state === 'stopping') {
      return;
    }
    // A timeout on PGlite means a long statement is running, not an outage.
    const down = failure !== null && (!this.pglite || !/timeout/i.test(failure));
    this.state = down ? 'down' : 'ready';
    this.reason = down ? `the database is not answering: ${failure}` : 'ready';
  }

  private schedule(): void {
    if (this.state === 'stopping') {
      return;
    }
    this.timer = setTimeout(
      () => void this.check().finally(() => this.schedule()),
      this.state === 'down' ? 1000 : 2000,
    );
    this.timer.unref();
  }
}
