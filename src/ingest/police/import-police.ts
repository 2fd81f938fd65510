import fs from 'node:fs';
import path from 'node:path';

import fg from 'fast-glob';
import type { DataSource } from 'typeorm';

import { type Db, typeormDb, withTransaction } from '../../db/db';
import { sqlFile } from '../../db/sql';
import { IncidentsService } from '../../incidents/incidents.service';
import { inBatches } from '../batches';
import { csvHeader, parseCsvRows } from '../csv';
import { checkInputFile, ImportRefusedError } from '../import-refused';
import { ImportRuns } from '../import-runs';
import { allowLongStatements } from '../long-statements';
import { RejectionReport } from '../rejections';

import { headerProblem, parsePoliceRow, type PoliceRecord, RowKeys, slugOf } from './police-row';

/** Where every row read went. read = inserted + updated + unchanged + rejected + outsideCity. */
export interface ImportCounts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  outsideCity: number;
  /** Rows written without a point (placed by their LSOA code); already counted above. */
  noLocation: number;
}

const noCounts = (): ImportCounts => ({
  read: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  outsideCity: 0,
  noLocation: 0,
});

export interface ImportOptions {
  /**
   * Rows per transaction (default 50,000 on the bulk path, 5,000 on the batched one). A killed
   * import keeps every committed batch.
   */
  batchSize?: number;
  /**
   * The bulk path: each batch placed set-based, inserted with incident's triggers off, then its
   * foreign keys checked once per key and its data version and counts written once (see
   * bulkUpsert). Default: when the database lets this session turn triggers off
   * (session_replication_role), else the batched path, where every trigger fires. Both write
   * the same rows and counts.
   */
  bulk?: boolean;
  /**
   * The first-load path (firstLoad): every file in one transaction, gathered without incident's
   * indexes, which are built again once at the end with the kept counts. Default: on the bulk
   * path when incident is empty as the import starts (a new hub, a first backfill). true takes it
   * whatever incident holds, for a caller that knows none of the files' rows is in incident yet
   * (a row that is makes the load fail whole, on incident's key); false never takes it.
   */
  firstLoad?: boolean;
  /** Where rejected rows are listed (CSV: file, line, reason, row); written only when needed. */
  reportPath?: string;
  /** Called after every batch with the running totals. */
  onProgress?: (counts: ImportCounts, file: string) => void;
  /** Called for each earlier run found dead (killed midway) and closed as interrupted. */
  onInterruptedRun?: (file: string) => void;
}

export interface ImportResult {
  files: string[];
  counts: ImportCounts;
  /** Crime types police.uk published that the hub did not know, kept under their own slug. */
  unknownTypes: Map<string, number>;
  reportPath: string | null;
  seconds: number;
  /** Whether the bulk path wrote the rows (ImportOptions.bulk). */
  bulk: boolean;
  /** Whether the first-load path wrote them (ImportOptions.firstLoad). */
  firstLoad: boolean;
}

const sql = (name: string) => sqlFile(__dirname, name);
const DEFAULT_BATCH = 5_000;
const DEFAULT_BULK_BATCH = 50_000;

/** A row of a bulk batch refers to a ward, area, LSOA, neighbourhood or category that is gone. */
export class MissingReferenceError extends Error {
  constructor(missing: readonly string[]) {
    super(
      `the import's rows refer to ${missing.join(', ')}, deleted while the batch was written: ` +
        'run the import again once the geography has settled',
    );
    this.name = 'MissingReferenceError';
  }
}

/**
 * Turns the command line's paths (files, folders, globs) into the CSV files to import, in order.
 * @throws ImportRefusedError for a path that matches nothing
 */
export async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    if (fs.existsSync(p) && fs.statSync(p).isDirectory()) {
      const found = (await fg('**/*.csv', { cwd: p, absolute: true })).sort();
      if (found.length === 0) {
        const zipped = (await fg('**/*.zip', { cwd: p })).length > 0;
        throw new ImportRefusedError(
          `${p}: no CSV files in this folder${zipped ? ', only zip archives: unzip them first' : ''}`,
        );
      }
      files.push(...found);
    } else if (fs.existsSync(p)) {
      files.push(path.resolve(p));
    } else {
      const matched = (await fg(p, { absolute: true })).sort();
      if (matched.length === 0) {
        throw new ImportRefusedError(`${p}: no such file, folder or matching glob`);
      }
      files.push(...matched);
    }
  }
  if (files.length === 0) {
    throw new ImportRefusedError('no CSV files to import');
  }
  return [...new Set(files)];
}

