import type { Caller } from '../src/auth/caller';
import { poissonInterval } from '../src/stats/poisson';

import { lsoaSetFiles, lsoasOf, type WardSetFile, wardSetFiles } from './helpers/boundary-sets';
import { csv } from './helpers/geodata-files';
import { errorCodes, graphqlSuite } from './helpers/graphql';

const suite = graphqlSuite();

const PUBLIC: Caller = { role: 'public', identity: 'anonymous', limitKey: 'address:test' };

interface Component {
  component: string;
  raw: number | null;
  standardised: number | null;
  rawLow: number | null;
  rawHigh: number | null;
  weight: number;
  count: number | null;
}
interface Unit {
  code: string;
  name: string;
  index: number | null;
  indexLow: number | null;
  indexHigh: number | null;
  separatedFromAbove: boolean | null;
  separatedFromBelow: boolean | null;
  imd: number | null;
  nationalDecile: number | null;
  lsoaCount: number;
  components: Component[];
}
interface Entry {
  rank: number;
  priority: boolean;
  tier: string;
  unit: Unit;
}

const UNIT =
  'code name index indexLow indexHigh separatedFromAbove separatedFromBelow imd nationalDecile lsoaCount components { component raw standardised rawLow rawHigh weight count }';
const NEED = `query Need($input: NeedInput!) { need(input: $input) { parameters { boundarySet edition preset disclosure monthsNotOnSet weights { component weight measure higherIsMoreNeed } } units { ${UNIT} } } }`;
const PRIORITY = `query Priority($input: PriorityInput!) { priorityNeighbourhoods(input: $input) { n tieRule entries { rank priority tier unit { ${UNIT} } } } }`;

async function need(input: Record<string, unknown>, caller?: Caller): Promise<Unit[]> {
  const result = await suite.client.run<{ need: { units: Unit[] } }>(suite.db, NEED, { input }, caller);
  expect(result.errors).toBeUndefined();
  return result.data?.need.units as Unit[];
}

async function priority(input: Record<string, unknown>): Promise<Entry[]> {
  const result = await suite.client.run<{ priorityNeighbourhoods: { entries: Entry[] } }>(suite.db, PRIORITY, {
    input,
  });
  expect(result.errors).toBeUndefined();
  return result.data?.priorityNeighbourhoods.entries as Entry[];
}

// The IMD roll-up computed here straight from the shipped files, independently of the hub's SQL:
// each ward's LSOAs by the set's best-fit lookup, weighted by the population the edition is
// rolled up with (mid-2015 for IoD 2015 and 2019; mid-2020 for 2025, E01013479's two successors
// estimated by their share of its land), averaging the score where the edition published one and
// the rank where it did not.
const [earlier, current] = wardSetFiles();
const [, lsoas2021] = lsoaSetFiles();
const mid2015 = new Map(csv('derby-imd2019.csv').map((r) => [r.lsoa_code, Number(r.population_mid2015)]));
const EDITIONS = {
  2015: { rows: csv('derby-imd2015.csv'), code: 'lsoa_code', measure: 'imd_score', weights: mid2015 },
  2019: { rows: csv('derby-imd2019.csv'), code: 'lsoa_code', measure: 'imd_rank', weights: mid2015 },
  2025: {
    rows: csv('derby-imd2025.csv'),
    code: 'lsoa21_code',
    measure: 'imd_score',
    weights: lsoas2021.populationMid2020,
  },
} as const;

function imdFromFiles(set: WardSetFile, edition: keyof typeof EDITIONS): Map<string, number> {
  const e = EDITIONS[edition];
  const value = new Map(e.rows.map((r) => [r[e.code], Number(r[e.measure])]));
  const out = new Map<string, number>();
  for (const ward of set.wards.keys()) {
    const lsoas = lsoasOf(set, ward).filter((l) => value.has(l));
    const pop = lsoas.map((l) => e.weights.get(l) as number);
    const total = pop.reduce((s, p) => s + p, 0);
    out.set(ward, lsoas.reduce((s, l, i) => s + (value.get(l) as number) * pop[i], 0) / total);
  }
  return out;
}

