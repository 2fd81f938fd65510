import { isRejection, type Rejection } from './rejections';

/** What an importer does with the rows of one file. */
export interface BatchHandlers<T> {
  /** Writes one batch, in its own transaction: a killed import keeps every batch written. */
  write(batch: T[]): Promise<void>;
  /** Takes note of a row that cannot be imported; the import goes on. */
  reject(rejection: Rejection): void;
}

/**
 * The loop every file importer shares: rows in file order, rejections handed on at once, the
 * rest written in batches of `batchSize` (the last one shorter). While a batch is written the
 * next one is read and checked, so the file and the database work side by side; writes still
 * run one at a time and in file order, so a killed import has committed a prefix of its batches.
 * At most two batches are held, so a file of any size streams through in bounded memory.
 * @param rows parsed rows and rejections, as parseCsvRows gives them
 * @throws the first failed write's error, once the reading has caught up with it
 */
export async function inBatches<T extends object>(
  rows: AsyncIterable<T | Rejection>,
  batchSize: number,
  handlers: BatchHandlers<T>,
): Promise<void> {
  let batch: T[] = [];
  let writing: Promise<void> = Promise.resolve();
  const write = async (full: T[]) => {
    await writing;
    writing = handlers.write(full);
    // Marked handled while the next batch is read; awaited (and so thrown) before the next write.
    writing.catch(() => undefined);
  };
  for await (const row of rows) {
    if (isRejection(row)) {
      handlers.reject(row);
      continue;
    }
    batch.push(row);
    if (batch.length >= batchSize) {
      const full = batch;
      batch = [];
      await write(full);
    }
  }
  if (batch.length > 0) {
    await write(batch);
  }
  await writing;
}
