import type { Db } from '../src/db/db';
import { COVERAGE_THRESHOLD } from '../src/incidents/coverage';

import { errorCodes, graphqlSuite } from './helpers/graphql';

// Synthetic data, written for this suite only: two sources of our own in far-future months that
// no other suite reads, removed again at the end. Each month, every LSOA of the current set gets
// one incident per POP_PER_INCIDENT residents at random points of its land, so incidents follow
// population as the coverage test expects; the gapped source then loses every incident of one
// ward in three of the five months.
const UNIFORM = 'synthetic-coverage-uniform';
const GAPPED = 'synthetic-coverage-gapped';
const DENSE = 'synthetic-coverage-dense';
const MONTHS = ['2061-01', '2061-02', '2061-03', '2061-04', '2061-05'];
const GAP_MONTHS = ['2061-02', '2061-03', '2061-04'];
const POP_PER_INCIDENT = 200;

async function removeSynthetic(db: Db): Promise<void> {
  await db.query(`DELETE FROM incident WHERE source = ANY($1::text[])`, [[UNIFORM, GAPPED, DENSE]]);
}

const suite = graphqlSuite(removeSynthetic);

/** The largest ward of the current set: the one the gapped source loses. */
let gapWard: { code: string; name: string };

async function writeSynthetic(
  db: Db,
  source: string,
  seed: number,
  months = MONTHS,
  perIncident = POP_PER_INCIDENT,
): Promise<void> {
  await db.query(
    `INSERT INTO incident (source, source_key, category_slug, month, geom, geom_bng, ward_code, area_code,
                           month_ward_code, month_area_code, lsoa_code, police_neighbourhood_id)
     SELECT $1::text, concat(m.month, ':', l.code, ':', p.path[1]), 'burglary', m.month::date, p.geom,
            ST_Transform(p.geom, 27700), w.code, w.area_code, w.code, w.area_code, l.code,
            (SELECT n.id FROM police_neighbourhood n
             JOIN police_neighbourhood_layer y ON y.id = n.layer_id AND y.is_current
             WHERE ST_Intersects(n.geom, p.geom) LIMIT 1)
     FROM unnest($2::text[]) WITH ORDINALITY AS m(month, k)
     CROSS JOIN lsoas_of_set(current_set('lsoa')) l
     CROSS JOIN LATERAL ST_Dump(ST_GeneratePoints(l.geom, GREATEST(1, round(l.population_mid2020 / $3::float8))::int,
                                                  $4::int + m.k::int)) p
     JOIN ward w ON w.boundary_set_id = current_set('ward') AND ST_Intersects(w.geom, p.geom)`,
    [source, months.map((m) => `${m}-01`), perIncident, seed],
  );
}

beforeAll(async () => {
  await removeSynthetic(suite.db);
  [gapWard] = await suite.db.query<{ code: string; name: string }>(
    `SELECT code, name FROM ward WHERE boundary_set_id = current_set('ward')
     ORDER BY ST_Area(ST_Transform(geom, 27700)) DESC LIMIT 1`,
  );
  await writeSynthetic(suite.db, UNIFORM, 1);
  await writeSynthetic(suite.db, GAPPED, 1000);
  await suite.db.query(`DELETE FROM incident WHERE source = $1 AND ward_code = $2 AND month = ANY($3::date[])`, [
    GAPPED,
    gapWard.code,
    GAP_MONTHS.map((m) => `${m}-01`),
  ]);
});

interface GapMonth {
  month: string;
  cityCount: number;
  expected: number;
  probabilityOfNone: number;
}
interface Gap {
  level: 'WARD' | 'POLICE_NEIGHBOURHOOD';
  code: string;
  name: string;
  basis: string;
  months: GapMonth[];
}
interface Coverage {
  firstMonth: string | null;
  lastMonth: string | null;
  startsInPeriod: boolean;
  stopsInPeriod: boolean;
  gaps: Gap[];
  rule: string;
}

const COVERAGE = `coverage { firstMonth lastMonth startsInPeriod stopsInPeriod rule
  gaps { level code name basis months { month cityCount expected probabilityOfNone } } }`;

async function coverageOf(args: string): Promise<Record<string, Coverage>> {
  const result = await suite.client.run<{ dataQuality: { sources: { source: string; coverage: Coverage }[] } }>(
    suite.db,
    `{ dataQuality(${args}) { sources { source ${COVERAGE} } } }`,
  );
  expect(result.errors).toBeUndefined();
  return Object.fromEntries(result.data!.dataQuality.sources.map((s) => [s.source, s.coverage]));
}

