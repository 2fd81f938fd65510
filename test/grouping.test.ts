import type { Caller } from '../src/auth/caller';
import { setWardAreas } from '../src/boundaries/set-ward-areas';
import { withTransaction } from '../src/db/db';
import { splitAreas } from '../src/geography/contiguity';
import { GeographyService } from '../src/geography/geography.service';

import { inRolledBackTransaction } from './helpers/database';
import { errorCodes, graphqlSuite } from './helpers/graphql';

const suite = graphqlSuite(async (db) => {
  await db.query('DROP TRIGGER IF EXISTS test_fail_audit ON ward_area_change');
  await db.query('DROP FUNCTION IF EXISTS test_fail_audit()');
});

const SET = `mutation ($a: [WardAreaInput!]!, $for: String) {
  setWardAreas(assignments: $a, onBehalfOf: $for) { changeSet incidentsReassigned moves { ward { name } from { code } to { code } } } }`;

const ADMIN: Caller = { role: 'admin', identity: 'api-key:7 (planning team)', limitKey: 'api-key:7' };

const OAKWOOD = 'E05001781';
const SPONDON = 'E05001783';

async function areaOf(db = suite.db, ward = OAKWOOD): Promise<string> {
  return (await db.query<{ area_code: string }>('SELECT area_code FROM ward WHERE code = $1', [ward]))[0].area_code;
}

describe('setWardAreas', () => {
  it('moves a ward, records the authenticated administrator and whom they acted for, and re-assigns incidents', async () => {
    const outcome = await inRolledBackTransaction(suite.dataSource, async (tx) => {
      const [{ n }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM incident WHERE ward_code = $1', [
        OAKWOOD,
      ]);
      const result = await suite.client.run<{
        setWardAreas: { changeSet: string; incidentsReassigned: number; moves: unknown[] };
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
    expect(outcome.result.data?.setWardAreas.moves).toEqual([
      { ward: { name: 'Oakwood' }, from: { code: 'NORTH' }, to: { code: 'EAST' } },
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

  it.each([
    [[{ wardCode: SPONDON, areaCode: 'NORTH' }], /areas must stay contiguous: NORTH would fall into/],
    [
      ['E05001768', 'E05001775', 'E05001776', OAKWOOD].map((wardCode) => ({ wardCode, areaCode: 'EAST' })),
      /area\(s\) NORTH would have no ward; every area keeps at least one/,
    ],
    [[{ wardCode: 'E05999999', areaCode: 'EAST' }], /unknown ward "E05999999"/],
    [[{ wardCode: OAKWOOD, areaCode: 'NOWHERE' }], /unknown area "NOWHERE"/],
    [
      [
        { wardCode: OAKWOOD, areaCode: 'EAST' },
        { wardCode: OAKWOOD, areaCode: 'NORTH' },
      ],
      /ward E05001781 is assigned twice/,
    ],
  ])('refuses %j with BAD_USER_INPUT and changes nothing', async (assignments, message) => {
    const result = await inRolledBackTransaction(suite.dataSource, (tx) =>
      suite.client.run(tx, SET, { a: assignments }, ADMIN),
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].message).toMatch(message);
    expect(await areaOf()).toBe('NORTH');
    expect(await areaOf(suite.db, SPONDON)).toBe('EAST');
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

describe('proposeAreaGrouping', () => {
  it('finds, by exhaustive search, a contiguous grouping at least as well aligned as the current one', async () => {
    const result = await suite.client.run<{
      proposeAreaGrouping: {
        examined: number;
        score: number;
        currentScore: number;
        method: string;
        areas: { area: { code: string }; wards: { code: string }[] }[];
        moves: { ward: { code: string }; from: { code: string }; to: { code: string } }[];
      };
    }>(
      suite.db,
      '{ proposeAreaGrouping(k: 4, weight: POPULATION) { examined score currentScore method areas { area { code } wards { code } } moves { ward { code } from { code } to { code } } } }',
    );
    expect(result.errors).toBeUndefined();
    const p = result.data?.proposeAreaGrouping;
    expect(p?.examined).toBeGreaterThan(1000);
    expect(p?.score).toBeGreaterThanOrEqual(p?.currentScore as number);
    expect(p?.method).toMatch(/exact optimum/);
    const grouping = new Map((p?.areas ?? []).map((a) => [a.area.code, a.wards.map((w) => w.code)]));
    expect([...grouping.values()].flat().sort()).toHaveLength(17);
    expect([...grouping.values()].every((w) => w.length > 0)).toBe(true);
    const adjacency = await new GeographyService(suite.db).adjacency();
    expect(splitAreas(grouping, adjacency)).toEqual([]);
    for (const move of p?.moves ?? []) {
      expect(grouping.get(move.to.code)).toContain(move.ward.code);
    }
  });

  it('refuses a k the hub cannot name or search', async () => {
    const result = await suite.client.run(suite.db, '{ proposeAreaGrouping(k: 9) { score } }');
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});