/**
 * Checks every file and its header before anything is written.
 * @throws ImportRefusedError naming the file and showing the expected header, or saying it is
 * missing, a folder, a zip archive or empty
 */
export async function checkHeaders(files: readonly string[]): Promise<void> {
  for (const file of files) {
    checkInputFile(file, 'a police.uk street-level CSV');
    const header = await csvHeader(file);
    if (!header) {
      throw new ImportRefusedError(`${file} is empty: a police.uk file starts with its header row`);
    }
    const problem = headerProblem(header);
    if (problem) {
      throw new ImportRefusedError(`${file}: ${problem}`);
    }
  }
}

interface BatchOutcome {
  inserted: number;
  updated: number;
  outsideCity: number;
  noLocation: number;
}

async function fillStaging(db: Db, records: PoliceRecord[], slugs: Map<string, string>): Promise<void> {
  await db.query(sql('create-staging'));
  const column = <T>(pick: (r: PoliceRecord) => T) => records.map(pick);
  await db.query(sql('fill-staging'), [
    column((r) => r.line),
    column((r) => r.source),
    column((r) => r.sourceKey),
    column((r) => slugs.get(r.crimeType) as string),
    column((r) => r.month),
    column((r) => r.lon),
    column((r) => r.lat),
    column((r) => r.location),
    column((r) => r.reportedLsoaCode),
    column((r) => r.outcome),
    column((r) => r.reportedBy),
    column((r) => r.context),
  ]);
}

/**
 * Both paths' writing of a batch: stages the rows, places them by the database's one rule
 * (place-staged.sql) and writes them in one statement (insert-placed.sql), keeping the inserted
 * rows' units for the bulk path's once-per-batch work.
 * @param triggersOff the bulk path: incident's triggers are off for the insert only
 */
async function placeAndInsert(
  db: Db,
  records: PoliceRecord[],
  slugs: Map<string, string>,
  triggersOff: boolean,
): Promise<BatchOutcome> {
  // Before any row is locked: a re-placement of every incident waits for this batch, or it for one.
  await new IncidentsService(db).sharePlacement();
  await fillStaging(db, records, slugs);
  await db.query(sql('place-staged'));
  await db.query(sql('create-written'));
  if (triggersOff) {
    await db.query(sql('bulk-triggers-off'));
  }
  const [outcome] = await db.query<BatchOutcome>(sql('insert-placed'));
  if (triggersOff) {
    await db.query(sql('bulk-triggers-on'));
  }
  return outcome;
}

/** The batched path: every trigger fires (foreign keys per row, counts per statement). */
function stageAndUpsert(db: Db, records: PoliceRecord[], slugs: Map<string, string>): Promise<BatchOutcome> {
  return placeAndInsert(db, records, slugs, false);
}

/**
 * The bulk path, in the batch's transaction: inserts the placed rows with incident's triggers off
 * (the seven foreign-key checks, fired once per row, were about a fifth of the old statement's
 * time), then does once what those triggers would have: locks and checks every key the rows
 * refer to, bumps the data version, and adds the rows to the cell and month counts. A killed
 * import keeps every committed batch with its counts.
 * @throws MissingReferenceError when a referenced unit was deleted meanwhile (the batch rolls back)
 */
async function bulkUpsert(db: Db, records: PoliceRecord[], slugs: Map<string, string>): Promise<BatchOutcome> {
  // A batch of 50,000 rows runs for tens of seconds on a busy machine.
  await allowLongStatements(db);
  const outcome = await placeAndInsert(db, records, slugs, true);
  const [{ missing }] = await db.query<{ missing: string[] }>(sql('bulk-check-references'));
  if (missing.length > 0) {
    throw new MissingReferenceError(missing);
  }
  await db.query(sql('bump-data-version'));
  await db.query(sql('bulk-cell-counts'));
  await db.query(sql('bulk-month-counts'));
  return outcome;
}