/** Ward codes most deprived first: highest score, or lowest rank for 2019. */
function orderOf(imd: Map<string, number>, byRank: boolean): string[] {
  return [...imd].sort((a, b) => (byRank ? a[1] - b[1] : b[1] - a[1]) || a[0].localeCompare(b[0])).map(([c]) => c);
}

// Measured on the shipped files on 2026-12-02 (see README, "Need and priority neighbourhoods").
const AGREEMENT_2019 = { spearman: 0.9902, samePlace: 9, sameTop12: 12 };

describe('priorityNeighbourhoods on IMD alone', () => {
  it.each([
    [2015, 'current', current],
    [2019, 'current', current],
    [2025, 'current', current],
    [2015, '2013', earlier],
    [2019, '2013', earlier],
    [2025, '2013', earlier],
  ] as const)('ranks the wards by IMD %s on the %s wards exactly as the LSOA files do', async (edition, _name, set) => {
    const fromFiles = imdFromFiles(set, edition);
    const entries = await priority({
      boundarySet: set.id,
      edition,
      preset: 'IMD_ONLY',
      n: 12,
      tiers: { method: 'BY_COUNT', red: 2, amber: 10 },
    });
    expect(entries.map((e) => e.unit.code)).toEqual(orderOf(fromFiles, edition === 2019));
    for (const e of entries) {
      expect(Math.abs((e.unit.imd as number) - (fromFiles.get(e.unit.code) as number))).toBeLessThan(1e-9);
      expect(e.unit.components.map((c) => c.component)).toEqual(['IMD']);
      expect(e.unit.components[0].raw).toBe(e.unit.imd);
    }
    expect(entries.map((e) => e.rank)).toEqual(entries.map((_, i) => i + 1));
    expect(entries.filter((e) => e.priority)).toHaveLength(12);
    expect(entries.map((e) => e.tier)).toEqual([
      ...Array(2).fill('RED'),
      ...Array(10).fill('AMBER'),
      ...Array(set.wards.size - 12).fill('GREEN'),
    ]);
  });

  it('orders the 2013 wards on IoD 2019 much as the published ward summary does, which averages scores', async () => {
    const hub = (await need({ boundarySet: earlier.id, edition: 2019 })).map((u) => u.code);
    // The published file averages LSOA scores, weighted by mid-2019 population; the hub's 2019
    // file has ranks only, so the hub averages ranks, weighted by mid-2015 population.
    const published = csv('derby-ward-imd2019.csv')
      .sort((a, b) => Number(b.score) - Number(a.score) || a.ward_code.localeCompare(b.ward_code))
      .map((r) => r.ward_code);
    expect(hub).toHaveLength(17);
    expect([...hub].sort()).toEqual([...published].sort());
    const position = new Map(published.map((c, i) => [c, i]));
    const d2 = hub.reduce((s, c, i) => s + (i - (position.get(c) as number)) ** 2, 0);
    const spearman = 1 - (6 * d2) / (17 * (17 ** 2 - 1));
    const samePlace = hub.filter((c, i) => position.get(c) === i).length;
    const sameTop12 = hub.slice(0, 12).filter((c) => (position.get(c) as number) < 12).length;
    // What was found, pinned so that a change in either method shows up here.
    expect({ spearman: Number(spearman.toFixed(4)), samePlace, sameTop12 }).toEqual(AGREEMENT_2019);
  });
});

