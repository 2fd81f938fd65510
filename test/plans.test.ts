import type { Caller } from '../src/auth/caller';
import type { Db } from '../src/db/db';

import { inRolledBackTransaction } from './helpers/database';
import { errorCodes, graphqlSuite } from './helpers/graphql';

const suite = graphqlSuite();

const OFFICER: Caller = { role: 'officer', identity: 'api-key:7 (neighbourhood manager)', limitKey: 'test:officer' };
const ANALYST: Caller = { role: 'analyst', identity: 'api-key:8 (analyst)', limitKey: 'test:analyst' };

const ALLOCATION_FIELDS = `parameters { level boundarySet edition preset weights { component weight } from to }
  n posts dedicated pairing budget { total floor } method
  lines { rank code name need posts pounds rule pair { code name } pairLink why }
  totals { units posts pounds } warnings`;
const PLAN_FIELDS = `id title decidedBy decidedOn note recordedBy recordedAt level boundarySet input dataChangedSince
  allocation { ${ALLOCATION_FIELDS} }`;

const SAVE = `mutation Save($input: SavePlanInput!) { savePlan(input: $input) { ${PLAN_FIELDS} } }`;
const READ = `query Read($id: ID!) { plan(id: $id) { ${PLAN_FIELDS} } }`;
const READ_TITLE = `query ReadTitle($id: ID!) { plan(id: $id) { id title } }`;
const PROPOSE = `query Propose($input: AllocationInput!) { proposeAllocation(input: $input) { ${ALLOCATION_FIELDS} } }`;
const COMPARE = `query Compare($id: ID!, $previousId: ID) {
  planComparison(id: $id, previousId: $previousId) {
    plan { id } previous { id } inputChanges summary
    lines { code name change rankBefore rankAfter postsBefore postsAfter poundsBefore poundsAfter ruleBefore ruleAfter pairBefore pairAfter what }
  }
}`;

// The 2016 method, on a mix that reads incidents (so that new incidents change the answer).
const MIXED_2016 = {
  priority: {
    edition: 2019,
    weights: [
      { component: 'IMD', weight: 1 },
      { component: 'CRIME_RATE', weight: 1 },
    ],
    from: '2018-12',
    to: '2018-12',
    boundarySet: 'ons-wards-2013',
    n: 12,
    tiers: { method: 'BY_COUNT', red: 2, amber: 10 },
  },
  posts: 7,
  dedicated: 2,
  pairing: 'NEIGHBOURS',
  budget: { total: 35000, floor: 2000 },
};

interface Plan {
  id: string;
  title: string;
  decidedBy: string;
  decidedOn: string;
  recordedBy: string;
  level: string;
  boundarySet: string;
  input: string;
  dataChangedSince: boolean;
  allocation: { lines: { code: string; posts: number; pounds: number; rule: string }[]; posts: number };
}

async function save(db: Db, input: Record<string, unknown>, caller: Caller = OFFICER) {
  return suite.client.run<{ savePlan: Plan }>(db, SAVE, { input }, caller);
}

async function saved(db: Db, input: Record<string, unknown>): Promise<Plan> {
  const result = await save(db, input);
  expect(result.errors).toBeUndefined();
  return result.data?.savePlan as Plan;
}

const count = async (db: Db) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM allocation_plan'))[0].n;

