import { sqlFile } from '../src/db/sql';

import { lsoaSetFiles, lsoasOf, wardSetFiles } from './helpers/boundary-sets';
import { inRolledBackTransaction } from './helpers/database';
import { csv } from './helpers/geodata-files';
import { errorCodes, graphqlSuite } from './helpers/graphql';

const suite = graphqlSuite();

interface Measure {
  domain: string;
  averageScore: number | null;
  averageRank: number;
  populationShareInDeciles1And2: number;
  lsoasInMostDeprived10Percent: number;
  lsoasInMostDeprived20Percent: number;
  worstDecile: number;
}

interface Summary {
  edition: number;
  lsoaCount: number;
  populationBasis: string;
  imd: Measure;
  domains: Measure[];
}

const MEASURE =
  'domain averageScore averageRank populationShareInDeciles1And2 lsoasInMostDeprived10Percent lsoasInMostDeprived20Percent worstDecile';
const SUMMARY = `edition lsoaCount populationBasis imd { ${MEASURE} } domains { ${MEASURE} }`;

// LSOAs join a ward by the best-fit lookup of the ward's set: 2011 LSOAs for the 2013 wards, 2021
// LSOAs (whose two successors of E01013479 have no IoD 2019 figures) for the current ones.
const [earlier, current] = wardSetFiles();
const [, lsoas2021] = lsoaSetFiles();
const imd2019 = csv('derby-imd2019.csv');
const imd2015 = csv('derby-imd2015.csv');
const imd2025 = csv('derby-imd2025.csv');
const mid2015 = new Map(imd2019.map((r) => [r.lsoa_code, Number(r.population_mid2015)]));
const mid2020 = new Map(csv('derby-lsoa-population-mid2020.csv').map((r) => [r.lsoa_code, Number(r.population)]));

// The roll-up computed here straight from the published files, as the official summaries
// define it, to compare with what the hub computes in SQL.
function expected(
  rows: Record<string, string>[],
  codeColumn: string,
  lsoas: string[],
  prefix: string,
  weights: Map<string, number>,
) {
  const mine = rows.filter((r) => lsoas.includes(r[codeColumn]));
  const pop = (r: Record<string, string>) => weights.get(r[codeColumn]) as number;
  const total = mine.reduce((s, r) => s + pop(r), 0);
  const hasScore = mine.length > 0 && `${prefix}_score` in mine[0];
  return {
    lsoaCount: mine.length,
    averageScore: hasScore ? mine.reduce((s, r) => s + Number(r[`${prefix}_score`]) * pop(r), 0) / total : null,
    averageRank: mine.reduce((s, r) => s + Number(r[`${prefix}_rank`]) * pop(r), 0) / total,
    populationShareInDeciles1And2:
      mine.filter((r) => Number(r[`${prefix}_decile`]) <= 2).reduce((s, r) => s + pop(r), 0) / total,
    lsoasInMostDeprived10Percent: mine.filter((r) => Number(r[`${prefix}_decile`]) === 1).length,
    lsoasInMostDeprived20Percent: mine.filter((r) => Number(r[`${prefix}_decile`]) <= 2).length,
    worstDecile: Math.min(...mine.map((r) => Number(r[`${prefix}_decile`]))),
  };
}

function expectMeasure(actual: Measure, wanted: ReturnType<typeof expected>): void {
  if (wanted.averageScore === null) {
    expect(actual.averageScore).toBeNull();
  } else {
    expect(Math.abs((actual.averageScore as number) - wanted.averageScore)).toBeLessThan(1e-9);
  }
  expect(Math.abs(actual.averageRank - wanted.averageRank)).toBeLessThan(1e-9);
  expect(Math.abs(actual.populationShareInDeciles1And2 - wanted.populationShareInDeciles1And2)).toBeLessThan(1e-9);
  expect(actual.lsoasInMostDeprived10Percent).toBe(wanted.lsoasInMostDeprived10Percent);
  expect(actual.lsoasInMostDeprived20Percent).toBe(wanted.lsoasInMostDeprived20Percent);
  expect(actual.worstDecile).toBe(wanted.worstDecile);
}