describe('need', () => {
  it('moves a ward past another when one component weighs more', async () => {
    const base = await need({
      edition: 2019,
      weights: [
        { component: 'IMD', weight: 1 },
        { component: 'LIVING_ENVIRONMENT', weight: 0 },
      ],
    });
    const living = (u: Unit) => u.components.find((c) => c.component === 'LIVING_ENVIRONMENT')?.standardised as number;
    // The first pair, top down, whose lower ward is worse off on the living environment.
    const i = base.findIndex((u, k) => k > 0 && living(u) > living(base[k - 1]));
    expect(i).toBeGreaterThan(0);
    const [above, below] = [base[i - 1].code, base[i].code];
    const raised = await need({
      edition: 2019,
      weights: [
        { component: 'IMD', weight: 1 },
        { component: 'LIVING_ENVIRONMENT', weight: 100 },
      ],
    });
    const codes = raised.map((u) => u.code);
    expect(codes.indexOf(below)).toBeLessThan(codes.indexOf(above));
    // A zero weight shows the component without counting it.
    expect(base.map((u) => u.index)).toEqual(base.map((u) => u.components[0].standardised));
  });

  it('computes the index as Σ weight × standardised / Σ weight of what it returns, to 1e-9', async () => {
    const units = await need({ edition: 2025, preset: 'COUNCIL_2007', standardisation: 'MIN_MAX' });
    expect(units[0].components.map((c) => [c.component, c.weight])).toEqual([
      ['IMD', 1],
      ['HOUSING_SERVICES', 1],
      ['CRIME', 1],
      ['EDUCATION', 1],
      ['HEALTH', 1],
    ]);
    for (const u of units) {
      const sum = u.components.reduce((s, c) => s + c.weight * (c.standardised as number), 0);
      expect(Math.abs((u.index as number) - sum / 5)).toBeLessThan(1e-9);
      u.components.forEach((c) => expect(c.standardised).toBeGreaterThanOrEqual(0));
    }
    expect(units.map((u) => u.index as number)).toEqual([...units.map((u) => u.index as number)].sort((a, b) => b - a));
  });

  it("rolls IMD up to areas as the area's own deprivation summary does", async () => {
    const units = await need({ level: 'AREA', edition: 2025 });
    expect(units).toHaveLength(4);
    const result = await suite.client.run<{
      areas: { code: string; deprivation: { imd: { averageScore: number } } }[];
    }>(suite.db, '{ areas { code deprivation(edition: 2025) { imd { averageScore } } } }');
    for (const area of result.data?.areas ?? []) {
      const unit = units.find((u) => u.code === area.code) as Unit;
      expect(Math.abs((unit.imd as number) - area.deprivation.imd.averageScore)).toBeLessThan(1e-9);
    }
  });

  it('ranks LSOAs on their own figures and police neighbourhoods on the LSOAs they hold', async () => {
    const lsoas = await need({ level: 'LSOA', edition: 2019 });
    expect(lsoas).toHaveLength(lsoas2021.lsoas.size);
    const published = new Map(EDITIONS[2019].rows.map((r) => [r.lsoa_code, Number(r.imd_rank)]));
    for (const u of lsoas) {
      // E01013479's successors have no IoD 2019 figures: no index, ranked last.
      expect(u.imd).toBe(published.get(u.code) ?? null);
    }
    expect(lsoas.slice(-2).map((u) => u.index)).toEqual([null, null]);
    const neighbourhoods = await need({ level: 'POLICE_NEIGHBOURHOOD', edition: 2025 });
    const listed = await suite.client.run<{ policeNeighbourhoods: { code: string }[] }>(
      suite.db,
      '{ policeNeighbourhoods { code } }',
    );
    expect(neighbourhoods.map((u) => u.code).sort()).toEqual(
      (listed.data?.policeNeighbourhoods ?? []).map((n) => n.code).sort(),
    );
    expect(neighbourhoods.reduce((s, u) => s + u.lsoaCount, 0)).toBe(lsoas2021.lsoas.size);
  });

  it("counts crime and ASB per 1,000 residents as the ward's own stats do", async () => {
    const input = {
      boundarySet: earlier.id,
      from: '2018-12',
      to: '2018-12',
      weights: [
        { component: 'CRIME_RATE', weight: 1 },
        { component: 'ASB_RATE', weight: 1 },
        { component: 'TREND', weight: 1 },
        { component: 'OPEN_PROBLEMS', weight: 0 },
      ],
    };
    const units = await need(input);
    const result = await suite.client.run<{
      categories: { slug: string; kind: string }[];
      wards: { code: string; population: number; stats: { byCategory: { categorySlug: string; count: number }[] } }[];
    }>(
      suite.db,
      `query ($set: String) { categories { slug kind } wards(filter: { boundarySet: $set }) { code population stats(from: "2018-12", to: "2018-12") { byCategory { categorySlug count } } } }`,
      { set: earlier.id },
    );
    const kind = new Map((result.data?.categories ?? []).map((c) => [c.slug, c.kind]));
    for (const ward of result.data?.wards ?? []) {
      const unit = units.find((u) => u.code === ward.code) as Unit;
      for (const [component, k] of [
        ['CRIME_RATE', 'CRIME'],
        ['ASB_RATE', 'ASB'],
      ]) {
        const n = ward.stats.byCategory.filter((c) => kind.get(c.categorySlug) === k).reduce((s, c) => s + c.count, 0);
        const value = unit.components.find((c) => c.component === component) as Component;
        expect(value.count).toBe(n);
        expect(Math.abs((value.raw as number) - (n / ward.population) * 1000)).toBeLessThan(1e-9);
        const { low, high } = poissonInterval(n, 0.05);
        expect(Math.abs((value.rawLow as number) - (low / ward.population) * 1000)).toBeLessThan(1e-9);
        expect(Math.abs((value.rawHigh as number) - (high / ward.population) * 1000)).toBeLessThan(1e-9);
      }
      // One month: no slope, so TREND has no value and the index rests on the two rates.
      expect(unit.components.find((c) => c.component === 'TREND')?.raw).toBeNull();
    }
  });

  it('withholds from public callers the LSOA figures that rest on 1 to 4 incidents, and ranks the same', async () => {
    const input = { level: 'LSOA', from: '2018-12', to: '2018-12', weights: [{ component: 'ASB_RATE', weight: 1 }] };
    const exact = await need(input);
    const shown = await need(input, PUBLIC);
    expect(shown.map((u) => [u.code, u.index])).toEqual(exact.map((u) => [u.code, u.index]));
    let withheld = 0;
    exact.forEach((u, i) => {
      const [e, p] = [u.components[0], shown[i].components[0]];
      if ((e.count as number) >= 1 && (e.count as number) <= 4) {
        withheld += 1;
        expect([p.raw, p.standardised, p.count, p.rawLow, p.rawHigh]).toEqual([null, null, null, null, null]);
        // The index interval's width would give the count back: withheld with it.
        expect([shown[i].indexLow, shown[i].indexHigh]).toEqual([null, null]);
      } else {
        expect(p).toEqual(e);
        expect([shown[i].indexLow, shown[i].indexHigh]).toEqual([u.indexLow, u.indexHigh]);
      }
    });
    expect(withheld).toBeGreaterThan(0);
    // Whether an order is meaningful is read from exact figures for every caller, as the index is.
    expect(shown.map((u) => [u.separatedFromAbove, u.separatedFromBelow])).toEqual(
      exact.map((u) => [u.separatedFromAbove, u.separatedFromBelow]),
    );
  });

  it('gives the index the interval of the rate on the scale of the point values, and flags neighbours that overlap', async () => {
    const input = { level: 'LSOA', from: '2018-12', to: '2018-12', weights: [{ component: 'ASB_RATE', weight: 1 }] };
    const units = await need(input);
    // Z_SCORE over the LSOAs with a rate: the index interval is the rate interval on that scale.
    const raws = units.map((u) => u.components[0].raw).filter((r): r is number => r !== null);
    const mean = raws.reduce((s, r) => s + r, 0) / raws.length;
    const sd = Math.sqrt(raws.reduce((s, r) => s + (r - mean) ** 2, 0) / raws.length);
    let checked = 0;
    for (const u of units) {
      const c = u.components[0];
      if (c.raw === null) {
        expect([u.indexLow, u.indexHigh, c.rawLow, c.rawHigh]).toEqual([null, null, null, null]);
        continue;
      }
      checked += 1;
      expect(Math.abs((u.indexLow as number) - ((c.rawLow as number) - mean) / sd)).toBeLessThan(1e-9);
      expect(Math.abs((u.indexHigh as number) - ((c.rawHigh as number) - mean) / sd)).toBeLessThan(1e-9);
      expect(u.indexLow as number).toBeLessThanOrEqual(u.index as number);
      expect(u.indexHigh as number).toBeGreaterThan(u.index as number);
    }
    expect(checked).toBeGreaterThan(10);
    // Each flag as the rule states it, from the neighbours' intervals.
    const flags = units.slice(0, -1).map((u, i) => {
      const below = units[i + 1];
      const apart = u.indexLow === null || below.indexLow === null ? null : u.indexLow > (below.indexHigh as number);
      expect(u.separatedFromBelow).toBe(apart);
      expect(below.separatedFromAbove).toBe(apart);
      return apart;
    });
    expect(units[0].separatedFromAbove).toBeNull();
    // One month of ASB on small LSOAs: somewhere in the ranking, neighbours' intervals overlap.
    expect(flags).toContain(false);
  });

  it('gives no interval and no flag to an index with no rate in it (IMD only)', async () => {
    const units = await need({ level: 'WARD', edition: 2019 });
    expect(units.length).toBeGreaterThan(1);
    for (const u of units) {
      expect([u.indexLow, u.indexHigh, u.separatedFromAbove, u.separatedFromBelow]).toEqual([null, null, null, null]);
      expect([u.components[0].rawLow, u.components[0].rawHigh]).toEqual([null, null]);
    }
  });
});