describe('savePlan and plan: a dated decision, read back unchanged', () => {
  it('stores what proposeAllocation answers, who decided, who recorded it and when', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const proposed = await suite.client.run<{ proposeAllocation: unknown }>(db, PROPOSE, { input: MIXED_2016 });
      expect(proposed.errors).toBeUndefined();
      const plan = await saved(db, {
        title: 'Priority neighbourhoods 2016',
        decidedBy: 'Cabinet, 9 March 2016',
        decidedOn: '2016-03-09',
        note: '  after the budget cut  ',
        allocation: MIXED_2016,
      });
      expect(plan.allocation).toEqual(proposed.data?.proposeAllocation);
      expect(plan).toMatchObject({
        title: 'Priority neighbourhoods 2016',
        decidedBy: 'Cabinet, 9 March 2016',
        decidedOn: '2016-03-09',
        note: 'after the budget cut',
        recordedBy: OFFICER.identity,
        level: 'WARD',
        boundarySet: 'ons-wards-2013',
        dataChangedSince: false,
      });
      expect(JSON.parse(plan.input)).toMatchObject(MIXED_2016);
      expect(Date.now() - Date.parse((plan as unknown as { recordedAt: string }).recordedAt)).toBeLessThan(600_000);
      const read = await suite.client.run<{ plan: Plan }>(db, READ, { id: plan.id }, OFFICER);
      expect(read.errors).toBeUndefined();
      expect(read.data?.plan).toEqual({ ...plan });
      // Analysts read plans, but who recorded one is for officers.
      expect(errorCodes(await suite.client.run(db, READ, { id: plan.id }, ANALYST))).toEqual(['FORBIDDEN']);
      const titled = await suite.client.run<{ plan: Plan }>(db, READ_TITLE, { id: plan.id }, ANALYST);
      expect(titled.data?.plan).toEqual({ id: plan.id, title: plan.title });
    });
  });

  it('dates a plan today (UTC) when decidedOn is not given', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const plan = await saved(db, { title: 'Today', decidedBy: 'Head of Communities', allocation: MIXED_2016 });
      expect(plan.decidedOn).toBe(new Date().toISOString().slice(0, 10));
    });
  });

  it('reads back unchanged after new incidents change what proposeAllocation answers', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const plan = await saved(db, { title: 'Before', decidedBy: 'Cabinet', allocation: MIXED_2016 });
      const inPlan = new Set(plan.allocation.lines.map((l) => l.code));
      // The 2013 ward with the least need gets thirty times its December crimes again.
      const ranking = await suite.client.run<{ priorityNeighbourhoods: { entries: { unit: { code: string } }[] } }>(
        db,
        `query ($input: PriorityInput!) { priorityNeighbourhoods(input: $input) { entries { unit { code } } } }`,
        { input: MIXED_2016.priority },
      );
      const last = ranking.data?.priorityNeighbourhoods.entries.at(-1)?.unit.code as string;
      expect(inPlan.has(last)).toBe(false);
      await db.query(
        `INSERT INTO incident (source, source_key, category_slug, month, geom, geom_bng, ward_code, area_code,
                               month_ward_code, month_area_code, lsoa_code, police_neighbourhood_id)
         SELECT 'test', 'plan-' || i.id || '-' || n, i.category_slug, i.month, i.geom, i.geom_bng, i.ward_code,
                i.area_code, i.month_ward_code, i.month_area_code, i.lsoa_code, i.police_neighbourhood_id
         FROM incident i JOIN incident_category c ON c.slug = i.category_slug AND c.kind = 'crime',
              generate_series(1, 30) n
         WHERE i.month_ward_code = $1 AND i.month = '2018-12-01'`,
        [last],
      );
      const now = await suite.client.run<{ proposeAllocation: Plan['allocation'] }>(db, PROPOSE, {
        input: MIXED_2016,
      });
      expect(now.data?.proposeAllocation.lines.map((l) => l.code)).toContain(last);
      const read = await suite.client.run<{ plan: Plan }>(db, READ, { id: plan.id }, OFFICER);
      expect(read.data?.plan).toEqual({ ...plan, dataChangedSince: true });
    });
  });
});

describe('plans and planComparison', () => {
  it('lists plans latest decision first, by level, and compares each with the one before', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const first = await saved(db, {
        title: '2016',
        decidedBy: 'Cabinet',
        decidedOn: '2016-03-09',
        allocation: MIXED_2016,
      });
      // A year on: a post fewer, so two more units go without one.
      const leaner = { ...MIXED_2016, posts: 6, budget: { total: 30000, floor: 2000 } };
      const second = await saved(db, {
        title: '2017',
        decidedBy: 'Cabinet',
        decidedOn: '2017-03-08',
        allocation: leaner,
      });
      const areaPlan = await saved(db, {
        title: 'Areas',
        decidedBy: 'Board',
        decidedOn: '2017-06-01',
        allocation: {
          priority: { level: 'AREA', edition: 2019, n: 4, tiers: { method: 'BY_COUNT', red: 1, amber: 2 } },
          posts: 2,
          dedicated: 0,
          pairing: 'SIMILAR_NEED',
          budget: { total: 4000, floor: 1000 },
        },
      });
      const list = await suite.client.run<{ plans: { id: string }[] }>(
        db,
        `{ all: plans { id } wards: plans(level: WARD) { id } }`,
        {},
        ANALYST,
      );
      expect(list.errors).toBeUndefined();
      const data = list.data as unknown as { all: { id: string }[]; wards: { id: string }[] };
      expect(data.all.map((p) => p.id)).toEqual([areaPlan.id, second.id, first.id]);
      expect(data.wards.map((p) => p.id)).toEqual([second.id, first.id]);

      const compared = await suite.client.run<{ planComparison: any }>(db, COMPARE, { id: second.id }, ANALYST);
      expect(compared.errors).toBeUndefined();
      const c = compared.data?.planComparison;
      expect(c.previous.id).toBe(first.id);
      expect(c.inputChanges).toEqual(['posts 7 → 6', 'budget £35,000 → £30,000']);
      // Every unit's before and after are the two saved plans' lines.
      const before = new Map(first.allocation.lines.map((l) => [l.code, l]));
      const after = new Map(second.allocation.lines.map((l) => [l.code, l]));
      for (const l of c.lines) {
        expect(l.postsBefore).toBe(before.get(l.code)?.posts ?? 0);
        expect(l.postsAfter).toBe(after.get(l.code)?.posts ?? 0);
        expect(l.poundsBefore).toBe(before.get(l.code)?.pounds ?? 0);
        expect(l.poundsAfter).toBe(after.get(l.code)?.pounds ?? 0);
      }
      expect(new Set(c.lines.map((l: { code: string }) => l.code))).toEqual(
        new Set([...before.keys(), ...after.keys()]),
      );
      const postsBefore = c.lines.reduce((s: number, l: { postsBefore: number }) => s + l.postsBefore, 0);
      const postsAfter = c.lines.reduce((s: number, l: { postsAfter: number }) => s + l.postsAfter, 0);
      expect([postsBefore, postsAfter]).toEqual([7, 6]);
      expect(c.lines.some((l: { change: string }) => l.change === 'CHANGED')).toBe(true);

      // The first plan of its level has nothing before it; any plan can be compared with any.
      const none = await suite.client.run<{ planComparison: any }>(db, COMPARE, { id: first.id }, ANALYST);
      expect(none.data?.planComparison).toMatchObject({ previous: null, lines: [], inputChanges: [] });
      const areaFirst = await suite.client.run<{ planComparison: any }>(db, COMPARE, { id: areaPlan.id }, ANALYST);
      expect(areaFirst.data?.planComparison.previous).toBeNull();
      const chosen = await suite.client.run<{ planComparison: any }>(
        db,
        COMPARE,
        { id: first.id, previousId: second.id },
        ANALYST,
      );
      expect(chosen.data?.planComparison.inputChanges).toEqual(['posts 6 → 7', 'budget £30,000 → £35,000']);
    });
  });
});