describe('dataQuality coverage', () => {
  it('flags a gap whose expected count is far past where exp(-expected) underflows', async () => {
    // One incident per 15 residents in one month: the largest ward expects several hundred, and
    // exp(-expected) is 0 in float8, which PostgreSQL's exp reports as an error (underflow).
    await writeSynthetic(suite.db, DENSE, 7, ['2061-06'], 15);
    await suite.db.query(`DELETE FROM incident WHERE source = $1 AND ward_code = $2`, [DENSE, gapWard.code]);
    const { [DENSE]: dense } = await coverageOf(`from: "2061-06", to: "2061-06", sources: ["${DENSE}"]`);
    const [gap] = dense.gaps.filter((g) => g.level === 'WARD');
    expect(gap.code).toBe(gapWard.code);
    // Past about 745, exp(-expected) is 0 in double precision: the case that failed.
    expect(Math.exp(-gap.months[0].expected)).toBe(0);
    expect(gap.months[0].probabilityOfNone).toBe(0);
  });

  it('flags the ward a source lost, in the months it lost it and no others', async () => {
    const { [GAPPED]: gapped } = await coverageOf(
      `from: "2061-01", to: "2061-05", sources: ["${GAPPED}", "${UNIFORM}"]`,
    );
    const wards = gapped.gaps.filter((g) => g.level === 'WARD');
    expect(wards.map((g) => g.code)).toEqual([gapWard.code]);
    expect(wards[0].name).toBe(gapWard.name);
    expect(wards[0].months.map((m) => m.month)).toEqual(GAP_MONTHS);
  });

  it("states each gap's expected count as the city's count times the ward's population share", async () => {
    const { [GAPPED]: gapped } = await coverageOf(`from: "2061-01", to: "2061-05", sources: ["${GAPPED}"]`);
    const [gap] = gapped.gaps.filter((g) => g.level === 'WARD');
    expect(gap.basis).toBe('population');
    // The ward populations stats reads (ward-population.sql's apportioning), summed here apart.
    const [{ share }] = await suite.db.query<{ share: number }>(
      `WITH pop AS (
         SELECT w.code, SUM(l.population_mid2020 * s.share) AS p
         FROM ward w JOIN lsoa_ward_share s ON s.ward_code = w.code JOIN lsoa l ON l.code = s.lsoa_code
         WHERE w.boundary_set_id = current_set('ward') GROUP BY w.code)
       SELECT ((SELECT p FROM pop WHERE code = $1) / (SELECT SUM(p) FROM pop))::float8 AS share`,
      [gapWard.code],
    );
    for (const m of gap.months) {
      const [{ n }] = await suite.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM incident WHERE source = $1 AND month = $2::date AND ward_code IS NOT NULL`,
        [GAPPED, `${m.month}-01`],
      );
      expect(m.cityCount).toBe(n);
      expect(Math.abs(m.expected - n * share)).toBeLessThan(1e-9);
      expect(Math.abs(m.probabilityOfNone - Math.exp(-m.expected))).toBeLessThan(1e-9);
      expect(m.probabilityOfNone).toBeLessThan(COVERAGE_THRESHOLD);
    }
  });

  it('flags police neighbourhoods only where they lie mostly in the lost ward', async () => {
    const { [GAPPED]: gapped } = await coverageOf(`from: "2061-01", to: "2061-05", sources: ["${GAPPED}"]`);
    const neighbourhoods = gapped.gaps.filter((g) => g.level === 'POLICE_NEIGHBOURHOOD');
    for (const g of neighbourhoods) {
      const [{ inWard }] = await suite.db.query<{ inWard: number }>(
        `SELECT (ST_Area(ST_Intersection(ST_Transform(n.geom, 27700), ST_Transform(w.geom, 27700)))
                 / ST_Area(ST_Transform(n.geom, 27700)))::float8 AS "inWard"
         FROM police_neighbourhood n
         JOIN police_neighbourhood_layer y ON y.id = n.layer_id AND y.is_current, ward w
         WHERE n.code = $1 AND w.code = $2`,
        [g.code, gapWard.code],
      );
      expect(inWard).toBeGreaterThan(0.5);
      expect(g.months.every((m) => GAP_MONTHS.includes(m.month))).toBe(true);
    }
  });

  it('flags nothing in a source spread by population', async () => {
    const { [UNIFORM]: uniform } = await coverageOf(`from: "2061-01", to: "2061-05", sources: ["${UNIFORM}"]`);
    expect(uniform.gaps).toEqual([]);
  });

  it('reports only the units of the extent asked', async () => {
    const other = await suite.db.query<{ code: string }>(
      `SELECT code FROM ward WHERE boundary_set_id = current_set('ward') AND code <> $1
         AND NOT ST_Intersects(geom, (SELECT geom FROM ward WHERE code = $1)) ORDER BY code LIMIT 1`,
      [gapWard.code],
    );
    const away = await coverageOf(
      `from: "2061-01", to: "2061-05", sources: ["${GAPPED}"], extent: { wardCodes: ["${other[0].code}"] }`,
    );
    expect(away[GAPPED].gaps).toEqual([]);
    const on = await coverageOf(
      `from: "2061-01", to: "2061-05", sources: ["${GAPPED}"], extent: { wardCodes: ["${gapWard.code}"] }`,
    );
    expect(on[GAPPED].gaps.filter((g) => g.level === 'WARD').map((g) => g.code)).toEqual([gapWard.code]);
  });

  it('says where a source starts and stops inside the period', async () => {
    const { [GAPPED]: gapped } = await coverageOf(`from: "2060-12", to: "2061-06", sources: ["${GAPPED}"]`);
    expect(gapped).toMatchObject({
      firstMonth: '2061-01',
      lastMonth: '2061-05',
      startsInPeriod: true,
      stopsInPeriod: true,
    });
    const { [GAPPED]: within } = await coverageOf(`from: "2061-01", to: "2061-05", sources: ["${GAPPED}"]`);
    expect(within).toMatchObject({ startsInPeriod: false, stopsInPeriod: false });
  });

  it('takes a threshold of its own, and flags fewer months at a smaller one', async () => {
    const { [GAPPED]: strict } = await coverageOf(
      `from: "2061-01", to: "2061-05", sources: ["${GAPPED}"], coverageThreshold: 1e-300`,
    );
    expect(strict.gaps).toEqual([]);
    expect(strict.rule).toContain('1e-300');
  });

  it.each([0, 1, -0.5, 2])('refuses a threshold of %p, naming the limit', async (p) => {
    const result = await suite.client.run(
      suite.db,
      `{ dataQuality(from: "2061-01", to: "2061-05", coverageThreshold: ${p}) { from } }`,
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].message).toBe(
      `coverageThreshold must be a probability between 0 and 1, both excluded, got ${p}`,
    );
  });

  it('refuses an unknown source, naming those held', async () => {
    const result = await suite.client.run(
      suite.db,
      `{ dataQuality(from: "2061-01", to: "2061-05", sources: ["synthetic-coverage-none"]) { from } }`,
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].message).toMatch(
      /^sources must be among those the hub holds or knows \(.*synthetic-coverage-gapped/,
    );
    expect(result.errors?.[0].message).toMatch(/got "synthetic-coverage-none"$/);
  });

  it('refuses an unknown ward in the extent', async () => {
    const result = await suite.client.run(
      suite.db,
      `{ dataQuality(from: "2061-01", to: "2061-05", extent: { wardCodes: ["E05999999"] }) { from } }`,
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('analyses over coverage gaps', () => {
  const HOTSPOTS = (extra: string) =>
    `{ hotspots(input: { from: "2061-01", to: "2061-05", sources: ["${GAPPED}"], cellSizeMetres: 1000${extra} }) {
         warnings parameters { extent } cells { id count geometry } } }`;
  type Result = { hotspots: { warnings: string[]; parameters: { extent: string }; cells: { geometry: unknown }[] } };

  /** How many of the cells lie wholly inside the lost ward. */
  async function cellsInWard(cells: { geometry: unknown }[]): Promise<number> {
    const [{ n }] = await suite.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM unnest($1::text[]) c, ward w
       WHERE w.code = $2 AND ST_Within(ST_SetSRID(ST_GeomFromGeoJSON(c), 4326), w.geom)`,
      [cells.map((c) => JSON.stringify(c.geometry)), gapWard.code],
    );
    return n;
  }

  it('warns that the lost ward holds no data, naming it and its months', async () => {
    const result = await suite.client.run<Result>(suite.db, HOTSPOTS(''));
    expect(result.errors).toBeUndefined();
    const warning = result.data!.hotspots.warnings.find((w) => w.includes(gapWard.code));
    expect(warning).toContain(`ward ${gapWard.name} (${gapWard.code}) in ${GAP_MONTHS.join(', ')}`);
    expect(warning).toContain('coveredOnly: true');
    expect(result.data!.hotspots.parameters.extent).toBe('whole city');
    expect(await cellsInWard(result.data!.hotspots.cells)).toBeGreaterThan(0);
  });

  it('with coveredOnly leaves the ward out of the extent and does not warn', async () => {
    const result = await suite.client.run<Result>(suite.db, HOTSPOTS(', coveredOnly: true'));
    expect(result.errors).toBeUndefined();
    expect(result.data!.hotspots.warnings.some((w) => w.includes('coveredOnly'))).toBe(false);
    expect(result.data!.hotspots.parameters.extent).toContain(`without ward ${gapWard.name} (${gapWard.code})`);
    expect(await cellsInWard(result.data!.hotspots.cells)).toBe(0);
  });

  it('problemsNotResolved warns of the lost ward too', async () => {
    const result = await suite.client.run<{ problemsNotResolved: { warnings: string[] } }>(
      suite.db,
      `{ problemsNotResolved(input: { from: "2061-01", to: "2061-05", sources: ["${GAPPED}"], cellSizeMetres: 1000 }) { warnings } }`,
    );
    expect(result.errors).toBeUndefined();
    const warning = result.data!.problemsNotResolved.warnings.find((w) => w.includes(gapWard.code));
    expect(warning).toContain(`ward ${gapWard.name} (${gapWard.code}) in ${GAP_MONTHS.join(', ')}`);
  });

  it('problemsNotResolved with coveredOnly leaves the ward out of its hot spots and does not warn', async () => {
    type Problems = { problemsNotResolved: { warnings: string[]; parameters: { extent: string } } };
    const ask = (extra: string, within: unknown = null) =>
      suite.client.run<Problems>(
        suite.db,
        `query Problems($within: GeoJSON) { problemsNotResolved(input: { from: "2061-01", to: "2061-05",
           sources: ["${GAPPED}"], cellSizeMetres: 1000, within: $within${extra} }) { warnings parameters { extent } } }`,
        { within },
      );
    const covered = await ask(', coveredOnly: true');
    expect(covered.errors).toBeUndefined();
    expect(covered.data!.problemsNotResolved.warnings.some((w) => w.includes(gapWard.code))).toBe(false);
    expect(covered.data!.problemsNotResolved.parameters.extent).toBe(
      `whole city without ward ${gapWard.name} (${gapWard.code}) (coverage gaps)`,
    );
    // Over the lost ward alone the hot-spot analyses have no land left once it is cut out, so
    // the cut reached them, not only the extent's name.
    const [{ outline }] = await suite.db.query<{ outline: unknown }>(
      `SELECT ST_AsGeoJSON(geom)::json AS outline FROM ward WHERE code = $1 AND boundary_set_id = current_set('ward')`,
      [gapWard.code],
    );
    const inWard = await ask('', outline);
    expect(inWard.errors).toBeUndefined();
    const cutOut = await ask(', coveredOnly: true', outline);
    expect(errorCodes(cutOut)).toEqual(['BAD_USER_INPUT']);
    expect(cutOut.errors![0].message).toContain(`coveredOnly left no land`);
    expect(cutOut.errors![0].message).toContain(`ward ${gapWard.name} (${gapWard.code})`);
  });

  it('clusterAnalysis warns of the lost ward, and not with coveredOnly', async () => {
    const ask = (extra: string) =>
      suite.client.run<{ clusterAnalysis: { warnings: string[] } }>(
        suite.db,
        `{ clusterAnalysis(input: { from: "2061-01", to: "2061-05", sources: ["${GAPPED}"], epsMetres: 400${extra} }) { warnings } }`,
      );
    const plain = await ask('');
    expect(plain.errors).toBeUndefined();
    const warning = plain.data!.clusterAnalysis.warnings.find((w) => w.includes(gapWard.code));
    expect(warning).toContain(`ward ${gapWard.name} (${gapWard.code}) in ${GAP_MONTHS.join(', ')}`);
    const covered = await ask(', coveredOnly: true');
    expect(covered.errors).toBeUndefined();
    expect(covered.data!.clusterAnalysis.warnings.some((w) => w.includes(gapWard.code))).toBe(false);
  });

  it('crossBoundaryAnalysis warns of the lost ward, as crossBoundaryIssues lists its issues', async () => {
    const args = `input: { from: "2061-01", to: "2061-05", sources: ["${GAPPED}"], cellSizeMetres: 1000 }, level: WARD, epsMetres: 400`;
    const result = await suite.client.run<{
      crossBoundaryAnalysis: { warnings: string[]; issues: { key: string }[] };
      crossBoundaryIssues: { key: string }[];
    }>(suite.db, `{ crossBoundaryAnalysis(${args}) { warnings issues { key } } crossBoundaryIssues(${args}) { key } }`);
    expect(result.errors).toBeUndefined();
    const { crossBoundaryAnalysis, crossBoundaryIssues } = result.data!;
    const warning = crossBoundaryAnalysis.warnings.find((w) => w.includes(gapWard.code));
    expect(warning).toContain(`ward ${gapWard.name} (${gapWard.code}) in ${GAP_MONTHS.join(', ')}`);
    expect(crossBoundaryAnalysis.issues).toEqual(crossBoundaryIssues);
  });

  it('does not warn over a source spread by population', async () => {
    const result = await suite.client.run<Result>(suite.db, HOTSPOTS('').replace(GAPPED, UNIFORM));
    expect(result.errors).toBeUndefined();
    expect(result.data!.hotspots.warnings.some((w) => w.includes('coveredOnly'))).toBe(false);
  });
});
