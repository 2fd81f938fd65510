import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { parse } from 'yaml';

import { readConfig } from '../src/config';
import { PROJECT_ROOT } from '../src/paths';

// No Docker engine runs on our machines, so the compose file is kept right by reading it.
const compose = parse(fs.readFileSync(path.join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8'));
const dockerfile = fs.readFileSync(path.join(PROJECT_ROOT, 'Dockerfile'), 'utf8');

describe('docker-compose.yml', () => {
  it('runs the official PostGIS image with a health check and a named volume', () => {
    const db = compose.services.db;
    expect(db.image).toMatch(/^postgis\/postgis:1[5-9]-3\.[3-9]/);
    expect(db.healthcheck.test.join(' ')).toMatch(/pg_isready/);
    const [volume, mount] = db.volumes[0].split(':');
    expect(mount).toBe('/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes)).toContain(volume);
  });

  it('starts PostgreSQL with shared buffers above its 128 MB default and room in /dev/shm', () => {
    const db = compose.services.db;
    // The image's entrypoint initialises the database only for a command that starts PostgreSQL.
    expect(db.command[0]).toBe('postgres');
    const setting = db.command.find((arg: string) => arg.startsWith('shared_buffers='));
    const size = /^shared_buffers=(\d+)(MB|GB)$/.exec(setting ?? '');
    expect(size).not.toBeNull();
    expect(Number(size![1]) * (size![2] === 'GB' ? 1024 : 1)).toBeGreaterThan(128);
    expect(db.shm_size).toMatch(/^\d+(mb|gb)$/i);
    expect(Number.parseInt(db.shm_size, 10) * (/gb$/i.test(db.shm_size) ? 1024 : 1)).toBeGreaterThan(64);
  });

  it('builds the hub from the Dockerfile, publishes its port and waits for a healthy database', () => {
    const hub = compose.services.hub;
    expect(hub.build).toBe('.');
    expect(hub.ports).toContain(`${hub.environment.PORT}:${hub.environment.PORT}`);
    expect(hub.depends_on.db.condition).toBe('service_healthy');
  });

  it("points the hub's DATABASE_URL at the db service with its credentials", () => {
    const { environment } = compose.services.hub;
    const url = new URL(environment.DATABASE_URL);
    const db = compose.services.db.environment;
    expect(url.hostname).toBe('db');
    expect(url.port).toBe('5432');
    expect(decodeURIComponent(url.username)).toBe(db.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(db.POSTGRES_PASSWORD);
    expect(url.pathname).toBe(`/${db.POSTGRES_DB}`);
    // Every variable it sets is one the hub reads and accepts.
    const config = readConfig(environment);
    expect(config).toMatchObject({ databaseUrl: environment.DATABASE_URL, port: 4000, development: false });
  });

  it('runs Redis for the shared rate limits, and the hub waits for it and points REDIS_URL at it', () => {
    const { redis, hub } = compose.services;
    expect(redis.image).toMatch(/^redis:7/);
    expect(redis.healthcheck.test.join(' ')).toMatch(/redis-cli ping/);
    expect(hub.depends_on.redis.condition).toBe('service_healthy');
    const url = new URL(hub.environment.REDIS_URL);
    expect(url.protocol).toBe('redis:');
    expect(url.hostname).toBe('redis');
    expect(readConfig(hub.environment).redisUrl).toBe(hub.environment.REDIS_URL);
  });

  it('lets the hub listen beyond loopback inside its container, in production mode, with time to drain', () => {
    const { hub } = compose.services;
    expect(readConfig(hub.environment)).toMatchObject({ host: '0.0.0.0', development: false });
    expect(Number.parseInt(hub.stop_grace_period, 10)).toBeGreaterThan(25);
  });

  it('has a Dockerfile on Node 22 LTS whose health check asks for readiness', () => {
    expect(dockerfile.match(/^FROM node:(\d+)/gm)).toEqual(['FROM node:22', 'FROM node:22']);
    expect(dockerfile).toMatch(/HEALTHCHECK .*\/readyz/);
    // A first start loads the geography before it is ready; the check gives it time.
    expect(dockerfile).toMatch(/HEALTHCHECK --start-period=\d+s/);
  });

  it('keeps the rejected-row reports of imports run in the container in a named volume', () => {
    const { hub } = compose.services;
    const dir = hub.environment.IMPORT_REPORTS_DIR;
    expect(dockerfile).toMatch(new RegExp(`IMPORT_REPORTS_DIR=${dir}`));
    const reports = hub.volumes.find((v: string) => v.split(':')[1] === dir);
    expect(Object.keys(compose.volumes)).toContain(reports.split(':')[0]);
    // The files to import come in read-only from ./imports.
    expect(hub.volumes).toContain('./imports:/imports:ro');
  });

  it('has a Dockerfile that builds dist/ and starts the compiled server on the exposed port', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
    expect(dockerfile).toMatch(/RUN npm run build/);
    expect(pkg.scripts.start).toBe('node dist/src/server.js');
    expect(dockerfile).toMatch(/CMD \["node", "dist\/src\/server\.js"\]/);
    expect(dockerfile).toMatch(new RegExp(`EXPOSE ${compose.services.hub.environment.PORT}`));
    expect(dockerfile).toMatch(/COPY geodata \.\/geodata/);
    // The GraphQL explorer reads the README's example operations at start.
    expect(dockerfile).toMatch(/COPY README\.md \.\//);
  });
});

// Building the image needs a Docker engine, which our machines lack: the test runs where one
// answers and says why it is skipped where none does.
const hasDocker = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 }).status === 0;

describe('the image', () => {
  (hasDocker ? it : it.skip)(
    `builds, and its import command answers --help without a database${hasDocker ? '' : ' (skipped: no Docker engine)'}`,
    () => {
      const tag = `neighbourhood-hub-test:${process.pid}`;
      const build = spawnSync('docker', ['build', '-t', tag, PROJECT_ROOT], { encoding: 'utf8' });
      expect(build.status).toBe(0);
      try {
        const help = spawnSync(
          'docker',
          ['run', '--rm', tag, 'node', 'dist/src/ingest/police/import-police.cli.js', '--help'],
          { encoding: 'utf8' },
        );
        expect(help.status).toBe(0);
        expect(help.stdout).toMatch(/^usage: npm run import:police/);
      } finally {
        spawnSync('docker', ['rmi', '-f', tag], { stdio: 'ignore' });
      }
    },
    900_000,
  );
});
