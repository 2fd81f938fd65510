/**
 * The equal queries `npm run bench -- peers` sends to the hub and to PostGraphile: the same rows
 * (the current ward set, the hub's orders and filters) and the same fields under each schema's
 * own names. `rows` counts what came back, so the bench can check both answered alike before it
 * measures them.
 */
export interface PeerQuery {
  name: string;
  hub: string;
  postgraphile: string;
  /** Rows in a response body of each side: a list's length, a nested list's total. */
  rows: { hub: (data: unknown) => number; postgraphile: (data: unknown) => number };
}

/** The bench data's current ward set (ONS 2023), its busiest ward and the months it measures. */
export const WARD_SET = 'ons-wards-2023';
export const WARD = 'E05015511';
export const FROM = '2040-01';
export const TO = '2040-12';

type Row = Record<string, unknown>;
const list = (value: unknown, ...keys: string[]): Row[] =>
  keys.reduce<unknown>((v, k) => (v as Row | null)?.[k], value) as Row[];

export const PEER_QUERIES: PeerQuery[] = [
  {
    name: 'all wards: code, name, area, GeoJSON outline',
    hub: '{ wards { code name area { code name } geometry } }',
    postgraphile: `{ allWards(condition: { boundarySetId: "${WARD_SET}" }, orderBy: NAME_ASC) { nodes { code name areaByAreaCode { code name } geom { geojson } } } }`,
    rows: {
      hub: (d) => list(d, 'wards').length,
      postgraphile: (d) => list(d, 'allWards', 'nodes').length,
    },
  },
  {
    name: 'one ward by code with its LSOAs',
    hub: `{ ward(code: "${WARD}") { code name lsoas { code name } } }`,
    postgraphile: `{ wardByCode(code: "${WARD}") { code name lsoaWardLookupsByWardCode(orderBy: LSOA_CODE_ASC) { nodes { lsoaByLsoaCode { code name } } } } }`,
    rows: {
      hub: (d) => list(d, 'ward', 'lsoas').length,
      postgraphile: (d) => list(d, 'wardByCode', 'lsoaWardLookupsByWardCode', 'nodes').length,
    },
  },
  {
    // The hub's ward filter matches an incident's current ward or the ward of its month; the
    // PostGraphile filter says the same with `or`. Newest first, as the hub orders its pages.
    name: 'a page of 100 incidents, one ward, 12 months',
    hub: `{ incidents(filter: { wardCodes: ["${WARD}"], from: "${FROM}", to: "${TO}" }, first: 100) { edges { node { id month point category { slug name } } } } }`,
    postgraphile: `{ allIncidents(first: 100, orderBy: [MONTH_DESC, ID_DESC], filter: { or: [{ wardCode: { equalTo: "${WARD}" } }, { monthWardCode: { equalTo: "${WARD}" } }], month: { greaterThanOrEqualTo: "${FROM}-01", lessThanOrEqualTo: "${TO}-01" } }) { nodes { id month geom { geojson } incidentCategoryByCategorySlug { slug name } } } }`,
    rows: {
      hub: (d) => list(d, 'incidents', 'edges').length,
      postgraphile: (d) => list(d, 'allIncidents', 'nodes').length,
    },
  },
  {
    name: 'nested areas → wards → LSOAs',
    hub: '{ areas { code name wards { code name lsoas { code name } } } }',
    postgraphile: `{ allAreas(orderBy: NAME_ASC) { nodes { code name wardsByAreaCode(condition: { boundarySetId: "${WARD_SET}" }, orderBy: NAME_ASC) { nodes { code name lsoaWardLookupsByWardCode(orderBy: LSOA_CODE_ASC) { nodes { lsoaByLsoaCode { code name } } } } } } } }`,
    rows: {
      hub: (d) =>
        list(d, 'areas').reduce((n, a) => n + (a.wards as Row[]).reduce((m, w) => m + (w.lsoas as Row[]).length, 0), 0),
      postgraphile: (d) =>
        list(d, 'allAreas', 'nodes').reduce(
          (n, a) =>
            n +
            list(a, 'wardsByAreaCode', 'nodes').reduce(
              (m, w) => m + list(w, 'lsoaWardLookupsByWardCode', 'nodes').length,
              0,
            ),
          0,
        ),
    },
  },
];
