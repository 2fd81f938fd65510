import type { NextFunction, Request, Response } from 'express';

import type { Db } from '../db/db';
import { DatabaseBusyError, TimeLimitError } from '../errors';

/** One request's turn at the embedded database. */
interface Turn {
  /** Statements sent and not yet answered: the turn ends only once these are done. */
  running: number;
  /** The response has gone (or the client went away). */
  answered: boolean;
  end: () => void;
}

interface Waiting {
  start: () => void;
  timer: NodeJS.Timeout;
}

const TURN = 'embeddedTurn';

/** How much the last turn's length counts in the running mean that Retry-After is taken from. */
const WEIGHT = 0.3;

/**
 * GraphQL requests on the embedded database take turns, one at a time, with at most `maxWaiting`
 * waiting. PGlite is one session serving one statement at a time, so requests sent together
 * only interleave their statements on the single pool connection: each finishes late, and
 * before this queue those that waited longer than the pool allowed for the connection failed
 * (the fifth of five 2 s hot-spot maps did, at the 5 s a server's pool still has). Turns keep the order of arrival, refuse at once with 503 and Retry-After what would
 * only wait, and hold each statement to `timeLimitMs`, as a server's statement timeout does, and
 * each request's wait for its turn to the same. A request's own work in the hub's thread (a
 * grouping proposal's search) is not counted: on a server it is not either.
 *
 * PGlite cannot be interrupted: it has no statement timeout, and its memory is not shared with
 * the hub's thread, so PostgreSQL's cancel flag cannot be set from outside. Ending its thread
 * would lose an in-memory database and leave a data folder to crash recovery. So a statement past
 * the limit is answered TIME_LIMIT_EXCEEDED at once, and runs to its end while the next request
 * waits: the turn is only over when its last statement is.
 */
export class EmbeddedQueue {
  private busy = false;
  private readonly waiting: Waiting[] = [];
  private meanMs = 1000;

  constructor(
    private readonly maxWaiting: number,
    private readonly timeLimitMs: number,
  ) {}

  /** Requests waiting for their turn now (not counting the one being served). */
  get waitingCount(): number {
    return this.waiting.length;
  }

  /**
   * Express middleware: waits for the request's turn, or refuses it (full queue, or its time
   * limit passed while it waited) through `refuse`.
   * @param refuse how the app answers a domain error
   */
  middleware(refuse: (res: Response, error: Error) => void) {
    return (_req: Request, res: Response, next: NextFunction) => {
      const start = () => {
        this.busy = true;
        const started = Date.now();
        const turn: Turn = { running: 0, answered: false, end: () => undefined };
        let ended = false;
        turn.end = () => {
          if (ended || !turn.answered || turn.running > 0) {
            return;
          }
          ended = true;
          this.meanMs += WEIGHT * (Date.now() - started - this.meanMs);
          this.next();
        };
        res.locals[TURN] = turn;
        res.once('close', () => {
          turn.answered = true;
          turn.end();
        });
        next();
      };
      if (!this.busy) {
        start();
        return;
      }
      if (this.waiting.length >= this.maxWaiting) {
        // A place in the queue opens when the request being served ends: about one mean turn.
        const seconds = Math.max(1, Math.ceil(this.meanMs / 1000));
        refuse(
          res,
          new DatabaseBusyError(
            `the embedded database is busy (${this.waiting.length} requests waiting); try again in ${seconds} s`,
            seconds,
          ),
        );
        return;
      }
      const entry: Waiting = {
        start: () => {
          clearTimeout(entry.timer);
          start();
        },
        timer: setTimeout(() => {
          this.leave(entry);
          refuse(res, this.overLimit('this request did not get its turn'));
        }, this.timeLimitMs),
      };
      this.waiting.push(entry);
      // A client that gives up while waiting gives its place back.
      res.once('close', () => {
        if (this.leave(entry)) {
          clearTimeout(entry.timer);
        }
      });
    };
  }

  /**
   * The request's database handle bound to its turn: each statement counts as running until it
   * is answered, and fails with TimeLimitError once it has run for the time limit.
   * @param res the request's response, whose turn `middleware` recorded
   * @param db the pool, or a transaction's handle
   */
  bound(res: Response, db: Db): Db {
    const turn = res.locals[TURN] as Turn | undefined;
    if (!turn) {
      return db;
    }
    return {
      query: <T>(sql: string, params?: readonly unknown[]) => {
        turn.running += 1;
        const answer = db.query<T>(sql, params).finally(() => {
          turn.running -= 1;
          turn.end();
        });
        let timer: NodeJS.Timeout | undefined;
        const limit = new Promise<never>((_resolve, reject) => {
          timer = setTimeout(
            () => reject(this.overLimit('a statement of this request did not finish')),
            this.timeLimitMs,
          );
        });
        // The statement goes on after the limit; its own failure then has no one to tell.
        answer.catch(() => undefined);
        return Promise.race([answer, limit]).finally(() => clearTimeout(timer));
      },
    };
  }

  private overLimit(what: string): TimeLimitError {
    return new TimeLimitError(
      `${what} within ${this.timeLimitMs / 1000} s on the embedded database; ` +
        'ask for less (a shorter period, a coarser grid) or run the hub on a PostgreSQL server',
    );
  }

  private leave(entry: Waiting): boolean {
    const index = this.waiting.indexOf(entry);
    if (index < 0) {
      return false;
    }
    this.waiting.splice(index, 1);
    return true;
  }

  private next(): void {
    this.busy = false;
    this.waiting.shift()?.start();
  }
}
