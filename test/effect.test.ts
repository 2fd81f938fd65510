import type { Db } from '../src/db/db';

import { inRolledBackTransaction } from './helpers/database';
import { exactCdf } from './helpers/exact-binomial';
import { errorCodes, graphqlSuite } from './helpers/graphql';
import { plant, plantTask } from './helpers/resolved';

const suite = graphqlSuite();

// A 500 m square footprint far from the shipped city, so only what the test plants is inside it.
const X0 = 610_000;
const Y0 = 180_000;
const BOX: [number, number, number, number] = [X0, Y0, X0 + 500, Y0 + 500];
const IN = { x: X0 + 250, y: Y0 + 250 };
const OUT = { x: X0 + 5_000, y: Y0 + 5_000 };

const EFFECT = `query ($id: ID!, $months: Int) {
  taskEffect(taskId: $id, months: $months) {
    taskId task { id status } status categories months beforeFrom beforeTo afterFrom afterTo latestMonth
    insideBefore insideAfter outsideBefore outsideAfter insideBeforeRate outsideAfterRate
    insideRatio outsideRatio ratioOfRatios changePercent pFall pRise verdict reading
  }
}`;

interface Effect {
  taskId: string;
  months: number;
  beforeFrom: string;
  beforeTo: string;
  afterFrom: string;
  afterTo: string;
  insideBefore: number;
  insideAfter: number;
  outsideBefore: number;
  outsideAfter: number;
  insideBeforeRate: number;
  outsideAfterRate: number;
  ratioOfRatios: number;
  changePercent: number;
  pFall: number;
  pRise: number;
  verdict: string;
  reading: string;
}

/**
 * Known counts: drugs inside 12 + 10 + 8 in the three months before creation (April 2046) and
 * 3 a month after closing (May 2046); outside 200 before and 190 after. Planted too, and not to be
 * counted: burglaries inside (another category), the months of work, a month before the window.
 */
async function planted(tx: Db): Promise<void> {
  await plant(tx, [
    { ...IN, n: 12, month: '2046-01' },
    { ...IN, n: 10, month: '2046-02' },
    { ...IN, n: 8, month: '2046-03' },
    { ...IN, n: 5, month: '2046-02', category: 'burglary' },
    { ...IN, n: 50, month: '2046-04' },
    { ...IN, n: 40, month: '2046-05' },
    { ...IN, n: 3, month: '2046-06' },
    { ...IN, n: 3, month: '2046-07' },
    { ...IN, n: 3, month: '2046-08' },
    { ...IN, n: 99, month: '2045-12' },
    { ...OUT, n: 70, month: '2046-01' },
    { ...OUT, n: 70, month: '2046-02' },
    { ...OUT, n: 60, month: '2046-03' },
    { ...OUT, n: 77, month: '2046-04' },
    { ...OUT, n: 60, month: '2046-06' },
    { ...OUT, n: 60, month: '2046-07' },
    { ...OUT, n: 70, month: '2046-08' },
  ]);
}