describe('ward deprivation', () => {
  it.each([
    ['current', current],
    ['2013', earlier],
  ])(
    'rolls the IoD 2019 IMD and every domain up to each %s ward as computed from the files, to 1e-9',
    async (_n, set) => {
      const result = await suite.client.run<{ wards: { code: string; deprivation: Summary }[] }>(
        suite.db,
        `query ($set: String) { wards(filter: { boundarySet: $set }) { code deprivation(edition: 2019) { ${SUMMARY} } } }`,
        { set: set.id },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.wards).toHaveLength(set.wards.size);
      for (const ward of result.data?.wards ?? []) {
        const lsoas = lsoasOf(set, ward.code);
        expect(ward.deprivation.lsoaCount).toBe(expected(imd2019, 'lsoa_code', lsoas, 'imd', mid2015).lsoaCount);
        expect(ward.deprivation.lsoaCount).toBe(lsoas.filter((l) => mid2015.has(l)).length);
        expect(ward.deprivation.domains.map((d) => d.domain)).toEqual([
          'IMD',
          'INCOME',
          'EMPLOYMENT',
          'EDUCATION',
          'HEALTH',
          'CRIME',
          'HOUSING_SERVICES',
          'LIVING_ENVIRONMENT',
        ]);
        for (const measure of ward.deprivation.domains) {
          expectMeasure(measure, expected(imd2019, 'lsoa_code', lsoas, measure.domain.toLowerCase(), mid2015));
        }
      }
    },
  );

  it('agrees with the published ward roll-up on the share of LSOAs in the most deprived 10 %', async () => {
    // The published roll-up is of the 2013 wards.
    const result = await suite.client.run<{ wards: { code: string; lsoas: unknown[]; deprivation: Summary }[] }>(
      suite.db,
      'query ($set: String) { wards(filter: { boundarySet: $set }) { code lsoas { code } deprivation(edition: 2019) { imd { lsoasInMostDeprived10Percent } domains { domain lsoasInMostDeprived10Percent } } } }',
      { set: earlier.id },
    );
    expect(result.data?.wards).toHaveLength(17);
    const published = new Map(csv('derby-ward-imd2019.csv').map((r) => [r.ward_code, r]));
    for (const ward of result.data?.wards ?? []) {
      const row = published.get(ward.code) as Record<string, string>;
      expect(ward.deprivation.imd.lsoasInMostDeprived10Percent / ward.lsoas.length).toBeCloseTo(
        Number(row.proportion),
        12,
      );
      const crime = ward.deprivation.domains.find((d) => d.domain === 'CRIME') as Measure;
      expect(crime.lsoasInMostDeprived10Percent / ward.lsoas.length).toBeCloseTo(Number(row.crime_proportion), 12);
    }
  });

  it('averages IMD 2015 scores, which that edition published', async () => {
    const result = await suite.client.run<{ ward: { deprivation: Summary } }>(
      suite.db,
      `{ ward(code: "E05001780") { deprivation(edition: 2015) { ${SUMMARY} } } }`,
    );
    const summary = result.data?.ward.deprivation as Summary;
    expect(summary.domains.map((d) => d.domain)).toEqual(['IMD']);
    expectMeasure(summary.imd, expected(imd2015, 'lsoa_code', lsoasOf(earlier, 'E05001780'), 'imd', mid2015));
    expect(summary.imd.averageScore).not.toBeNull();
  });

  it('uses the 2021 LSOAs that keep a 2011 code for IoD 2025, weighted by mid-2020 population', async () => {
    const result = await suite.client.run<{ ward: { deprivation: Summary } }>(
      suite.db,
      `{ ward(code: "E05001770") { deprivation(edition: 2025) { ${SUMMARY} } } }`,
    );
    const summary = result.data?.ward.deprivation as Summary;
    const lsoas = lsoasOf(earlier, 'E05001770');
    const matched = imd2025.filter((r) => lsoas.includes(r.lsoa21_code));
    // Arboretum's 013F was split in 2021; its two successors have no 2011 code.
    expect(matched.length).toBe(lsoas.length - 1);
    expect(summary.lsoaCount).toBe(matched.length);
    expect(summary.populationBasis).toMatch(/mid-2020/);
    for (const measure of summary.domains) {
      expectMeasure(measure, expected(imd2025, 'lsoa21_code', lsoas, measure.domain.toLowerCase(), mid2020));
    }
  });

  it("rolls IoD 2025 up to a current ward over its 2021 LSOAs, E01013479's successors weighted by their estimates", async () => {
    const ward = current.lookup.get('E01034257') as string;
    const result = await suite.client.run<{ ward: { deprivation: Summary } }>(
      suite.db,
      `query ($ward: String!) { ward(code: $ward) { deprivation(edition: 2025) { ${SUMMARY} } } }`,
      { ward },
    );
    const summary = result.data?.ward.deprivation as Summary;
    const lsoas = lsoasOf(current, ward);
    expect(lsoas).toContain('E01034257');
    // Every 2021 LSOA has its IoD 2025 figures.
    expect(summary.lsoaCount).toBe(lsoas.length);
    for (const measure of summary.domains) {
      expectMeasure(
        measure,
        expected(imd2025, 'lsoa21_code', lsoas, measure.domain.toLowerCase(), lsoas2021.populationMid2020),
      );
    }
  });

  it('refuses an edition the hub does not hold, listing those it does', async () => {
    const result = await suite.client.run(
      suite.db,
      '{ ward(code: "E05001770") { deprivation(edition: 2010) { lsoaCount } } }',
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].message).toBe(
      'edition must be one of 2015, 2019, 2025 (English Indices of Deprivation), got 2010',
    );
  });
});

