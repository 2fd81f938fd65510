import { request as httpRequest } from 'node:http';

import { ApolloServer, HeaderMap } from '@apollo/server';

import { ApiKeysService } from '../src/auth/api-keys';
import { anonymous, type Caller } from '../src/auth/caller';
import type { RateLimits } from '../src/auth/rate-limit';
import { readConfig } from '../src/config';
import type { Db } from '../src/db/db';
import { RateLimitedError } from '../src/errors';
import { createApolloServer } from '../src/graphql/apollo';
import { createContext } from '../src/graphql/context';
import { createResponseCache, isPlainRead } from '../src/graphql/response-cache';
import { buildHubSchema } from '../src/graphql/schema';
import { type Hub, startHub } from '../src/hub';

import {
  connectTestDatabase,
  countingDb,
  dataVersion,
  inRolledBackTransaction,
  testDatabaseUrl,
  withinOneDataVersion,
} from './helpers/database';
import { graphqlSuite, TEST_CALLER } from './helpers/graphql';

const suite = graphqlSuite();
const WARD = '{ ward(code: "E05015511") { code name lsoas { code } } }';

async function cachingServer() {
  const server = createApolloServer(await buildHubSchema(), {
    development: true,
    responseCache: createResponseCache(),
  });
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
    await withinOneDataVersion(suite.db, async () => {
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

const HOTSPOTS =
  '{ hotspots(input: { from: "2018-12", to: "2018-12", cellSizeMetres: 1000 }) { disclosure cells { id count zScore wards { code } } } }';

describe('the response cache of Gi* hot spots', () => {
  let server: Awaited<ReturnType<typeof cachingServer>>;
  beforeAll(async () => {
    server = await cachingServer();
  });
  afterAll(() => server.stop());

  const ask = async (db: Db, caller = TEST_CALLER) => {
    const response = await server.executeOperation({ query: HOTSPOTS }, { contextValue: createContext(db, caller) });
    return response.body.kind === 'single' ? response.body.singleResult : undefined;
  };

  it('answers a repeated analysis with the data version alone, the same answer as computed afresh', async () => {
    let first: Awaited<ReturnType<typeof ask>>;
    await withinOneDataVersion(suite.db, async () => {
      first = await ask(suite.db);
      expect(first?.errors).toBeUndefined();
      const counting = countingDb(suite.db);
      const again = await ask(counting);
      expect(again).toEqual(first);
      expect(counting.count).toBe(1);
    });
    const fresh = await suite.client.run(suite.db, HOTSPOTS);
    expect(fresh.errors).toBeUndefined();
    expect(first?.data).toEqual(fresh.data);
  });

  it('computes it again after an incident changes', async () => {
    const before = await ask(suite.db);
    const cells = (r: typeof before) => (r?.data as { hotspots: { cells: { count: number }[] } }).hotspots.cells;
    const total = (r: typeof before) => cells(r).reduce((n, c) => n + c.count, 0);
    const after = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      await tx.query(
        `DELETE FROM incident WHERE id IN (SELECT id FROM incident WHERE month = '2018-12-01' AND geom IS NOT NULL LIMIT 1)`,
      );
      return ask(tx);
    });
    expect(total(after)).toBe(total(before) - 1);
  });

  it("keeps a public caller from an analyst's small counts", async () => {
    const analyst: Caller = { role: 'analyst', identity: 'api-key:9 (test)', limitKey: 'api-key:9' };
    const full = await ask(suite.db, analyst);
    const pub = await ask(suite.db, anonymous('127.0.0.1'));
    expect((full?.data as { hotspots: { disclosure: string } }).hotspots.disclosure).toBe('EXACT');
    expect((pub?.data as { hotspots: { disclosure: string } }).hotspots.disclosure).toBe('SMALL_COUNTS_SUPPRESSED');
    expect(pub).not.toEqual(full);
  });
});

describe('the response cache over HTTP', () => {
  let hub: Hub;
  let db: Db;
  let close: () => Promise<void>;
  const made: number[] = [];
  // Requests that reached Apollo: a hit answered before it (src/http/cached-answers.ts) does not.
  const throughApollo = jest.spyOn(ApolloServer.prototype, 'executeHTTPGraphQLRequest');
  const apolloCalls = () => throughApollo.mock.calls.length;

  beforeAll(async () => {
    const connection = await connectTestDatabase();
    db = connection.db;
    close = () => connection.dataSource.destroy();
    // Budgets small enough to run out within the test: a cached answer must spend them too.
    hub = await startHub({
      ...readConfig({ RATE_LIMITS: 'public=200,analyst=100000,officer=100000,admin=100000' }),
      port: 0,
      databaseUrl: testDatabaseUrl(),
    });
    await hub.ready;
  });

  afterAll(async () => {
    throughApollo.mockRestore();
    await db.query('DELETE FROM api_key WHERE id = ANY($1)', [made]);
    await hub.stop();
    await close();
  });

  const key = async (role: 'analyst' | 'officer') => {
    const created = await new ApiKeysService(db).create(`response cache test ${role}`, role, 'jest');
    made.push(created.id);
    return { authorization: `Bearer ${created.key}` };
  };

  const post = async (query: string, headers: Record<string, string> = {}) => {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, etag: response.headers.get('etag'), text: await response.text() };
  };

  /**
   * One request through node:http, to see the head as sent: header names as written and in their
   * order, without Date (which moves); whether Apollo answered it; the body.
   */
  const raw = (
    method: 'GET' | 'POST',
    body: { query: string; variables?: Record<string, unknown> },
    headers: Record<string, string> = {},
  ) => {
    const url = new URL(hub.url);
    if (method === 'GET') {
      url.searchParams.set('query', body.query);
      if (body.variables) {
        url.searchParams.set('variables', JSON.stringify(body.variables));
      }
    }
    const before = apolloCalls();
    return new Promise<{ status: number; head: string[]; text: string; apollo: boolean }>((resolve, reject) => {
      const req = httpRequest(
        url,
        { method, headers: method === 'POST' ? { 'content-type': 'application/json', ...headers } : headers },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            const head: string[] = [];
            for (let i = 0; i < res.rawHeaders.length; i += 2) {
              if (res.rawHeaders[i].toLowerCase() !== 'date') {
                head.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
              }
            }
            resolve({ status: res.statusCode ?? 0, head, text, apollo: apolloCalls() > before });
          });
        },
      );
      req.on('error', reject);
      req.end(method === 'POST' ? JSON.stringify(body) : undefined);
    });
  };
  /** An Accept header Apollo answers with JSON that the cached-answer path leaves to Apollo. */
  const THROUGH_APOLLO = { accept: 'application/json, */*' };
  const etagOf = (head: string[]) => head.find((h) => h.toLowerCase().startsWith('etag:'))?.slice(6);

  it('answers a repeated read before Apollo, byte for byte and header for header as Apollo answers it', async () => {
    await withinOneDataVersion(db, async (attempt) => {
      const analyst = await key('analyst');
      // Asked under a new alias each attempt, so that the first ask is a miss.
      const query = { query: `{ w${attempt}: wards { code name } }` };
      const first = await raw('POST', query, analyst);
      expect(first.status).toBe(200);
      expect(first.apollo).toBe(true);
      // Apollo's own answer from the cache, and the same request answered before Apollo
      const apolloHit = await raw('POST', query, { ...analyst, ...THROUGH_APOLLO });
      expect(apolloHit.apollo).toBe(true);
      for (const accept of [undefined, '*/*', 'application/json']) {
        const hit = await raw('POST', query, accept ? { ...analyst, accept } : analyst);
        expect(hit.apollo).toBe(false);
        expect(hit.status).toBe(200);
        expect(hit.text).toBe(first.text);
        expect(hit.head).toEqual(first.head);
        expect(hit.head).toEqual(apolloHit.head);
      }
      expect(apolloHit.text).toBe(first.text);
      // 304 with no body to a client that has the answer, as Apollo sends it
      const etag = etagOf(first.head) as string;
      const notModified = await raw('POST', query, { ...analyst, 'if-none-match': etag });
      const apolloNotModified = await raw('POST', query, { ...analyst, 'if-none-match': etag, ...THROUGH_APOLLO });
      expect([notModified.apollo, apolloNotModified.apollo]).toEqual([false, true]);
      expect(notModified.status).toBe(304);
      expect(notModified.text).toBe('');
      expect(notModified.head).toEqual(apolloNotModified.head);
      expect(apolloNotModified.status).toBe(304);
      // An operation name and variables are part of the request it answers
      const named = {
        query: `query One${attempt}($code: String!) { ward(code: $code) { code name } }`,
        variables: { code: 'E05015511' },
      };
      const fresh = await raw('POST', named, analyst);
      const again = await raw('POST', named, analyst);
      const other = await raw('POST', { ...named, variables: { code: 'E05015512' } }, analyst);
      expect([fresh.apollo, again.apollo, other.apollo]).toEqual([true, false, true]);
      expect(again.text).toBe(fresh.text);
      expect(other.text).not.toBe(fresh.text);
    });
  });

  it('answers a GET with a preflight header as Apollo does, and leaves one without to Apollo, which refuses it', async () => {
    await withinOneDataVersion(db, async () => {
      const analyst = await key('analyst');
      const query = {
        query: 'query ($code: String!) { ward(code: $code) { code lsoas { code } } }',
        variables: { code: 'E05015511' },
      };
      const posted = await raw('POST', query, analyst);
      expect(posted.status).toBe(200);
      const preflight = { ...analyst, 'apollo-require-preflight': 'true' };
      const got = await raw('GET', query, preflight);
      expect(got.apollo).toBe(false);
      expect(got.text).toBe(posted.text);
      expect(got.head).toEqual(posted.head);
      const apolloGot = await raw('GET', query, { ...preflight, ...THROUGH_APOLLO });
      expect(apolloGot.apollo).toBe(true);
      expect(apolloGot.head).toEqual(got.head);
      // Without a preflight header Apollo refuses it as a possible cross-site request, cached or not.
      const forged = await raw('GET', query, analyst);
      expect(forged.apollo).toBe(true);
      expect(forged.status).toBe(400);
      expect(forged.text).toContain('Cross-Site Request Forgery');
    });
  });

  it('refuses a revoked key at once, with the answer still cached for its role', async () => {
    await withinOneDataVersion(db, async () => {
      const created = await new ApiKeysService(db).create('response cache test revoked', 'analyst', 'jest');
      made.push(created.id);
      const headers = { authorization: `Bearer ${created.key}` };
      await raw('POST', { query: WARD }, headers);
      expect((await raw('POST', { query: WARD }, headers)).apollo).toBe(false);
      await new ApiKeysService(db).revoke(created.id);
      const refused = await raw('POST', { query: WARD }, headers);
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.text)).toEqual({
        errors: [{ message: 'the API key is unknown or revoked', extensions: { code: 'UNAUTHENTICATED' } }],
      });
    });
  });

  it('sends a cached answer byte for byte as the fresh one, and answers afresh once the data version moved', async () => {
    const analyst = await key('analyst');
    let first: Awaited<ReturnType<typeof post>> | undefined;
    await withinOneDataVersion(db, async () => {
      first = await post(WARD, analyst);
      expect(first.status).toBe(200);
      expect(first.etag).toBeTruthy();
      const calls = apolloCalls();
      const again = await post(WARD, analyst);
      expect(again.etag).toBe(first.etag);
      expect(again.text).toBe(first.text);
      expect(apolloCalls()).toBe(calls);
    });
    // A committed write that moves the data version and changes nothing (statement triggers fire
    // for no rows): other suites share this database, so no row they read may change under them.
    // The version is read with the key, so the next request is answered afresh at once; that a
    // changed row is answered changed is shown in a rolled-back transaction above.
    await db.query('DELETE FROM ward WHERE false');
    await withinOneDataVersion(db, async () => {
      const calls = apolloCalls();
      const moved = await post(WARD, analyst);
      expect(apolloCalls()).toBe(calls + 1);
      expect(moved.status).toBe(200);
      expect(moved.etag).not.toBe(first?.etag);
      expect(moved.text).toBe(first?.text);
      expect((await post(WARD, analyst)).etag).toBe(moved.etag);
    });
  });

  it("checks access on every request: no role is answered from another's cached answer", async () => {
    await withinOneDataVersion(db, async () => {
      const query = '{ incidents(first: 3) { edges { node { id description } } } }';
      const officer = await key('officer');
      const analyst = await key('analyst');
      const kept = await post(query, officer);
      expect(kept.status).toBe(200);
      expect((await raw('POST', { query }, officer)).apollo).toBe(false);
      // The guard passed this document for officers; an analyst's request is checked afresh.
      const refused = await post(query, analyst);
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('FORBIDDEN');
      const anonymousCaller = await post(query);
      expect(anonymousCaller.status).toBe(401);
      // The same answer sent back as If-None-Match gains nothing either.
      const response = await fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'if-none-match': kept.etag as string, ...analyst },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(403);
    });
  });

  it("spends the caller's budget on every request, cached or not, and refuses as Apollo refuses", async () => {
    // 31 points each (30 wards assumed and the list): the public budget of 200 a minute lasts six.
    const query = { query: '{ wards { code } }' };
    const version = await dataVersion(db);
    const first = await raw('POST', query);
    expect(first.status).toBe(200);
    let answer = first;
    const hits: (typeof first)[] = [];
    for (let i = 0; i < 20 && answer.status === 200; i += 1) {
      answer = await raw('POST', query);
      if (answer.status === 200) {
        hits.push(answer);
      }
    }
    // Hits are hits only while the data version stands (another suite's write on a shared server
    // moves it, and the answer is then rightly computed afresh).
    if ((await dataVersion(db)) === version) {
      for (const hit of hits) {
        expect(hit.apollo).toBe(false);
        expect(etagOf(hit.head)).toBe(etagOf(first.head));
      }
    }
    const served = hits.length + 1;
    expect(answer.status).toBe(429);
    expect(served).toBeGreaterThan(1);
    expect(served).toBeLessThan(10);
    // Refused by the cached-answer path's check, answered by Apollo; and refused by Apollo's own.
    expect(answer.apollo).toBe(true);
    const apollos = await raw('POST', query, THROUGH_APOLLO);
    expect(apollos.status).toBe(429);
    const seconds = (text: string) => text.replace(/\d+ s\b/, 'N s');
    const headers = (head: string[]) =>
      head.map((h) => (/^(retry-after|content-length):/i.test(h) ? h.split(':')[0] : h));
    expect(seconds(answer.text)).toBe(seconds(apollos.text));
    expect(headers(answer.head)).toEqual(headers(apollos.head));
    expect(JSON.parse(answer.text).errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(answer.head.some((h) => /^retry-after: [1-9]/i.test(h))).toBe(true);
  });
});

describe('a refusal met before Apollo', () => {
  const suiteDb = graphqlSuite();

  it('is answered by the guard as met, without spending the budget again', async () => {
    let spent = 0;
    const limits = { spend: async () => void (spent += 1) } as unknown as RateLimits;
    const server = createApolloServer(await buildHubSchema(), { development: false, limits });
    await server.start();
    try {
      const run = (refusal?: Error) =>
        server.executeOperation(
          { query: WARD },
          { contextValue: createContext(suiteDb.db, TEST_CALLER, undefined, refusal ? { refusal } : {}) },
        );
      const refused = await run(new RateLimitedError('the budget is spent; try again in 7 s', 7));
      expect(refused.http.status).toBe(429);
      expect(refused.http.headers.get('retry-after')).toBe('7');
      const body = refused.body.kind === 'single' ? refused.body.singleResult : undefined;
      expect(body?.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
      expect(body?.data).toBeUndefined();
      expect(spent).toBe(0);
      expect((await run()).http.status).toBeUndefined();
      expect(spent).toBe(1);
    } finally {
      await server.stop();
    }
  });
});
