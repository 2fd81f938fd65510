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
 * rest written in batches of `batchSize` (the last one shorter). Only one batch is held at a
 * time, so a file of any size streams through in bounded memory.
 * @param rows parsed rows and rejections, as parseCsvRows gives them
 */
export async function inBatches<T extends object>(
  rows: AsyncIterable<T | Rejection>,
  batchSize: number,
  handlers: BatchHandlers<T>,
): Promise<void> {
  let batch: T[] = [];
  for await (const row of rows) {
    if (isRejection(row)) {
      handlers.reject(row);
      continue;
    }
    batch.push(row);
    if (batch.length >= batchSize) {
      const full = batch;
      batch = [];
      await handlers.write(full);
    }
  }
  if (batch.length > 0) {
    await handlers.write(batch);
  }
}
