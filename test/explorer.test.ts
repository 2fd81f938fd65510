import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import express from 'express';

import { ApiKeysService } from '../src/auth/api-keys';
import { readConfig } from '../src/config';
import type { OpenDatabase } from '../src/db/database';
import { loadExamples, README } from '../src/explorer/examples';
import { explorerRoutes } from '../src/explorer/explorer';
import { type Hub, startHub } from '../src/hub';
import { PROJECT_ROOT } from '../src/paths';

import { testDatabaseUrl } from './helpers/database';

const at = (hub: Hub, route: string) => hub.url.replace('/graphql', route);

// Every `src=` and `href=` of a page's <script> and <link> elements.
function references(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
}

// The sources a CSP allows, by directive.
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0] !== '')
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe('the offline GraphQL explorer', () => {
  let hub: Hub;
  const keys: number[] = [];

  beforeAll(async () => {
    hub = await startHub({ ...readConfig({}), port: 0, databaseUrl: testDatabaseUrl() });
    await hub.ready;
  });

  afterAll(async () => {
    await (hub.database() as OpenDatabase).db.query('DELETE FROM api_key WHERE id = ANY($1)', [keys]);
    await hub.stop();
  });

  it('serves a page whose every script and stylesheet comes from the hub itself, as JavaScript or CSS', async () => {
    const page = await fetch(at(hub, '/explorer'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    const refs = references(html);
    expect(refs.length).toBeGreaterThanOrEqual(6);
    const origin = new URL(hub.url).origin;
    for (const ref of refs) {
      const url = new URL(ref, at(hub, '/explorer'));
      expect(url.origin).toBe(origin);
      const response = await fetch(url);
      expect(`${ref} ${response.status}`).toBe(`${ref} 200`);
      const type = response.headers.get('content-type') ?? '';
      expect(`${ref} ${type}`).toMatch(
        ref.endsWith('.css') ? /\.css text\/css/ : /\.js (text|application)\/javascript/,
      );
      await response.arrayBuffer();
    }
  });

  it('names no other host anywhere in its page, script or style', async () => {
    const origin = new URL(hub.url).origin;
    for (const route of ['/explorer', '/explorer/assets/explorer.js', '/explorer/assets/explorer.css']) {
      const text = await (await fetch(at(hub, route))).text();
      const urls = text.match(/https?:\/\/[^\s"'`<>)]+/g) ?? [];
      expect(urls.filter((u) => new URL(u).origin !== origin)).toEqual([]);
    }
  });

  it('sends a Content-Security-Policy allowing scripts, styles and requests from the hub only', async () => {
    for (const route of ['/explorer', '/explorer/assets/explorer.js', '/explorer/examples.json']) {
      const csp = (await fetch(at(hub, route))).headers.get('content-security-policy') ?? '';
      const policy = directives(csp);
      expect(policy.get('default-src')).toEqual(["'none'"]);
      expect(policy.get('script-src')).toEqual(["'self'"]);
      expect(policy.get('connect-src')).toEqual(["'self'"]);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
      // A hub on plain HTTP inside a network must still load its own files.
      expect(policy.has('upgrade-insecure-requests')).toBe(false);
      const sources = [...policy.values()].flat();
      // Keywords and data: only: no host, no scheme such as https: that would let any host in.
      expect(sources.filter((s) => !/^'[a-z-]+'$/.test(s) && s !== 'data:')).toEqual([]);
    }
  });

  it('serves only the files of its table, never a path from the URL', async () => {
    for (const route of [
      '/explorer/assets/package.json',
      '/explorer/assets/..%2F..%2F..%2Fpackage.json',
      '/explorer/assets/index.html',
      '/explorer/assets/react.development.js',
    ]) {
      expect(`${route} ${(await fetch(at(hub, route))).status}`).toBe(`${route} 404`);
    }
  });

  it("lists the README's examples, and each passes validation on the hub", async () => {
    const settings = (await (await fetch(at(hub, '/explorer/examples.json'))).json()) as any;
    expect(settings.examples).toEqual(loadExamples(README));
    expect(settings.publicIntrospection).toBe(false);
    for (const example of settings.examples) {
      const response = await fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: example.query, variables: JSON.parse(example.variables ?? '{}') }),
      });
      const body = (await response.json()) as any;
      // As a public caller: answered, or refused for its role after validation; never invalid.
      const codes = (body.errors ?? []).map((e: any) => e.extensions.code);
      expect(`${example.title}: ${codes.join(', ')}`).toMatch(new RegExp(`^${example.title}: (UNAUTHENTICATED)?$`));
      expect(body.data !== undefined || codes.includes('UNAUTHENTICATED')).toBe(true);
    }
  });

  it('sends a browser opening /graphql to the explorer (303), and other requests to GraphQL as before', async () => {
    const browser = await fetch(hub.url, {
      redirect: 'manual',
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
    });
    expect(browser.status).toBe(303);
    expect(browser.headers.get('location')).toBe('/explorer');
    const client = await fetch(`${hub.url}?query=%7B__typename%7D`, {
      redirect: 'manual',
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(client.status).toBe(200);
    expect(await client.json()).toEqual({ data: { __typename: 'Query' } });
    const posted = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ boundarySets { id } }' }),
    });
    expect(posted.status).toBe(200);
    expect(((await posted.json()) as any).data.boundarySets.length).toBeGreaterThan(0);
  });

  it('gives /schema.graphql to whoever may introspect: analysts and above outside development', async () => {
    const refused = await fetch(at(hub, '/schema.graphql'));
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const created = await new ApiKeysService((hub.database() as OpenDatabase).db).create(
      'explorer test',
      'analyst',
      'jest',
    );
    keys.push(created.id);
    const sdl = await fetch(at(hub, '/schema.graphql'), { headers: { authorization: `Bearer ${created.key}` } });
    expect(sdl.status).toBe(200);
    expect(await sdl.text()).toBe(fs.readFileSync(path.join(PROJECT_ROOT, 'schema', 'schema.graphql'), 'utf8'));
  });
});

describe('the explorer of a hub without its README', () => {
  it('still serves the page, with no examples', async () => {
    const app = express();
    app.use(explorerRoutes(false, path.join(os.tmpdir(), 'no-such-folder', 'README.md')));
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect((await fetch(`${base}/explorer`)).status).toBe(200);
      expect(await (await fetch(`${base}/explorer/examples.json`)).json()).toEqual({
        examples: [],
        publicIntrospection: false,
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the explorer in development mode', () => {
  let hub: Hub;

  beforeAll(async () => {
    hub = await startHub({ ...readConfig({ NODE_ENV: 'development' }), port: 0, databaseUrl: testDatabaseUrl() });
    await hub.ready;
  });

  afterAll(async () => {
    await hub.stop();
  });

  it('gives everyone the schema, and keeps a Content-Security-Policy on every route (Apollo Sandbox is gone)', async () => {
    expect(((await (await fetch(at(hub, '/explorer/examples.json'))).json()) as any).publicIntrospection).toBe(true);
    const sdl = await fetch(at(hub, '/schema.graphql'));
    expect(sdl.status).toBe(200);
    expect(await sdl.text()).toMatch(/^type Query \{$/m);
    for (const route of ['/healthz', '/graphql']) {
      const response = await fetch(at(hub, route), { headers: { accept: 'text/html' }, redirect: 'manual' });
      expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      expect(await response.text()).not.toMatch(/apollographql\.com|<script/);
    }
  });
});
