import { HeaderMap } from '@apollo/server';

import { anonymous } from '../src/auth/caller';
import type { Db } from '../src/db/db';
import { createApolloServer } from '../src/graphql/apollo';
import { createContext } from '../src/graphql/context';
import { isPlainRead } from '../src/graphql/response-cache';
import { buildHubSchema } from '../src/graphql/schema';

import { countingDb, inRolledBackTransaction } from './helpers/database';
import { graphqlSuite, TEST_CALLER } from './helpers/graphql';

const suite = graphqlSuite();
const WARD = '{ ward(code: "E05015511") { code name lsoas { code } } }';

async function cachingServer() {
  const server = createApolloServer(await buildHubSchema(), { development: true, responseCache: true });
  await server.start();
  return server;
}

describe('the response cache of plain reads', () => {
  let server: Awaited<ReturnType<typeof cachingServer>>;
  beforeAll(async () => {
    server = await cachingServer();
  });
  afterAll(() => server.stop());

  const ask = async (db: Db, query: string, ifNoneMatch?: string, caller = TEST_CALLER) => {
    const headers = new HeaderMap(ifNoneMatch ? [['if-none-match', ifNoneMatch]] : []);
    const response = await server.executeOperation(
      { query, http: { method: 'POST', headers, search: '', body: { query } } },
      { contextValue: createContext(db, caller) },
    );
    const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
    return { status: response.http.status ?? 200, etag: response.http.headers.get('etag'), body };
  };

  it('answers a repeated read from the cache with one statement, labelled with an ETag, and 304 to a client that has it', async () => {
    const first = await ask(suite.db, WARD);
    expect(first.body?.errors).toBeUndefined();
    expect(first.etag).toMatch(/^"g[A-Za-z0-9_-]{32}"$/);
    const counting = countingDb(suite.db);
    const again = await ask(counting, WARD);
    expect(again.body).toEqual(first.body);
    expect(again.etag).toBe(first.etag);
    // the data version only: the answer's own reads are not run again
    expect(counting.count).toBe(1);
    expect((await ask(suite.db, WARD, first.etag as string)).status).toBe(304);
  });

  it('never answers from the cache after a change: the data version moves with it', async () => {
    const before = await ask(suite.db, WARD);
    const renamed = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      await tx.query(`UPDATE ward SET name = 'Renamed' WHERE code = 'E05015511'`);
      return ask(tx, WARD, before.etag as string);
    });
    expect(renamed.status).toBe(200);
    expect(renamed.etag).not.toBe(before.etag);
    expect((renamed.body?.data as { ward: { name: string } }).ward.name).toBe('Renamed');
    // Another change in another transaction reaches the same version number: still not the first's answer.
    const other = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      await tx.query(`UPDATE ward SET name = 'Other' WHERE code = 'E05015511'`);
      return ask(tx, WARD);
    });
    expect((other.body?.data as { ward: { name: string } }).ward.name).toBe('Other');
    expect((await ask(suite.db, WARD)).body).toEqual(before.body);
  });

  it("keeps each role's answer apart", async () => {
    const admin = await ask(suite.db, WARD);
    const pub = await ask(suite.db, WARD, admin.etag as string, anonymous('127.0.0.1'));
    expect(pub.status).toBe(200);
    expect(pub.etag).not.toBe(admin.etag);
  });

  it('caches only plain reads', async () => {
    const schema = await buildHubSchema();
    const { parse } = await import('graphql');
    expect(isPlainRead(schema, parse('{ areas { code wards { code lsoas { code } geometry } } }'))).toBe(true);
    expect(isPlainRead(schema, parse('{ incidents(first: 1) { edges { node { id category { slug } } } } }'))).toBe(
      true,
    );
    // figures over incidents, a task's view, a police neighbourhood: not plain
    expect(isPlainRead(schema, parse('{ wards { stats(from: "2018-12", to: "2018-12") { total } } }'))).toBe(false);
    expect(isPlainRead(schema, parse('{ incidents(first: 1) { edges { node { statusHistory { status } } } } }'))).toBe(
      false,
    );
    expect(isPlainRead(schema, parse('{ policeNeighbourhoods { name } }'))).toBe(false);
    const stats = await ask(suite.db, '{ wards { code stats(from: "2018-12", to: "2018-12") { total } } }');
    expect(stats.body?.errors).toBeUndefined();
    expect(stats.etag).toBeUndefined();
  });
});
