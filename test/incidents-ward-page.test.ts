import { countingDb } from './helpers/database';
import { graphqlSuite } from './helpers/graphql';

const suite = graphqlSuite();

interface Page {
  incidents: {
    totalCount: number;
    edges: { node: { id: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** Every page of a filter, `size` at a time, following the cursors. */
async function allPages(filter: string, size: number): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let total = 0;
  for (let page = 0; page < 1000; page += 1) {
    const result: { data?: Page | null; errors?: unknown } = await suite.client.run<Page>(
      suite.db,
      `query ($after: String) { incidents(filter: ${filter}, first: ${size}, after: $after) {
         totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    expect(result.errors).toBeUndefined();
    const incidents = (result.data as Page).incidents;
    total = incidents.totalCount;
    ids.push(...incidents.edges.map((e) => e.node.id));
    if (!incidents.pageInfo.hasNextPage) {
      return { ids, total };
    }
    after = incidents.pageInfo.endCursor;
  }
  throw new Error('more than 1,000 pages');
}

// The ward-filtered page has a statement of its own (incidents-page-wards.sql: each ward's newest
// rows from its ward-and-month index): it must return exactly the rows, in exactly the order, that
// the filter's meaning gives (current ward or the ward of its month, newest month first, then id).
describe('incidents filtered by ward', () => {
  it('pages through exactly the rows of the wards, current or of their month, newest first, each once', async () => {
    const wards = await suite.db.query<{ code: string }>(
      `SELECT code FROM (SELECT ward_code AS code, count(*) AS n FROM incident WHERE ward_code IS NOT NULL GROUP BY 1) c
       ORDER BY n DESC, code LIMIT 2`,
    );
    const [earlier] = await suite.db.query<{ code: string }>(
      `SELECT month_ward_code AS code FROM incident WHERE month_ward_code IS NOT NULL AND month_ward_code <> ward_code
       GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const codes = [...wards.map((w) => w.code), ...(earlier ? [earlier.code] : [])];
    expect(codes.length).toBeGreaterThanOrEqual(2);
    for (const chosen of [codes.slice(0, 1), codes]) {
      const expected = await suite.db.query<{ id: string }>(
        `SELECT id::text AS id FROM incident
         WHERE ward_code = ANY($1::text[]) OR month_ward_code = ANY($1::text[])
         ORDER BY incident.month DESC, incident.id DESC`,
        [chosen],
      );
      expect(expected.length).toBeGreaterThan(50);
      const { ids, total } = await allPages(`{ wardCodes: ${JSON.stringify(chosen)} }`, 37);
      expect(ids).toEqual(expected.map((r) => r.id));
      expect(total).toBe(expected.length);
    }
  });

  it('applies the rest of the filter within the wards', async () => {
    const [{ code, slug }] = await suite.db.query<{ code: string; slug: string }>(
      `SELECT ward_code AS code, category_slug AS slug FROM incident WHERE ward_code IS NOT NULL
       GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT 1`,
    );
    const expected = await suite.db.query<{ id: string }>(
      `SELECT id::text AS id FROM incident
       WHERE (ward_code = $1 OR month_ward_code = $1) AND category_slug = $2
       ORDER BY incident.month DESC, incident.id DESC`,
      [code, slug],
    );
    const { ids } = await allPages(`{ wardCodes: ["${code}"], categories: ["${slug}"] }`, 10);
    expect(ids).toEqual(expected.map((r) => r.id));
  });

  // The loaders' guarantee: statements per request bounded by the kinds of thing asked for, not
  // by the rows: a page of 5 and a page of 200, each with its category, wards, areas and LSOA.
  it('runs as many statements for a page of 200 nested rows as for a page of 5', async () => {
    const [{ code }] = await suite.db.query<{ code: string }>(
      `SELECT ward_code AS code FROM incident WHERE ward_code IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const count = async (first: number) => {
      const counting = countingDb(suite.db);
      const result = await suite.client.run<Page>(
        counting,
        `{ incidents(filter: { wardCodes: ["${code}"] }, first: ${first}) { edges { node {
           id category { slug name } ward { name area { name } } currentWard { name lsoas { code } } lsoa { code name }
         } } } }`,
      );
      expect(result.errors).toBeUndefined();
      return { statements: counting.count, rows: (result.data as Page).incidents.edges.length };
    };
    const small = await count(5);
    const large = await count(200);
    expect(small.rows).toBe(5);
    expect(large.rows).toBeGreaterThan(100);
    expect(large.statements).toBe(small.statements);
    // the ward check, the page, categories, wards, areas, LSOAs by ward, LSOAs by code, and
    // the boundary sets at most: one per kind of thing, whatever the rows.
    expect(small.statements).toBeLessThanOrEqual(10);
  });
});
