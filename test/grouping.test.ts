import type { Caller } from '../src/auth/caller';
import { setWardAreas } from '../src/boundaries/set-ward-areas';
import { withTransaction } from '../src/db/db';
import { splitAreas } from '../src/geography/contiguity';
import { GeographyService } from '../src/geography/geography.service';

import { inRolledBackTransaction } from './helpers/database';
import { geojson } from './helpers/geodata-files';
import { errorCodes, graphqlSuite } from './helpers/graphql';

const suite = graphqlSuite(async (db) => {
  await db.query('DROP TRIGGER IF EXISTS test_fail_audit ON ward_area_change');
  await db.query('DROP FUNCTION IF EXISTS test_fail_audit()');
});

const SET = `mutation ($a: [WardAreaInput!]!, $for: String, $set: String) {
  setWardAreas(assignments: $a, onBehalfOf: $for, boundarySet: $set) {
    changeSet incidentsReassigned boundarySet moves { ward { name } from { code boundarySet { id } } to { code } } } }`;

const ADMIN: Caller = { role: 'admin', identity: 'api-key:7 (planning team)', limitKey: 'api-key:7' };

/** Each shipped ward set's codes by ward name, from the files the hub loads. */
function codesByName(file: string, code: string, name: string): Map<string, string> {
  return new Map(geojson(file).features.map((f) => [f.properties?.[name] as string, f.properties?.[code] as string]));
}
const WARDS_2023 = codesByName('derby-wards-2023.geojson', 'WD23CD', 'WD23NM');
const WARDS_2013 = codesByName('derby-wards-2013.geojson', 'WD13CD', 'WD13NM');

// Oakwood (North) borders an East ward and Spondon (East) borders no North ward, in both sets.
const OAKWOOD = WARDS_2023.get('Oakwood') as string;
const SPONDON = WARDS_2023.get('Spondon') as string;
const OAKWOOD_2013 = WARDS_2013.get('Oakwood') as string;

async function areaOf(db = suite.db, ward = OAKWOOD): Promise<string> {
  return (await db.query<{ area_code: string }>('SELECT area_code FROM ward WHERE code = $1', [ward]))[0].area_code;
}

/** The wards of an area in the current set, as the hub holds them. */
async function currentWardsOf(area: string): Promise<string[]> {
  const rows = await suite.db.query<{ code: string }>(
    `SELECT code FROM ward WHERE boundary_set_id = current_set('ward') AND area_code = $1 ORDER BY code`,
    [area],
  );
  return rows.map((r) => r.code);
}