describe('bad input', () => {
  const tiers = { method: 'BY_COUNT', red: 2, amber: 10 };
  it.each([
    [
      'a negative weight',
      { weights: [{ component: 'IMD', weight: -0.5 }] },
      'weights[0].weight must be a number of at least 0',
    ],
    [
      'all-zero weights',
      { weights: [{ component: 'IMD', weight: 0 }] },
      'weights must be above 0 for at least one component',
    ],
    [
      'an unknown component',
      { weights: [{ component: 'FOXES', weight: 1 }] },
      'weights[0].component must be one of IMD',
    ],
    ['an edition not held', { edition: 2010 }, 'edition must be one of 2015, 2019, 2025'],
    [
      'a tier share outside 0..1',
      { tiers: { method: 'BY_SHARE', red: 1.2, amber: 0 } },
      'tiers.red must be a share of the units from 0 to 1, got 1.2',
    ],
    [
      'n larger than the units',
      { n: 19 },
      'n must be a whole number from 0 to 18 (the wards of ons-wards-2023), got 19',
    ],
    ['an inverted period', { from: '2019-03', to: '2018-12' }, 'the period is inverted'],
    ['an unknown ward set', { boundarySet: 'ons-wards-1999' }, 'ons-wards-1999'],
  ])('refuses %s with BAD_USER_INPUT (or NOT_FOUND), saying what to fix', async (_name, change, message) => {
    const result = await suite.client.run(suite.db, PRIORITY, { input: { n: 12, tiers, ...change } });
    expect(errorCodes(result)).toEqual([message === 'ons-wards-1999' ? 'NOT_FOUND' : 'BAD_USER_INPUT']);
    expect(result.errors?.[0].message).toContain(message);
  });

  it('cuts a share exactly at a unit: 2/17 of the 17 wards is two RED wards', async () => {
    const entries = await priority({
      boundarySet: earlier.id,
      edition: 2019,
      n: 0,
      tiers: { method: 'BY_SHARE', red: 2 / 17, amber: 3 / 17 },
    });
    expect(entries.map((e) => e.tier)).toEqual([
      ...Array(2).fill('RED'),
      ...Array(3).fill('AMBER'),
      ...Array(12).fill('GREEN'),
    ]);
    expect(entries.some((e) => e.priority)).toBe(false);
  });
});