/**
 * A batch of a first load (firstLoad), in the load's one transaction: staged and placed as on the
 * other paths, then written into the load table, which has no index at all (incident's key on it
 * cost about a fifth of a million-row load); a key written twice is settled at the end
 * (settleRepeats). Returns the batch's counts, every in-city row counted inserted until then.
 */
async function loadBatch(
  db: Db,
  records: PoliceRecord[],
  slugs: Map<string, string>,
): Promise<BatchOutcome & { lastId: string | null }> {
  await fillStaging(db, records, slugs);
  await db.query(sql('place-staged'));
  const [outcome] = await db.query<BatchOutcome & { lastId: string | null }>(sql('first-load-placed'));
  await db.query(sql('first-load-next-batch'));
  return outcome;
}

/** How many one-second tries a first load makes for incident's exclusive lock (about ten minutes). */
const EXCLUSIVE_TRIES = 600;

/**
 * Takes incident ACCESS EXCLUSIVE for the end of a first load, queueing at most a second at a
 * time (first-load-lock-wait), so that a long reader never leaves the readers behind the load's
 * request waiting for long; between tries they run. Fails after EXCLUSIVE_TRIES.
 */
async function lockExclusively(db: Db): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await db.query(sql('first-load-savepoint'));
    try {
      await db.query(sql('first-load-lock-wait'));
      await db.query(sql('first-load-exclusive'));
      await db.query(sql('first-load-locked'));
      await db.query(sql('first-load-no-lock-wait'));
      return;
    } catch (err) {
      const code =
        (err as { driverError?: { code?: unknown }; code?: unknown }).driverError?.code ??
        (err as { code?: unknown }).code;
      // 55P03: lock_not_available, the wait's limit passed.
      if (code !== '55P03' || attempt >= EXCLUSIVE_TRIES) {
        throw err;
      }
      await db.query(sql('first-load-back'));
    }
  }
}

/**
 * Settles the keys a first load wrote more than once, as incident's key would have row by row,
 * and corrects each file's counts to match: a repeat is updated when it brought another outcome,
 * else unchanged, and not inserted.
 * @param loads each file's counts and the last id it wrote, in load order
 */
async function settleRepeats(db: Db, loads: { counts: ImportCounts; lastId: string | null }[]): Promise<void> {
  const [{ any }] = await db.query<{ any: boolean }>(sql('first-load-any-repeat'));
  if (!any) {
    return;
  }
  let last = '0';
  const lastIds = loads.map((load) => (last = load.lastId ?? last));
  const repeats = await db.query<{ file: number; repeats: number; changed: number }>(sql('first-load-repeats'), [
    lastIds,
  ]);
  for (const { file, repeats: n, changed } of repeats) {
    const counts = loads[file].counts;
    counts.inserted -= n;
    counts.updated += changed;
    counts.unchanged += n - changed;
  }
  await db.query(sql('first-load-settle'));
}

/**
 * Ends a first load, in its transaction: does once what the bulk path does per batch (reference
 * check, data version, kept counts), then moves the gathered rows into incident with every index
 * but the primary key dropped, and builds them again from the catalog's definitions.
 *
 * Locks: from first-load-lock until commit no one else writes incident, and readers go on; from
 * lockExclusively (just before the first DROP INDEX) until commit incident is ACCESS EXCLUSIVE, so
 * a reader waits (it never sees incident without its indexes: it sees the table as before the
 * load, or after, with every index and count). That wait is the move and the index builds only
 * (the counts are added before it), yet over a minute for a million rows on a busy server
 * (bench/RESULTS.md): a request waiting past the pool's statement limit fails with a time-out, as
 * behind any long lock, so a first backfill belongs before the hub opens to users.
 * @throws MissingReferenceError when a referenced unit was deleted meanwhile (the load rolls back)
 */
