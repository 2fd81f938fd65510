import type { DataSource } from 'typeorm';

import { createDataSource } from '../src/db/data-source';
import { withTransaction } from '../src/db/db';
import { IncidentsService } from '../src/incidents/incidents.service';

import { testDatabaseUrl } from './helpers/database';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Two sessions are needed to see one wait for the other; the embedded database has one.
(process.env.HUB_TEST_DATABASE_MODE === 'server' ? describe : describe.skip)(
  'an import batch and a re-placement of every incident',
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
  },
);
