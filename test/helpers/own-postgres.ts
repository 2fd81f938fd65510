import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A PostgreSQL server of a test's own, to stop, restart and freeze without touching the one the
 * other suites share. Uses the machine's PostgreSQL binaries (Debian's postgresql-NN, which CI
 * installs with PostGIS); as root, its processes run as the `postgres` user, as initdb requires.
 */
export class OwnPostgres {
  readonly port = 56000 + Math.floor(Math.random() * 4000);
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-own-pg-'));
  private readonly data = path.join(this.dir, 'data');
  private readonly bin: string;

  constructor() {
    const root = '/usr/lib/postgresql';
    const version = fs.existsSync(root)
      ? fs
          .readdirSync(root)
          .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
          .sort((a, b) => Number(b) - Number(a))[0]
      : undefined;
    if (!version) {
      throw new Error('no PostgreSQL binaries under /usr/lib/postgresql: install postgresql-15 (bash .ci/run does)');
    }
    this.bin = path.join(root, version, 'bin');
    if (process.getuid?.() === 0) {
      execFileSync('chown', ['-R', 'postgres:postgres', this.dir]);
    }
  }

  /** postgres:// URL of its `hub` database. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/hub`;
  }

  // No pipes: a server started by pg_ctl could inherit them and keep the call waiting for as
  // long as it runs. A failure throws with the exit code; the server's own words are in its log.
  private run(tool: string, args: string[]): void {
    const command = path.join(this.bin, tool);
    const asRoot = process.getuid?.() === 0;
    execFileSync(asRoot ? 'runuser' : command, asRoot ? ['-u', 'postgres', '--', command, ...args] : args, {
      stdio: 'ignore',
    });
  }

  /** Makes the cluster (trust on loopback only) without starting it. */
  init(): void {
    this.run('initdb', ['-D', this.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  }

  private serverArgs(): string[] {
    return [
      '-D',
      this.data,
      '-w',
      '-l',
      path.join(this.dir, 'server.log'),
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    ];
  }

  start(): void {
    this.run('pg_ctl', [...this.serverArgs(), 'start']);
  }

  /** Creates the `hub` database (first start only). */
  createDatabase(): void {
    this.run('createdb', ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', 'hub']);
  }

  stop(): void {
    this.run('pg_ctl', ['-D', this.data, '-w', '-m', 'fast', 'stop']);
  }

  restart(): void {
    this.run('pg_ctl', [
      '-D',
      this.data,
      '-w',
      '-m',
      'fast',
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'restart',
    ]);
  }

  /** Every process of the server: the postmaster and its children. */
  private pids(): number[] {
    const postmaster = Number(fs.readFileSync(path.join(this.data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = execFileSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
    return [postmaster, ...children];
  }

  /** Stops every process of the server in its tracks (SIGSTOP): it takes connections but answers nothing. */
  freeze(): void {
    this.pids().forEach((pid) => process.kill(pid, 'SIGSTOP'));
  }

  thaw(): void {
    this.pids().forEach((pid) => process.kill(pid, 'SIGCONT'));
  }

  /** Stops the server if it runs and removes its files. */
  remove(): void {
    try {
      this.thaw();
      this.stop();
    } catch {
      // Not running.
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