describe('taskEffect: did a finished task work?', () => {
  it('counts inside the footprint and in the rest of the city over the whole months before creation and after closing', async () => {
    const { effect, all } = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      await planted(tx);
      const drugs = await plantTask(tx, {
        box: BOX,
        status: 'done',
        createdAt: '2046-04-10T09:00:00Z',
        dueOn: '2046-05-31',
        closedAt: '2046-05-20T12:00:00Z',
        categories: ['drugs'],
      });
      const every = await plantTask(tx, {
        box: BOX,
        status: 'done',
        createdAt: '2046-04-10T09:00:00Z',
        dueOn: '2046-05-31',
        closedAt: '2046-05-20T12:00:00Z',
      });
      const one = await suite.client.run<{ taskEffect: Effect }>(tx, EFFECT, { id: drugs, months: 3 });
      const two = await suite.client.run<{ taskEffect: Effect }>(tx, EFFECT, { id: every });
      expect(one.errors).toBeUndefined();
      expect(two.errors).toBeUndefined();
      // The Task itself rides along, read through the request's loader.
      expect((one.data?.taskEffect as unknown as { task: unknown }).task).toEqual({ id: drugs, status: 'DONE' });
      return { effect: one.data?.taskEffect as Effect, all: two.data?.taskEffect as Effect };
    });
    expect(effect).toMatchObject({
      months: 3,
      beforeFrom: '2046-01',
      beforeTo: '2046-03',
      afterFrom: '2046-06',
      afterTo: '2046-08',
      insideBefore: 30,
      insideAfter: 9,
      outsideBefore: 200,
      outsideAfter: 190,
      insideBeforeRate: 10,
    });
    expect(effect.outsideAfterRate).toBeCloseTo(190 / 3, 12);
    const rr = 9 / 30 / (190 / 200);
    expect(Math.abs(effect.ratioOfRatios - rr)).toBeLessThan(1e-12);
    expect(Math.abs(effect.changePercent - (rr - 1) * 100)).toBeLessThan(1e-9);
    expect(Math.abs(effect.pFall - exactCdf(9, 39, 200, 190))).toBeLessThan(1e-9);
    expect(Math.abs(effect.pRise - (1 - exactCdf(8, 39, 200, 190)))).toBeLessThan(1e-9);
    expect(effect.verdict).toBe('LIKELY_WORKED');
    expect(effect.reading).toMatch(
      /^incidents fell 70 % in the area \(30 to 9\) while the rest of the city fell 5 % \(200 to 190\)/,
    );
    // With no categories every category counts: the burglaries too.
    expect(all).toMatchObject({ insideBefore: 35, insideAfter: 9, outsideBefore: 200, outsideAfter: 190 });
  });

  it('says too early while the months after closing are not all held, and too few on small counts', async () => {
    const { early, few, latest } = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      await planted(tx);
      const closedLate = await plantTask(tx, {
        box: BOX,
        status: 'done',
        createdAt: '2046-04-10T09:00:00Z',
        dueOn: '2046-07-31',
        closedAt: '2046-07-02T12:00:00Z',
      });
      const burglary = await plantTask(tx, {
        box: BOX,
        status: 'done',
        createdAt: '2046-04-10T09:00:00Z',
        dueOn: '2046-05-31',
        closedAt: '2046-05-20T12:00:00Z',
        categories: ['burglary'],
      });
      const [row] = await tx.query<{ m: string }>("SELECT to_char(max(month), 'YYYY-MM') AS m FROM incident");
      const a = await suite.client.run<{ taskEffect: Effect & { latestMonth: string } }>(tx, EFFECT, {
        id: closedLate,
      });
      const b = await suite.client.run<{ taskEffect: Effect }>(tx, EFFECT, { id: burglary });
      return { early: a.data?.taskEffect, few: b.data?.taskEffect, latest: row.m };
    });
    expect(early?.latestMonth).toBe(latest);
    expect((early?.afterTo ?? '') > latest).toBe(true);
    expect(early?.verdict).toBe('TOO_EARLY');
    expect(early?.reading).toMatch(/^too early to judge/);
    expect(few).toMatchObject({ insideBefore: 5, insideAfter: 0, verdict: 'TOO_FEW' });
    expect(few?.reading).toMatch(/^too few incidents to judge/);
  });

  it('refuses an unknown task, a task not done and months out of range, naming the field', async () => {
    await inRolledBackTransaction(suite.dataSource, async (tx) => {
      const open = await plantTask(tx, {
        box: BOX,
        status: 'open',
        createdAt: '2046-04-10T09:00:00Z',
        dueOn: '2046-05-31',
      });
      const done = await plantTask(tx, {
        box: BOX,
        status: 'done',
        createdAt: '2046-04-10T09:00:00Z',
        dueOn: '2046-05-31',
        closedAt: '2046-05-20T12:00:00Z',
      });
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ id: '999999999999' }, 'NOT_FOUND', /^no task has id 999999999999$/],
        [{ id: 'abc' }, 'BAD_USER_INPUT', /^taskId must be/],
        [{ id: open }, 'BAD_USER_INPUT', /^taskId must be a task that is done .*, got task \d+, open$/],
        [{ id: done, months: 0 }, 'BAD_USER_INPUT', /^months must be a whole number of months from 1 to 24, got 0$/],
        [{ id: done, months: 25 }, 'BAD_USER_INPUT', /^months must be .*, got 25$/],
      ];
      for (const [variables, code, message] of cases) {
        const result = await suite.client.run(tx, EFFECT, variables);
        expect({ variables, codes: errorCodes(result) }).toEqual({ variables, codes: [code] });
        expect(result.errors?.[0].message).toMatch(message);
      }
    });
  });
});