async function finishFirstLoad(db: Db, loads: { counts: ImportCounts; lastId: string | null }[]): Promise<void> {
  await settleRepeats(db, loads);
  await db.query(sql('first-load-lock'));
  await db.query(sql('bump-data-version'));
  await db.query(sql('first-load-written'));
  const [{ missing }] = await db.query<{ missing: string[] }>(sql('bulk-check-references'));
  if (missing.length > 0) {
    throw new MissingReferenceError(missing);
  }
  await db.query(sql('bulk-cell-counts'));
  await db.query(sql('bulk-month-counts'));
  // The statements come from the catalog (first-load-indexes), not from this code: the
  // migrations keep the one list of incident's indexes.
  const indexes = await db.query<{ drop: string; create: string }>(sql('first-load-indexes'));
  await lockExclusively(db);
  for (const index of indexes) {
    await db.query(index.drop);
  }
  await db.query(sql('bulk-triggers-off'));
  await db.query(sql('first-load-move'));
  await db.query(sql('bulk-triggers-on'));
  await db.query(sql('first-load-memory'));
  for (const index of indexes) {
    await db.query(index.create);
  }
}

/**
 * Imports police.uk street-level CSV files: streams each file, validates every row, and writes
 * batches through a staging table with set-based statements that assign ward, area and LSOA.
 * Malformed rows are rejected with their line and reason, never aborting the import. Three paths
 * write the same rows, counts, run records and reports (test/police-bulk.test.ts):
 *
 * - batched, bulk (ImportOptions.bulk): each batch commits on its own, so a killed import keeps
 *   whole batches and a re-run completes it (keys make rows already written count as unchanged);
 * - first load (ImportOptions.firstLoad), into an empty incident: every file in one transaction,
 *   so a killed load leaves incident as it was, empty with all its indexes, and the re-run loads
 *   everything again from the start (it restarts rather than resumes).
 * @param dataSource an initialised, migrated DataSource
 * @param files from expandPaths; headers are checked first
 */