describe('refusals: nothing saved', () => {
  const base = { title: 'A plan', decidedBy: 'Cabinet', allocation: MIXED_2016 };
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['an empty title', { ...base, title: '   ' }, /title must be from 1 to 200 characters/],
    ['a long decidedBy', { ...base, decidedBy: 'x'.repeat(201) }, /decidedBy must be from 1 to 200/],
    ['a long note', { ...base, note: 'x'.repeat(1001) }, /note must be at most 1000 characters/],
    ['a day that is not one', { ...base, decidedOn: '2016-02-30' }, /decidedOn must be a calendar day/],
    ['a day in the future', { ...base, decidedOn: '2999-01-01' }, /decidedOn must be from 2000-01-01 to today/],
    ['more dedicated posts than posts', { ...base, allocation: { ...MIXED_2016, dedicated: 8 } }, /dedicated/],
    [
      'a budget below its floors',
      { ...base, allocation: { ...MIXED_2016, budget: { total: 1000, floor: 2000 } } },
      /floor/,
    ],
    [
      'an edition the hub does not hold',
      { ...base, allocation: { ...MIXED_2016, priority: { ...MIXED_2016.priority, edition: 2010 } } },
      /edition must be one of/,
    ],
  ];
  it.each(cases)('refuses %s with BAD_USER_INPUT saying why', async (_what, input, message) => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const before = await count(db);
      const result = await save(db, input);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0].message).toMatch(message);
      expect(await count(db)).toBe(before);
    });
  });

  it('refuses an analyst saving (FORBIDDEN) and a public caller reading (UNAUTHENTICATED)', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const before = await count(db);
      expect(errorCodes(await save(db, base, ANALYST))).toEqual(['FORBIDDEN']);
      expect(await count(db)).toBe(before);
      const anonymous: Caller = { role: 'public', identity: 'anonymous', limitKey: 'address:test' };
      expect(errorCodes(await suite.client.run(db, '{ plans { id } }', {}, anonymous))).toEqual(['UNAUTHENTICATED']);
    });
  });

  it('answers NOT_FOUND for a plan never saved and BAD_USER_INPUT for an id the hub never gives', async () => {
    const missing = await suite.client.run(suite.db, READ_TITLE, { id: '999999999' }, ANALYST);
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
    expect(missing.errors?.[0].message).toMatch(/no saved plan has id 999999999/);
    expect(errorCodes(await suite.client.run(suite.db, READ_TITLE, { id: 'abc' }, ANALYST))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await suite.client.run(suite.db, COMPARE, { id: '1', previousId: '-1' }, ANALYST))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await suite.client.run(suite.db, '{ plans(first: 101) { id } }', {}, ANALYST))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      errorCodes(await suite.client.run(suite.db, '{ plans(boundarySet: "nowhere") { id } }', {}, ANALYST)),
    ).toEqual(['NOT_FOUND']);
  });
});