describe('area and LSOA deprivation', () => {
  it.each([
    ['current', current],
    ['2013', earlier],
  ])("rolls an area's LSOAs up the same way, on the %s wards", async (_name, set) => {
    const result = await suite.client.run<{ area: { wards: { code: string }[]; deprivation: Summary } }>(
      suite.db,
      `query ($set: String) { area(code: "SOUTH", boundarySet: $set) { wards { code } deprivation { ${SUMMARY} } } }`,
      { set: set.id },
    );
    const area = result.data?.area as { wards: { code: string }[]; deprivation: Summary };
    area.wards.forEach((w) => expect(set.wards.has(w.code)).toBe(true));
    const lsoas = area.wards.flatMap((w) => lsoasOf(set, w.code));
    expect(area.deprivation.lsoaCount).toBe(lsoas.filter((l) => mid2015.has(l)).length);
    expectMeasure(area.deprivation.imd, expected(imd2019, 'lsoa_code', lsoas, 'imd', mid2015));
  });

  it('gives an LSOA its own figures, and null for an edition without them', async () => {
    const result = await suite.client.run<{
      lsoas: { code: string; d2019: { imd: { rank: number; decile: number; score: number | null } }; d2025: unknown }[];
    }>(
      suite.db,
      '{ lsoas(wardCode: "E05001770") { code d2019: deprivation(edition: 2019) { imd { rank decile score } } d2025: deprivation(edition: 2025) { imd { rank } } } }',
    );
    for (const lsoa of result.data?.lsoas ?? []) {
      const row = imd2019.find((r) => r.lsoa_code === lsoa.code) as Record<string, string>;
      expect(lsoa.d2019.imd).toEqual({ rank: Number(row.imd_rank), decile: Number(row.imd_decile), score: null });
      expect(lsoa.d2025 === null).toBe(lsoa.code === 'E01013479');
    }
  });
});

describe('population apportioned by area', () => {
  it('splits an LSOA straddling two wards in proportion to its land in each', async () => {
    // Two 1 km square wards side by side and one 1 km x 0.4 km LSOA of 1,000 people lying 0.1 km
    // in the west ward and 0.3 km in the east one, built in metres (EPSG:27700) far from Derby.
    const populations = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      const square = (x0: number, y0: number, x1: number, y1: number) =>
        `ST_Multi(ST_Transform(ST_MakeEnvelope(${x0}, ${y0}, ${x1}, ${y1}, 27700), 4326))`;
      // Both wards in the current set, the LSOA in that set's LSOA set (live from its first day).
      await tx.query(`INSERT INTO area (code, name) VALUES ('TEST', 'Test area')`);
      await tx.query(
        `INSERT INTO ward (code, name, area_code, boundary_set_id, geom) VALUES
         ('E05900001', 'West', 'TEST', current_set('ward'), ${square(300000, 100000, 301000, 101000)}),
         ('E05900002', 'East', 'TEST', current_set('ward'), ${square(301000, 100000, 302000, 101000)})`,
      );
      await tx.query(
        `INSERT INTO lsoa (code, name, boundary_set_id, valid_from, population_mid2015, population_mid2020, geom)
         SELECT 'E01900001', 'Test 001A', l.id, l.valid_from, 1000, 1000, ${square(300900, 100200, 301300, 100700)}
         FROM boundary_set w JOIN boundary_set l ON l.id = w.lsoa_set_id WHERE w.id = current_set('ward')`,
      );
      await tx.query('DELETE FROM lsoa_ward_share');
      await tx.query(sqlFile(`${__dirname}/../src/ingest/geodata`, 'derive-lsoa-ward-shares'));
      const result = await suite.client.run<{
        area: { population: number; wards: { name: string; population: number }[] };
      }>(tx, '{ area(code: "TEST") { population wards { name population } } }');
      return result.data?.area;
    });
    expect(populations?.wards.map((w) => w.name)).toEqual(['East', 'West']);
    // Straight edges in lon/lat bend by millimetres in metres, hence 1e-6 and not exact.
    expect(populations?.wards[0].population).toBeCloseTo(750, 3);
    expect(populations?.wards[1].population).toBeCloseTo(250, 3);
    expect(populations?.population).toBeCloseTo(1000, 6);
  });
});