export async function importPoliceFiles(
  dataSource: DataSource,
  files: readonly string[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  await checkHeaders(files);
  const started = Date.now();
  const counts = noCounts();
  const unknownTypes = new Map<string, number>();
  const report = new RejectionReport(options.reportPath ?? null);
  const db = typeormDb(dataSource);
  const bulk =
    options.bulk ?? (await db.query<{ permitted: boolean }>(sql('bulk-permitted'))).every((r) => r.permitted);
  const firstLoad =
    bulk && (options.firstLoad ?? (await db.query<{ empty: boolean }>(sql('first-load-empty')))[0].empty);
  const batchSize = options.batchSize ?? (bulk ? DEFAULT_BULK_BATCH : DEFAULT_BATCH);
  const upsert = bulk ? bulkUpsert : stageAndUpsert;
  const slugs = new Map<string, string>();
  // A Crime type matches a category by its police.uk name or, as some exports write it, its slug.
  for (const row of await db.query<{ slug: string; policeName: string | null }>(sql('categories'))) {
    if (row.policeName) {
      slugs.set(row.policeName, row.slug);
      slugs.set(row.slug, row.slug);
    }
  }
  const known = new Set(slugs.keys());
  const runs = new ImportRuns(db);
  for (const closed of await runs.closeInterrupted()) {
    options.onInterruptedRun?.(closed.file);
  }

  /** Notes the batch's unknown Crime types and keeps each under its own slug, through `q`. */
  const addCategories = async (q: Db, records: PoliceRecord[]) => {
    for (const record of records) {
      if (!known.has(record.crimeType)) {
        unknownTypes.set(record.crimeType, (unknownTypes.get(record.crimeType) ?? 0) + 1);
      }
      if (!slugs.has(record.crimeType)) {
        const slug = slugOf(record.crimeType);
        await q.query(sql('add-police-category'), [slug, record.crimeType]);
        slugs.set(record.crimeType, slug);
      }
    }
  };
  /** Reads one file in batches, writing each with `write` and tallying into fileCounts. */
  const readFile = (
    file: string,
    fileCounts: ImportCounts,
    write: (records: PoliceRecord[]) => Promise<BatchOutcome>,
    afterBatch: () => Promise<void>,
  ) => {
    const keys = new RowKeys();
    return inBatches(
      parseCsvRows(file, (fields, line) => parsePoliceRow(fields, line, keys)),
      batchSize,
      {
        write: async (records) => {
          const outcome = await write(records);
          fileCounts.read += records.length;
          fileCounts.inserted += outcome.inserted;
          fileCounts.updated += outcome.updated;
          fileCounts.outsideCity += outcome.outsideCity;
          fileCounts.noLocation += outcome.noLocation;
          fileCounts.unchanged += records.length - outcome.inserted - outcome.updated - outcome.outsideCity;
          await afterBatch();
          options.onProgress?.(add(counts, fileCounts), file);
        },
        reject: (rejection) => {
          fileCounts.read += 1;
          fileCounts.rejected += 1;
          report.add(file, rejection);
        },
      },
    );
  };

  if (firstLoad) {
    // Every run is recorded before the load's transaction and closed after it: a killed load
    // leaves them running, and the next import closes them as interrupted. They beat when the
    // load ends (the embedded database has one connection, the load's).
    const loads: { file: string; runId: string; counts: ImportCounts; lastId: string | null }[] = [];
    for (const file of files) {
      loads.push({ file, runId: await runs.start('police.uk', file), counts: noCounts(), lastId: null });
    }
    try {
      await withTransaction(dataSource, async (tx) => {
        await allowLongStatements(tx);
        await tx.query(sql('first-load-allow-idle'));
        // For the whole load: a re-placement of every incident waits for it, or it for one.
        await new IncidentsService(tx).sharePlacement();
        await tx.query(sql('first-load-create'));
        for (const load of loads) {
          await readFile(
            load.file,
            load.counts,
            async (records) => {
              await addCategories(tx, records);
              const outcome = await loadBatch(tx, records, slugs);
              load.lastId = outcome.lastId ?? load.lastId;
              return outcome;
            },
            async () => undefined,
          );
          Object.assign(counts, add(counts, load.counts));
        }
        await finishFirstLoad(tx, loads);
        // Repeated keys settled: the files' counts changed.
        Object.assign(counts, loads.map((l) => l.counts).reduce(add, noCounts()));
      });
    } catch (err) {
      // Nothing of the load was kept: every file's run failed, having read and rejected (those
      // rows are in the report) but written nothing.
      for (const load of loads) {
        const kept = { ...noCounts(), read: load.counts.read, rejected: load.counts.rejected };
        await runs.finish(load.runId, 'failed', kept).catch(() => undefined);
      }
      throw err;
    }
    for (const load of loads) {
      await runs.finish(load.runId, 'completed', load.counts);
    }
  } else {
    for (const file of files) {
      const runId = await runs.start('police.uk', file);
      const fileCounts = noCounts();
      try {
        await readFile(
          file,
          fileCounts,
          async (records) => {
            await addCategories(db, records);
            return withTransaction(dataSource, (tx) => upsert(tx, records, slugs));
          },
          () => runs.beat(runId),
        );
      } catch (err) {
        await runs.finish(runId, 'failed', fileCounts).catch(() => undefined);
        throw err;
      }
      await runs.finish(runId, 'completed', fileCounts);
      Object.assign(counts, add(counts, fileCounts));
    }
  }
  if (counts.inserted + counts.updated > 0) {
    await db.query(sql('vacuum-incident'));
  }
  return {
    files: [...files],
    counts,
    unknownTypes,
    reportPath: await report.close(),
    seconds: (Date.now() - started) / 1000,
    bulk,
    firstLoad,
  };
}

function add(a: ImportCounts, b: ImportCounts): ImportCounts {
  return {
    read: a.read + b.read,
    inserted: a.inserted + b.inserted,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
    rejected: a.rejected + b.rejected,
    outsideCity: a.outsideCity + b.outsideCity,
    noLocation: a.noLocation + b.noLocation,
  };
}

/** The one-line summary an import ends with. */
export function summariseImport(result: ImportResult): string {
  const c = result.counts;
  const rate = result.seconds > 0 ? Math.round(c.read / result.seconds) : c.read;
  return (
    `police.uk import: ${result.files.length} file(s), read ${c.read}, inserted ${c.inserted}, updated ${c.updated}, ` +
    `unchanged ${c.unchanged}, rejected ${c.rejected}, outside the city ${c.outsideCity}, ` +
    `no location ${c.noLocation} (placed by LSOA) in ${result.seconds.toFixed(1)} s (${rate} rows/s)`
  );
}
