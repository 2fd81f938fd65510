import fs from 'node:fs';
import net from 'node:net';

import type { PGlite } from '@electric-sql/pglite';

// Wire protocol codes (PostgreSQL protocol 3): the untyped first messages a client may send, and
// the typed messages that end a round (a client waits for the answer after each of them).
const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const ROUND_ENDS = new Set(['S', 'Q', 'H', 'c', 'f']); // Sync, Query, Flush, CopyDone, CopyFail
const TERMINATE = 'X';
const READY_FOR_QUERY = 0x5a; // 'Z'

interface Round {
  connection: Connection;
  bytes: Buffer;
  /** A startup message, or a round ending in Sync or Query: PostgreSQL answers it with one Z. */
  endsReady: boolean;
}

interface Connection {
  socket: net.Socket;
  buffer: Buffer;
  started: boolean;
  /** Messages read since the last round ended. */
  pending: Buffer[];
}

/**
 * Keeps only the last ReadyForQuery ('Z') of a round's answer, and none when the round does not
 * end in one. PGlite answers a failed extended query with a ReadyForQuery of its own before the
 * one for Sync; a client then takes the extra one as the end of its next statement.
 */
function oneReadyForQuery(answer: Buffer, endsReady: boolean): Buffer {
  const parts: Buffer[] = [];
  let lastReady: Buffer | undefined;
  for (let at = 0; at + 5 <= answer.length;) {
    const length = answer.readInt32BE(at + 1);
    const message = answer.subarray(at, at + 1 + length);
    if (answer[at] === READY_FOR_QUERY) {
      lastReady = message;
    } else {
      parts.push(message);
    }
    at += 1 + length;
  }
  if (endsReady && lastReady) {
    parts.push(lastReady);
  }
  return Buffer.concat(parts);
}

/**
 * Serves one PGlite to several clients on a Unix socket, as a PostgreSQL server would, for the
 * hub's `pg` pool. PGlite is a single session, so the relay runs one client's round at a time (a
 * round is the messages up to a Sync or a simple Query, given to PGlite together, so an extended
 * query is never split), keeps a client's transaction to itself until it ends (another client's
 * rounds wait), and rolls back a transaction whose client went away.
 */
export class PGliteWireServer {
  private readonly server: net.Server;
  private readonly queue: Round[] = [];
  private owner: Connection | undefined;
  private running = false;
  private readonly connections = new Set<Connection>();

  constructor(
    private readonly db: PGlite,
    private readonly socketPath: string,
  ) {
    this.server = net.createServer((socket) => this.accept(socket));
  }

  /** Listens, with the socket readable and writable by this OS user only. */
  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.socketPath, () => resolve());
    });
    fs.chmodSync(this.socketPath, 0o600);
  }

  async stop(): Promise<void> {
    for (const connection of this.connections) {
      connection.socket.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    const connection: Connection = { socket, buffer: Buffer.alloc(0), started: false, pending: [] };
    this.connections.add(connection);
    socket.on('data', (chunk) => {
      connection.buffer = Buffer.concat([connection.buffer, chunk]);
      this.read(connection);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => void this.drop(connection));
  }

  // Splits what a client sent into rounds and queues each complete one.
  private read(connection: Connection): void {
    for (;;) {
      const buffer = connection.buffer;
      if (!connection.started) {
        if (buffer.length < 8) {
          return;
        }
        const length = buffer.readInt32BE(0);
        const code = buffer.readInt32BE(4);
        if (buffer.length < length) {
          return;
        }
        connection.buffer = buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSS_REQUEST) {
          connection.socket.write('N');
          continue;
        }
        if (code === CANCEL_REQUEST) {
          connection.socket.destroy();
          return;
        }
        connection.started = true;
        this.enqueue({ connection, bytes: buffer.subarray(0, length), endsReady: true });
        continue;
      }
      if (buffer.length < 5) {
        return;
      }
      const length = 1 + buffer.readInt32BE(1);
      if (buffer.length < length) {
        return;
      }
      const type = String.fromCharCode(buffer[0]);
      const message = buffer.subarray(0, length);
      connection.buffer = buffer.subarray(length);
      if (type === TERMINATE) {
        connection.socket.end();
        return;
      }
      connection.pending.push(message);
      if (ROUND_ENDS.has(type)) {
        const bytes = Buffer.concat(connection.pending);
        connection.pending = [];
        this.enqueue({ connection, bytes, endsReady: type === 'S' || type === 'Q' });
      }
    }
  }

  private enqueue(round: Round): void {
    this.queue.push(round);
    void this.run();
  }

  // The next round to run: the transaction owner's, while a transaction is open.
  private next(): Round | undefined {
    const index = this.owner ? this.queue.findIndex((r) => r.connection === this.owner) : 0;
    return index < 0 ? undefined : this.queue.splice(index, 1)[0];
  }

  private async run(): Promise<void> {
    if (this.running) {
      return;
    }
    this.running = true;
    try {
      for (let round = this.next(); round; round = this.next()) {
        const chunks: Buffer[] = [];
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(new Uint8Array(round.bytes), {
              onRawData: (data) => chunks.push(Buffer.from(data)),
            }),
          );
        } catch {
          // PGlite could not take the round at all: the client's protocol state is unknown, so
          // it is disconnected (its transaction, if any, is rolled back as it goes).
          round.connection.socket.destroy();
          continue;
        }
        this.owner = this.db.isInTransaction() ? round.connection : undefined;
        if (!round.connection.socket.destroyed) {
          round.connection.socket.write(oneReadyForQuery(Buffer.concat(chunks), round.endsReady));
        }
      }
    } finally {
      this.running = false;
    }
  }

  // A client that goes away loses its queued rounds, and its open transaction is rolled back.
  private async drop(connection: Connection): Promise<void> {
    this.connections.delete(connection);
    for (let i = this.queue.length - 1; i >= 0; i -= 1) {
      if (this.queue[i].connection === connection) {
        this.queue.splice(i, 1);
      }
    }
    if (this.owner === connection) {
      this.owner = undefined;
      if (this.db.isInTransaction()) {
        // exec takes PGlite's statement lock itself (inside runExclusive it would wait for ever).
        await this.db.exec('ROLLBACK');
      }
      void this.run();
    }
  }
}
