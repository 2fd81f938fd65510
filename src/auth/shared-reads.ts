import type { FoundKey, KeysAndStamp } from './api-keys';

/** Reads the data version and the active keys among those presented, in one statement. */
export type ReadKeysAndStamp = (keys: readonly string[]) => Promise<KeysAndStamp>;

/** The next read: the keys of the requests waiting for it, and how to give them its answer. */
interface Batch {
  keys: Set<string>;
  answer: Promise<KeysAndStamp>;
  resolve: (answer: KeysAndStamp) => void;
  reject: (error: unknown) => void;
}

/**
 * The reads every request on a server database starts with, shared by requests that arrive
 * together: the caller's API key (src/auth/authenticate.ts) and the data version that labels
 * cached answers (src/http/cached-answers.ts), which one statement reads for many keys at once
 * (ApiKeysService.findEach).
 *
 * Why: a repeated read is answered from the response cache before Apollo, so that statement was
 * most of what a cached request cost. On a small machine whose cores PostgreSQL shares with the
 * hub and its clients, one statement per request is what held the hub to PostGraphile's rate on
 * its cheapest query (bench/RESULTS.md), while the hub's own process sat partly idle.
 *
 * How, and why it is safe: at most one read is in flight. A request arriving while it is waits
 * for the next read, which is sent when the one in flight answers and carries the keys of every
 * request that arrived meanwhile. A request is never answered from a read that was already sent
 * when it arrived, so the read's snapshot is taken after the request arrived: a revoked key or a
 * data change committed before then is seen, as it was when each request sent its own statement.
 * Nothing is kept once a read has answered; this is not a cache. The price is latency: a request
 * arriving just after a read was sent waits for that read and then its own.
 *
 * A failed read fails every request that waited for it, as each one's own statement would have.
 * Not used on the embedded database, whose requests take turns (src/http/embedded-queue.ts).
 */
export class SharedReads {
  private inFlight = false;
  private next: Batch | undefined;

  /** @param read one statement for the keys of a batch (ApiKeysService.findEach) */
  constructor(private readonly read: ReadKeysAndStamp) {}

  /**
   * The active key presented, with the data version read in the same statement.
   * @returns undefined when the key is unknown or revoked
   */
  async key(key: string): Promise<FoundKey | undefined> {
    return (await this.join(key)).found.get(key);
  }

  /** The data version, for a caller whose key did not bring it. */
  async stamp(): Promise<string> {
    return (await this.join(undefined)).dataStamp;
  }

  // Private: joins the read not yet sent (making it if there is none), and sends it at once when
  // no read is in flight.
  private join(key: string | undefined): Promise<KeysAndStamp> {
    let batch = this.next;
    if (!batch) {
      let resolve!: Batch['resolve'];
      let reject!: Batch['reject'];
      const answer = new Promise<KeysAndStamp>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      batch = { keys: new Set(), answer, resolve, reject };
      this.next = batch;
    }
    if (key !== undefined) {
      batch.keys.add(key);
    }
    if (!this.inFlight) {
      this.send();
    }
    return batch.answer;
  }

  // Private: sends the waiting batch; when it answers, the next one (if any request came meanwhile).
  private send(): void {
    const batch = this.next as Batch;
    this.next = undefined;
    this.inFlight = true;
    let answer: Promise<KeysAndStamp>;
    try {
      answer = this.read([...batch.keys]);
    } catch (err) {
      answer = Promise.reject(err);
    }
    void answer.then(batch.resolve, batch.reject).finally(() => {
      this.inFlight = false;
      if (this.next) {
        this.send();
      }
    });
  }
}
