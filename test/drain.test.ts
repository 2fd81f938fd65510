import { spawn } from 'node:child_process';
import path from 'node:path';

import { ApiKeysService } from '../src/auth/api-keys';
import { PROJECT_ROOT } from '../src/paths';

import { connectTestDatabase, testDatabaseUrl } from './helpers/database';

// A request that takes seconds, not milliseconds, so it is still running when SIGTERM comes; on
// the 17 wards of 2013 rather than today's 18, whose search is several times longer and on a
// busy CI machine outlasted the hub's 25 s drain.
const PROPOSAL = JSON.stringify({
  query: '{ proposeAreaGrouping(k: 4, boundarySet: "ons-wards-2013") { examined score } }',
});

describe('SIGTERM', () => {
  it('lets the request in progress finish, takes no new ones, then closes and exits 0', async () => {
    const { dataSource, db } = await connectTestDatabase();
    const { id, key } = await new ApiKeysService(db).create('drain test', 'analyst', 'jest');
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(PROJECT_ROOT, 'src', 'server.ts')], {
      cwd: PROJECT_ROOT,
      // NODE_ENV as in the image: Jest's "test" would hide handlers libraries install only
      // outside tests (Apollo's own, which ended the process before the drain finished).
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: testDatabaseUrl(), PORT: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      for (let i = 0; i < 600 && !/Neighbourhood hub ready at (\S+)/.test(output); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const url = /Neighbourhood hub ready at (\S+)/.exec(output)?.[1] as string;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
      const inProgress = fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: PROPOSAL,
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
      await new Promise((resolve) => setTimeout(resolve, 300));
      child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expect(fetch(url.replace('/graphql', '/healthz'))).rejects.toThrow();
      const answer = await inProgress;
      expect(answer.status).toBe(200);
      expect(answer.body.data.proposeAreaGrouping.examined).toBeGreaterThan(1000);
      expect(await exited).toBe(0);
      expect(output).toMatch(/stopping: finishing the requests in progress/);
      expect(output).toMatch(/"msg":"stopped"/);
    } finally {
      child.kill('SIGKILL');
      await db.query('DELETE FROM api_key WHERE id = $1', [id]);
      await dataSource.destroy();
    }
  }, 120_000);
});
