import { Client } from 'pg';

import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded';

// The relay between `pg` clients and the one PGlite session (src/db/pglite-wire.ts), on its own
// in-memory database.
describe('the PGlite relay', () => {
  let embedded: EmbeddedPostgres;
  const clients: Client[] = [];
  const connect = async () => {
    const client = new Client({ connectionString: embedded.url });
    await client.connect();
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    embedded = await startEmbeddedPostgres();
    const setup = await connect();
    await setup.query('CREATE TABLE relay_test (n int)');
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await embedded.stop();
  });

  it('answers the statement after a failed one in a transaction with its own rows', async () => {
    const client = await connect();
    for (let i = 0; i < 5; i += 1) {
      await client.query('BEGIN');
      await expect(client.query('SELECT 1 / ($1::int - 1) AS n', [1])).rejects.toThrow(/division by zero/);
      await client.query('ROLLBACK');
      expect((await client.query('SELECT $1::int AS n', [i])).rows).toEqual([{ n: i }]);
    }
  });

  it("keeps one client's transaction to itself: another client's statement waits for its end", async () => {
    const [a, b] = [await connect(), await connect()];
    await a.query('BEGIN');
    await a.query('INSERT INTO relay_test VALUES (1)');
    let seen: number | undefined;
    const reading = b.query('SELECT count(*)::int AS n FROM relay_test').then((r) => {
      seen = r.rows[0].n;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toBeUndefined();
    await a.query('ROLLBACK');
    await reading;
    expect(seen).toBe(0);
  });

  it('rolls back the transaction of a client that went away', async () => {
    const a = await connect();
    a.on('error', () => undefined);
    await a.query('BEGIN');
    await a.query('INSERT INTO relay_test VALUES (2)');
    (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const b = await connect();
    expect((await b.query('SELECT count(*)::int AS n FROM relay_test')).rows).toEqual([{ n: 0 }]);
    expect((await b.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});
