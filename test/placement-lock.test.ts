import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { DataSource } from 'typeorm';

import { createDataSource } from '../src/db/data-source';
import { withTransaction } from '../src/db/db';
import { IncidentsService } from '../src/incidents/incidents.service';
import { importReports, REPORT_HEADER } from '../src/ingest/reports/import-reports';

import { testDatabaseUrl } from './helpers/database';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Two sessions are needed to see one wait for the other; the embedded database has one.
(process.env.HUB_TEST_DATABASE_MODE === 'server' ? describe : describe.skip)(
  'import batches and a re-placement of every incident',
  () => {
    let dataSource: DataSource;

    beforeAll(async () => {
      dataSource = await createDataSource(testDatabaseUrl(), 3).initialize();
    });

    afterAll(async () => {
      await dataSource.destroy();
    });

    it('take turns: the re-placement waits for the batch holding its share, and batches share', async () => {
      const events: string[] = [];
      let endBatch: () => void = () => undefined;
      const batchEnds = new Promise<void>((resolve) => {
        endBatch = resolve;
      });
      let batchHolds: () => void = () => undefined;
      const holding = new Promise<void>((resolve) => {
        batchHolds = resolve;
      });
      const batch = withTransaction(dataSource, async (db) => {
        await new IncidentsService(db).sharePlacement();
        batchHolds();
        await batchEnds;
        events.push('batch done');
      });
      await holding;
      // A second batch shares the lock at once.
      await withTransaction(dataSource, async (db) => {
        await new IncidentsService(db).sharePlacement();
        events.push('second batch shared');
      });
      // A re-placement, rolled back so nothing changes for other suites, must wait.
      const replaced = withTransaction(dataSource, async (db) => {
        await new IncidentsService(db).reassign();
        events.push('re-placed');
        throw new Error('roll back');
      }).catch((err: Error) => err.message);
      await wait(500);
      events.push('batch ending');
      endBatch();
      await batch;
      expect(await replaced).toBe('roll back');
      expect(events).toEqual(['second batch shared', 'batch ending', 'batch done', 're-placed']);
    });

    it('makes a street-scene report import wait while a re-placement holds the lock', async () => {
      // One report outside the city: the batch takes its turn and writes nothing.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-lock-'));
      const input = path.join(dir, 'reports.csv');
      fs.writeFileSync(
        input,
        `${REPORT_HEADER.slice(0, 6).join(',')}\nlitter,-0.1276,51.5072,London,2031-07-02T09:00:00Z,\n`,
      );
      const events: string[] = [];
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let held: () => void = () => undefined;
      const holding = new Promise<void>((resolve) => {
        held = resolve;
      });
      const placement = withTransaction(dataSource, async (db) => {
        await new IncidentsService(db).holdPlacement();
        held();
        await released;
        events.push('re-placement done');
      });
      await holding;
      const imported = importReports(dataSource, input).then((counts) => {
        events.push('reports imported');
        return counts;
      });
      await wait(500);
      events.push('re-placement ending');
      release();
      await placement;
      expect(await imported).toEqual({ read: 1, inserted: 0, unchanged: 0, rejected: 0, outsideCity: 1 });
      expect(events).toEqual(['re-placement ending', 're-placement done', 'reports imported']);
    });
  },
);
