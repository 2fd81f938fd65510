import { inBatches } from './batches';
import type { Rejection } from './rejections';

type Row = { n: number };

/** Rows 1..count, every fifth a rejection, noting in `log` when each is read. */
async function* rows(count: number, log: string[]): AsyncIterable<Row | Rejection> {
  for (let n = 1; n <= count; n += 1) {
    log.push(`read ${n}`);
    yield n % 5 === 0 ? { line: n, reason: 'bad', raw: [] } : { n };
  }
}

describe('inBatches', () => {
  it('reads the next batch while one is written, writing one batch at a time in file order', async () => {
    const log: string[] = [];
    const written: number[][] = [];
    let open = 0;
    let release: (() => void) | undefined;
    const done = inBatches(rows(12, log), 3, {
      write: async (batch) => {
        open += 1;
        expect(open).toBe(1);
        log.push(`write ${batch[0].n}`);
        if (written.length === 0) {
          await new Promise<void>((resolve) => (release = resolve));
        }
        written.push(batch.map((r) => r.n));
        open -= 1;
      },
      reject: (r) => log.push(`reject ${r.line}`),
    });
    // While the first batch (1, 2, 3) waits, the second (4, 6, 7) is read, with row 5's rejection.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log).toEqual(['read 1', 'read 2', 'read 3', 'write 1', 'read 4', 'read 5', 'reject 5', 'read 6', 'read 7']);
    release?.();
    await done;
    expect(written).toEqual([[1, 2, 3], [4, 6, 7], [8, 9, 11], [12]]);
  });

  it('stops at a failed write: no later batch is written, and the import fails with its error', async () => {
    const starts: number[] = [];
    const attempt = inBatches(rows(30, []), 4, {
      write: async (batch) => {
        starts.push(batch[0].n);
        if (starts.length === 2) {
          throw new Error('database gone');
        }
      },
      reject: () => undefined,
    });
    await expect(attempt).rejects.toThrow('database gone');
    expect(starts).toEqual([1, 6]);
  });
});
