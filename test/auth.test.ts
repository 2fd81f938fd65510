import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { exportJWK, exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

import { ApiKeysService } from '../src/auth/api-keys';
import { readConfig } from '../src/config';
import type { Db } from '../src/db/db';
import { type Hub, startHub } from '../src/hub';

import { connectTestDatabase, holdTodaysIncidentsLock, testDatabaseUrl } from './helpers/database';

interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

async function ask(hub: Hub, query: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

const INCIDENTS = '{ incidents(first: 1) { totalCount } }';
const DESCRIPTIONS = '{ incidents(first: 1) { edges { node { description } } } }';

describe('API keys', () => {
  let hub: Hub;
  let db: Db;
  let close: () => Promise<void>;
  const made: number[] = [];

  beforeAll(async () => {
    const connection = await connectTestDatabase();
    db = connection.db;
    close = () => connection.dataSource.destroy();
    hub = await startHub({ ...readConfig({}), port: 0, databaseUrl: testDatabaseUrl() });
    await hub.ready;
  });

  afterAll(async () => {
    await db.query('DELETE FROM api_key WHERE id = ANY($1)', [made]);
    await hub.stop();
    await close();
  });

  const key = async (role: 'analyst' | 'officer' | 'admin') => {
    const created = await new ApiKeysService(db).create(`auth test ${role}`, role, 'jest');
    made.push(created.id);
    return created;
  };

  it('are stored as hashes, never as the key', async () => {
    const { id, key: secret } = await key('analyst');
    const [row] = await db.query<{ key_hash: string; prefix: string }>(
      'SELECT key_hash, prefix FROM api_key WHERE id = $1',
      [id],
    );
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.key_hash).not.toContain(secret);
    expect(secret.startsWith(row.prefix)).toBe(true);
    expect(secret.length).toBeGreaterThan(40);
  });

  it('give their role over Authorization: Bearer or X-API-Key', async () => {
    const analyst = await key('analyst');
    const officer = await key('officer');
    expect((await ask(hub, INCIDENTS)).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const bearer = await ask(hub, INCIDENTS, { authorization: `Bearer ${analyst.key}` });
    expect(bearer.body.errors).toBeUndefined();
    expect(bearer.body.data.incidents.totalCount).toBeGreaterThan(0);
    const header = await ask(hub, INCIDENTS, { 'x-api-key': analyst.key });
    expect(header.body.data.incidents.totalCount).toBe(bearer.body.data.incidents.totalCount);
    const tooLow = await ask(hub, DESCRIPTIONS, { authorization: `Bearer ${analyst.key}` });
    expect(tooLow.status).toBe(403);
    expect(tooLow.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await ask(hub, DESCRIPTIONS, { authorization: `Bearer ${officer.key}` })).body.errors).toBeUndefined();
  });

  it('stop working the moment they are revoked', async () => {
    const analyst = await key('analyst');
    const headers = { authorization: `Bearer ${analyst.key}` };
    expect((await ask(hub, INCIDENTS, headers)).body.errors).toBeUndefined();
    expect(await new ApiKeysService(db).revoke(analyst.id)).toBe(true);
    const refused = await ask(hub, INCIDENTS, headers);
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0]).toEqual({
      message: 'the API key is unknown or revoked',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it.each([
    [{ authorization: 'Bearer nhk_notakey' }, 'the API key is unknown or revoked'],
    [{ authorization: 'Basic dXNlcjpwYXNz' }, 'the Authorization header must be "Bearer <API key or token>"'],
    [{ authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x' }, /this hub takes API keys \(starting nhk_\) only/],
  ])('refuse %j with 401, not quietly as public', async (headers, message) => {
    const refused = await ask(hub, '{ wards { code } }', headers);
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(refused.body.errors[0].message).toMatch(message);
  });
});

describe('bearer tokens (JWT)', () => {
  const subject = 'inspector.jones@derbyshire.police.uk';

  async function hubWith(env: Record<string, string>): Promise<Hub> {
    const hub = await startHub({ ...readConfig(env), port: 0, databaseUrl: testDatabaseUrl() });
    await hub.ready;
    return hub;
  }

  it('verified with a shared secret give the role in the claim, and record the subject', async () => {
    const secret = 'a-test-secret-of-at-least-32-characters';
    const hub = await hubWith({ JWT_SECRET: secret, JWT_ISSUER: 'https://login.example.org/' });
    const sign = (claims: JWTPayload, key = secret, expires = '5m') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('https://login.example.org/')
        .setIssuedAt()
        .setExpirationTime(expires)
        .sign(new TextEncoder().encode(key));
    try {
      const officer = await sign({ sub: subject, role: 'officer' });
      expect((await ask(hub, DESCRIPTIONS, { authorization: `Bearer ${officer}` })).body.errors).toBeUndefined();
      const releaseTodaysIncidents = await holdTodaysIncidentsLock('shared');
      const reported = await ask(
        hub,
        'mutation { reportIssue(input: { category: "litter", lon: -1.4776, lat: 52.9254, description: "bags split by the bus stop" }) { id statusHistory { changedBy } } }',
        { authorization: `Bearer ${officer}` },
      );
      const id = reported.body.data.reportIssue.id;
      const { dataSource, db } = await connectTestDatabase();
      try {
        const [row] = await db.query<{ recorded_by: string }>('SELECT recorded_by FROM incident WHERE id = $1', [id]);
        expect(row.recorded_by).toBe(`jwt:${subject}`);
        expect(reported.body.data.reportIssue.statusHistory).toEqual([{ changedBy: `jwt:${subject}` }]);
      } finally {
        await db.query('DELETE FROM incident WHERE id = $1', [id]);
        await dataSource.destroy();
        await releaseTodaysIncidents();
      }
      const analyst = await sign({ sub: subject, role: ['analyst', 'somethingElse'] });
      expect((await ask(hub, DESCRIPTIONS, { authorization: `Bearer ${analyst}` })).status).toBe(403);
      for (const [token, message] of [
        [
          await sign({ sub: subject, role: 'officer' }, 'another-secret-of-at-least-32-characters'),
          /signature verification failed/,
        ],
        [await sign({ sub: subject, role: 'officer' }, secret, '-1m'), /"exp" claim timestamp check failed/],
        [await sign({ role: 'officer' }), /no subject/],
        [await sign({ sub: subject, role: 'superuser' }), /"role" claim must name a role/],
      ] as const) {
        const refused = await ask(hub, '{ wards { code } }', { authorization: `Bearer ${token}` });
        expect(refused.status).toBe(401);
        expect(refused.body.errors[0].message).toMatch(message);
      }
    } finally {
      await hub.stop();
    }
  });

  it('verified with a public key file (RS256)', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-jwt-')), 'public.pem');
    fs.writeFileSync(file, await exportSPKI(publicKey));
    const hub = await hubWith({ JWT_PUBLIC_KEY_FILE: file, JWT_AUDIENCE: 'neighbourhood-hub' });
    try {
      const token = await new SignJWT({ sub: subject, role: 'analyst' })
        .setProtectedHeader({ alg: 'RS256' })
        .setAudience('neighbourhood-hub')
        .setExpirationTime('5m')
        .sign(privateKey);
      expect((await ask(hub, INCIDENTS, { authorization: `Bearer ${token}` })).body.errors).toBeUndefined();
      const wrongAudience = await new SignJWT({ sub: subject, role: 'analyst' })
        .setProtectedHeader({ alg: 'RS256' })
        .setAudience('another-app')
        .setExpirationTime('5m')
        .sign(privateKey);
      expect((await ask(hub, INCIDENTS, { authorization: `Bearer ${wrongAudience}` })).status).toBe(401);
    } finally {
      await hub.stop();
    }
  });

  it("verified against an identity provider's JWKS (ES256)", async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
    const provider = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const port = (provider.address() as AddressInfo).port;
    const hub = await hubWith({
      JWT_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
      JWT_ALGORITHMS: 'ES256',
      JWT_ROLE_CLAIM: 'hub_role',
    });
    try {
      const token = await new SignJWT({ sub: subject, hub_role: 'officer' })
        .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
        .setExpirationTime('5m')
        .sign(privateKey);
      expect((await ask(hub, DESCRIPTIONS, { authorization: `Bearer ${token}` })).body.errors).toBeUndefined();
    } finally {
      await hub.stop();
      provider.close();
    }
  });
});