describe('setWardAreas', () => {
  it('moves a ward of the current set, records the authenticated administrator and whom they acted for, and re-assigns incidents', async () => {
    const outcome = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      const [{ n }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM incident WHERE ward_code = $1', [
        OAKWOOD,
      ]);
      const result = await suite.client.run<{
        setWardAreas: { changeSet: string; incidentsReassigned: number; boundarySet: string; moves: unknown[] };
      }>(
        tx,
        SET,
        {
          a: [{ wardCode: OAKWOOD, areaCode: 'EAST' }],
          for: 'Inspector Jones, East SNT',
        },
        ADMIN,
      );
      const audit = await tx.query<{
        ward_code: string;
        from_area: string;
        to_area: string;
        changed_by: string;
        on_behalf_of: string;
      }>('SELECT ward_code, from_area, to_area, changed_by, on_behalf_of FROM ward_area_change WHERE change_set = $1', [
        result.data?.setWardAreas.changeSet,
      ]);
      const [{ moved }] = await tx.query<{ moved: number }>(
        `SELECT count(*)::int AS moved FROM incident WHERE ward_code = $1 AND area_code = 'EAST'`,
        [OAKWOOD],
      );
      return { n, result, audit, moved, area: await areaOf(tx) };
    });
    expect(outcome.result.errors).toBeUndefined();
    expect(outcome.result.data?.setWardAreas.boundarySet).toBe('ons-wards-2023');
    expect(outcome.result.data?.setWardAreas.moves).toEqual([
      {
        ward: { name: 'Oakwood' },
        from: { code: 'NORTH', boundarySet: { id: 'ons-wards-2023' } },
        to: { code: 'EAST' },
      },
    ]);
    expect(outcome.audit).toEqual([
      {
        ward_code: OAKWOOD,
        from_area: 'NORTH',
        to_area: 'EAST',
        changed_by: 'api-key:7 (planning team)',
        on_behalf_of: 'Inspector Jones, East SNT',
      },
    ]);
    expect(outcome.area).toBe('EAST');
    expect(outcome.moved).toBe(outcome.n);
    expect(outcome.result.data?.setWardAreas.incidentsReassigned).toBe(outcome.n);
    expect(await areaOf()).toBe('NORTH');
  });

  it('moves a ward of the 2013 set among the 2013 wards only, and re-places the incidents of its months', async () => {
    const outcome = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      const [{ n }] = await tx.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM incident WHERE month_ward_code = $1',
        [OAKWOOD_2013],
      );
      const result = await suite.client.run<{
        setWardAreas: { boundarySet: string; incidentsReassigned: number; moves: unknown[] };
      }>(tx, SET, { a: [{ wardCode: OAKWOOD_2013, areaCode: 'EAST' }] }, ADMIN);
      const [{ moved }] = await tx.query<{ moved: number }>(
        `SELECT count(*)::int AS moved FROM incident WHERE month_ward_code = $1 AND month_area_code = 'EAST'`,
        [OAKWOOD_2013],
      );
      return { n, result, moved, old: await areaOf(tx, OAKWOOD_2013), current: await areaOf(tx, OAKWOOD) };
    });
    expect(outcome.result.errors).toBeUndefined();
    expect(outcome.result.data?.setWardAreas).toMatchObject({
      boundarySet: 'ons-wards-2013',
      moves: [
        {
          ward: { name: 'Oakwood' },
          from: { code: 'NORTH', boundarySet: { id: 'ons-wards-2013' } },
          to: { code: 'EAST' },
        },
      ],
    });
    expect(outcome.n).toBeGreaterThan(0);
    expect(outcome.moved).toBe(outcome.n);
    expect(outcome.result.data?.setWardAreas.incidentsReassigned).toBe(outcome.n);
    expect(outcome.old).toBe('EAST');
    // The 2023 Oakwood, and so every incident's current area, stays where it was.
    expect(outcome.current).toBe('NORTH');
  });

  it.each([
    [
      'a move that splits an area',
      () => [{ wardCode: SPONDON, areaCode: 'NORTH' }],
      /areas must stay contiguous: NORTH would fall into/,
    ],
    [
      'a move that empties an area',
      async () => (await currentWardsOf('NORTH')).map((wardCode) => ({ wardCode, areaCode: 'EAST' })),
      /area\(s\) NORTH would have no ward; every area keeps at least one/,
    ],
    ['an unknown ward', () => [{ wardCode: 'E05999999', areaCode: 'EAST' }], /unknown ward "E05999999"/],
    ['an unknown area', () => [{ wardCode: OAKWOOD, areaCode: 'NOWHERE' }], /unknown area "NOWHERE"/],
    [
      'a ward given twice',
      () => [
        { wardCode: OAKWOOD, areaCode: 'EAST' },
        { wardCode: OAKWOOD, areaCode: 'NORTH' },
      ],
      new RegExp(`ward ${OAKWOOD} is assigned twice`),
    ],
    [
      'wards of two sets',
      () => [
        { wardCode: OAKWOOD, areaCode: 'EAST' },
        { wardCode: OAKWOOD_2013, areaCode: 'EAST' },
      ],
      new RegExp(
        `ward ${OAKWOOD_2013} \\(Oakwood\\) belongs to ons-wards-2013, not to ons-wards-2023, the boundary set asked for`,
      ),
    ],
  ])('refuses %s with BAD_USER_INPUT and changes nothing', async (_, assignments, message) => {
    const a = await assignments();
    const result = await inRolledBackTransaction(suite.dataSource, (tx) => suite.client.run(tx, SET, { a }, ADMIN));
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].message).toMatch(message);
    expect(await areaOf()).toBe('NORTH');
    expect(await areaOf(suite.db, SPONDON)).toBe('EAST');
    expect(await areaOf(suite.db, OAKWOOD_2013)).toBe('NORTH');
  });

  it('refuses a 2013 ward when the current set is asked for, and a set the hub does not hold', async () => {
    const wrong = await inRolledBackTransaction(suite.dataSource, (tx) =>
      suite.client.run(tx, SET, { a: [{ wardCode: OAKWOOD_2013, areaCode: 'EAST' }], set: 'ons-wards-2023' }, ADMIN),
    );
    expect(errorCodes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(wrong.errors?.[0].message).toMatch(/belongs to ons-wards-2013, not to ons-wards-2023/);
    const unknown = await inRolledBackTransaction(suite.dataSource, (tx) =>
      suite.client.run(tx, SET, { a: [{ wardCode: OAKWOOD, areaCode: 'EAST' }], set: 'ons-wards-1999' }, ADMIN),
    );
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
    expect(await areaOf(suite.db, OAKWOOD_2013)).toBe('NORTH');
  });

  it('is atomic: a failure after the wards moved leaves the old grouping', async () => {
    await suite.db.query(`CREATE OR REPLACE FUNCTION test_fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.changed_by = 'fail-me' THEN RAISE EXCEPTION 'audit refused for the test'; END IF; RETURN NEW; END $$`);
    await suite.db.query(
      'CREATE TRIGGER test_fail_audit BEFORE INSERT ON ward_area_change FOR EACH ROW EXECUTE FUNCTION test_fail_audit()',
    );
    await expect(
      withTransaction(suite.dataSource, (db) =>
        setWardAreas(db, [{ wardCode: OAKWOOD, areaCode: 'EAST' }], 'fail-me', null),
      ),
    ).rejects.toThrow(/audit refused for the test/);
    expect(await areaOf()).toBe('NORTH');
    const [{ n }] = await suite.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM incident WHERE ward_code = $1 AND area_code <> 'NORTH'`,
      [OAKWOOD],
    );
    expect(n).toBe(0);
  });
});

interface Proposal {
  boundarySet: string;
  examined: number;
  score: number;
  currentScore: number;
  method: string;
  areas: { area: { code: string; boundarySet: { id: string } }; wards: { code: string }[] }[];
  moves: { ward: { code: string }; from: { code: string }; to: { code: string } }[];
}

describe('proposeAreaGrouping', () => {
  it.each([
    ['the current set by default', '', 'ons-wards-2023', WARDS_2023],
    ['the 2013 set when asked', ', boundarySet: "ons-wards-2013"', 'ons-wards-2013', WARDS_2013],
  ])(
    'finds, by exhaustive search over the wards of %s, a contiguous grouping at least as well aligned as the current one',
    async (_, args, set, wards) => {
      const result = await suite.client.run<{ proposeAreaGrouping: Proposal }>(
        suite.db,
        `{ proposeAreaGrouping(k: 4, weight: POPULATION${args}) { boundarySet examined score currentScore method
            areas { area { code boundarySet { id } } wards { code } } moves { ward { code } from { code } to { code } } } }`,
      );
      expect(result.errors).toBeUndefined();
      const p = result.data?.proposeAreaGrouping as Proposal;
      expect(p.boundarySet).toBe(set);
      expect(p.examined).toBeGreaterThan(1000);
      expect(p.score).toBeGreaterThanOrEqual(p.currentScore);
      expect(p.method).toMatch(/exact optimum/);
      expect(p.areas.every((a) => a.area.boundarySet.id === set)).toBe(true);
      const grouping = new Map(p.areas.map((a) => [a.area.code, a.wards.map((w) => w.code)]));
      expect([...grouping.values()].flat().sort()).toEqual([...wards.values()].sort());
      expect([...grouping.values()].every((w) => w.length > 0)).toBe(true);
      const adjacency = await new GeographyService(suite.db).adjacency();
      expect(splitAreas(grouping, adjacency)).toEqual([]);
      for (const move of p.moves) {
        expect(grouping.get(move.to.code)).toContain(move.ward.code);
        expect(await areaOf(suite.db, move.ward.code)).toBe(move.from.code);
      }
    },
  );

  it('refuses a k the hub cannot name or search, and a set it does not hold', async () => {
    const result = await suite.client.run(suite.db, '{ proposeAreaGrouping(k: 9) { score } }');
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    const unknown = await suite.client.run(
      suite.db,
      '{ proposeAreaGrouping(boundarySet: "ons-wards-1999") { score } }',
    );
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
  });
});
