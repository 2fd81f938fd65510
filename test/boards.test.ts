import type { Caller } from '../src/auth/caller';
import { typeormDb, withTransaction } from '../src/db/db';
import { createApolloServer } from '../src/graphql/apollo';
import { createContext } from '../src/graphql/context';
import { buildHubSchema } from '../src/graphql/schema';

import { countingDb, inRolledBackTransaction } from './helpers/database';
import { errorCodes, type GraphQLResult, graphqlSuite } from './helpers/graphql';
import { CATHEDRAL, square } from './helpers/places';

const suite = graphqlSuite();

const ADMIN: Caller = { role: 'admin', identity: 'api-key:9 (administrator)', limitKey: 'test:admin' };
const OFFICER: Caller = { role: 'officer', identity: 'api-key:7 (neighbourhood manager)', limitKey: 'test:officer' };
const ANALYST: Caller = { role: 'analyst', identity: 'api-key:8 (analyst)', limitKey: 'test:analyst' };

type Db = typeof suite.db;

// A square of about 445 m by 270 m around the cathedral.
const FOOTPRINT = square(CATHEDRAL[0], CATHEDRAL[1], 0.002);

const BOARD =
  'id name createdBy createdAt units { level code name } members { id role name agency { code } } meetings { id heldOn notes recordedBy } plans { id year }';
const PRIORITY = `id title categories placeKind placeRef footprint leadAgency { code } targetChangePercent`;
const PROGRESS = 'from to baselineFrom baselineTo count baselineCount changePercent targetChangePercent status reading';

interface BoardResult {
  id: string;
  name: string;
  createdBy: string;
  units: { level: string; code: string; name: string }[];
  members: { id: string; role: string; name: string; agency: { code: string } | null }[];
  meetings: { id: string; heldOn: string; notes: string | null; recordedBy: string }[];
  plans: { id: string; year: number }[];
}

const run = <T>(db: Db, query: string, variables?: Record<string, unknown>, caller: Caller = ADMIN) =>
  suite.client.run<T>(db, query, variables, caller);

/**
 * Every row agencies, boards and plans keep, as one fingerprint: equal before and after a refusal.
 * Category owners are those of the categories there before the refusal: on a server another
 * suite may commit a category of its own meanwhile (a new police.uk crime type), which no refusal
 * here writes.
 */
async function fingerprint(db: Db, categories: string[]): Promise<string> {
  const [row] = await db.query<Record<string, unknown>>(
    `SELECT (SELECT count(*) FROM agency) AS agencies, (SELECT count(*) FROM board) AS boards,
            (SELECT count(*) FROM board_unit) AS units, (SELECT count(*) FROM board_member) AS members,
            (SELECT count(*) FROM board_meeting) AS meetings, (SELECT count(*) FROM neighbourhood_plan) AS plans,
            (SELECT count(*) FROM plan_priority) AS priorities,
            (SELECT string_agg(slug || service || coalesce(target_days::text, '-'), ',' ORDER BY slug)
             FROM incident_category WHERE slug = ANY($1::text[])) AS owners`,
    [categories],
  );
  return JSON.stringify(row);
}

/** Runs a refused operation and checks its code, its message, and that it wrote nothing. */
async function refused(
  db: Db,
  query: string,
  variables: Record<string, unknown>,
  code: string,
  message: RegExp,
  caller: Caller = ADMIN,
): Promise<void> {
  const categories = (await db.query<{ slug: string }>('SELECT slug FROM incident_category')).map((c) => c.slug);
  const before = await fingerprint(db, categories);
  const result = await run(db, query, variables, caller);
  expect({ codes: errorCodes(result), message: result.errors?.[0].message }).toEqual({
    codes: [code],
    message: expect.stringMatching(message),
  });
  expect(await fingerprint(db, categories)).toBe(before);
}

/** The current set's wards, by code. */
async function currentWards(db: Db): Promise<{ code: string; name: string }[]> {
  return db.query(
    `SELECT w.code, w.name FROM ward w JOIN boundary_set s ON s.id = w.boundary_set_id
     WHERE s.kind = 'ward' AND s.valid_to IS NULL ORDER BY w.code`,
  );
}

const CREATE_BOARD = `mutation ($input: CreateBoardInput!) { createBoard(input: $input) { ${BOARD} } }`;

async function makeBoard(db: Db, name: string, codes: string[]): Promise<BoardResult> {
  const result = await run<{ createBoard: BoardResult }>(db, CREATE_BOARD, {
    input: { name, units: codes.map((code) => ({ level: 'WARD', code })) },
  });
  expect(result.errors).toBeUndefined();
  return result.data?.createBoard as BoardResult;
}

describe('agencies and who owns each category', () => {
  it('lists the five agencies the hub starts with and adds one, recording who', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const listed = await run<{ agencies: { code: string; kind: string }[] }>(
        db,
        '{ agencies { code name kind } }',
        undefined,
        ANALYST,
      );
      expect(listed.data?.agencies.map((a) => a.code).sort()).toEqual([
        'COMMUNITY_SAFETY',
        'FIRE_AND_RESCUE',
        'HOUSING',
        'POLICE',
        'STREETPRIDE',
      ]);
      const made = await run<{ createAgency: unknown }>(
        db,
        'mutation { createAgency(input: { code: "NHS_DERBY", name: "  NHS Derby and Derbyshire  ", kind: HEALTH }) { code name kind } }',
      );
      expect(made.data?.createAgency).toEqual({ code: 'NHS_DERBY', name: 'NHS Derby and Derbyshire', kind: 'HEALTH' });
      const [row] = await db.query<{ created_by: string }>(`SELECT created_by FROM agency WHERE code = 'NHS_DERBY'`);
      expect(row.created_by).toBe(ADMIN.identity);
    });
  });

  it('refuses a taken code or name, a code that breaks the rule, and an empty name, writing nothing', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const create = 'mutation ($input: CreateAgencyInput!) { createAgency(input: $input) { code } }';
      await refused(
        db,
        create,
        { input: { code: 'POLICE', name: 'Another force', kind: 'POLICE' } },
        'BAD_USER_INPUT',
        /code POLICE already exists/,
      );
      await refused(
        db,
        create,
        { input: { code: 'DERBY_HOMES', name: 'Derby Homes', kind: 'HOUSING' } },
        'BAD_USER_INPUT',
        /named "Derby Homes" already exists \(code HOUSING\)/,
      );
      await refused(
        db,
        create,
        { input: { code: 'derby homes', name: 'X', kind: 'HOUSING' } },
        'BAD_USER_INPUT',
        /code must be upper-case letters.*got "derby homes"/,
      );
      await refused(
        db,
        create,
        { input: { code: 'VOL', name: '   ', kind: 'VOLUNTARY' } },
        'BAD_USER_INPUT',
        /name must be from 1 to 200 characters/,
      );
      await refused(
        db,
        create,
        { input: { code: 'VOL', name: 'Voluntary', kind: 'CHARITY' } },
        'BAD_USER_INPUT',
        /CHARITY/,
      );
    });
  });

  it('moves a category to another agency and sets, keeps and clears its target days', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const set = (args: string) =>
        run<{
          setCategoryOwner: { slug: string; service: string; targetDays: number | null; agency: { name: string } };
        }>(db, `mutation { setCategoryOwner(${args}) { slug service targetDays agency { name } } }`);
      expect((await set('category: "fly-tipping", agency: "HOUSING", targetDays: 3')).data?.setCategoryOwner).toEqual({
        slug: 'fly-tipping',
        service: 'HOUSING',
        targetDays: 3,
        agency: { name: 'Derby Homes' },
      });
      // Left out, the target stays; null clears it.
      expect((await set('category: "fly-tipping", agency: "STREETPRIDE"')).data?.setCategoryOwner.targetDays).toBe(3);
      expect(
        (await set('category: "fly-tipping", agency: "STREETPRIDE", targetDays: null')).data?.setCategoryOwner
          .targetDays,
      ).toBeNull();
      const listed = await run<{ categories: { slug: string; service: string; agency: { code: string } }[] }>(
        db,
        '{ categories { slug service targetDays agency { code } } }',
        undefined,
        { role: 'public', identity: 'anonymous', limitKey: 'address:test' },
      );
      expect(listed.errors).toBeUndefined();
      for (const c of listed.data?.categories ?? []) {
        expect(c.agency.code).toBe(c.service);
      }
      const op =
        'mutation ($c: String!, $a: String!, $d: Int) { setCategoryOwner(category: $c, agency: $a, targetDays: $d) { slug } }';
      await refused(
        db,
        op,
        { c: 'no-such-thing', a: 'POLICE' },
        'BAD_USER_INPUT',
        /unknown incident category "no-such-thing"/,
      );
      await refused(db, op, { c: 'graffiti', a: 'NOBODY' }, 'NOT_FOUND', /agency: no agency has code "NOBODY"/);
      await refused(db, op, { c: 'graffiti', a: 'POLICE', d: 0 }, 'BAD_USER_INPUT', /targetDays must be from 1 to 365/);
    });
  });
});

describe('boards, their members and meetings', () => {
  it('makes a board of wards of the current set, with names, and reads it back', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const wards = await currentWards(db);
      const board = await makeBoard(db, 'City centre board', [wards[1].code, wards[0].code]);
      expect(board).toMatchObject({
        name: 'City centre board',
        createdBy: ADMIN.identity,
        members: [],
        meetings: [],
        plans: [],
      });
      expect(board.units).toEqual(
        [wards[0], wards[1]]
          .map((w) => ({ level: 'WARD', code: w.code, name: w.name }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      );
      const read = await run<{ board: BoardResult }>(
        db,
        `query ($id: ID!) { board(id: $id) { ${BOARD} } }`,
        { id: board.id },
        OFFICER,
      );
      expect(read.data?.board).toEqual(board);
      const listed = await run<{ boards: { id: string }[] }>(db, '{ boards { id name } }', undefined, ANALYST);
      expect(listed.data?.boards.map((b) => b.id)).toContain(board.id);
      // Analysts read boards, but who made one is for officers.
      expect(errorCodes(await run(db, `{ boards { createdBy } }`, undefined, ANALYST))).toEqual(['FORBIDDEN']);
    });
  });

  it('refuses unknown units, mixed levels, repeated units, no units and a taken name, writing nothing', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const wards = await currentWards(db);
      await makeBoard(db, 'Taken', [wards[0].code]);
      const ward = (code: string) => ({ level: 'WARD', code });
      const input = (name: string, units: unknown[]) => ({ input: { name, units } });
      await refused(
        db,
        CREATE_BOARD,
        input('X', [ward('E05999999')]),
        'NOT_FOUND',
        /units: no ward of .* \(the current set\) has code "E05999999"/,
      );
      await refused(
        db,
        CREATE_BOARD,
        input('X', [{ level: 'AREA', code: 'NOWHERE' }]),
        'NOT_FOUND',
        /no area has code "NOWHERE"/,
      );
      await refused(
        db,
        CREATE_BOARD,
        input('X', [{ level: 'POLICE_NEIGHBOURHOOD', code: '999999' }]),
        'NOT_FOUND',
        /no current police neighbourhood has id "999999"/,
      );
      await refused(
        db,
        CREATE_BOARD,
        input('X', [ward(wards[0].code), { level: 'AREA', code: 'NORTH' }]),
        'BAD_USER_INPUT',
        /units must be all of one level .*got ward and area/,
      );
      await refused(
        db,
        CREATE_BOARD,
        input('X', [ward(wards[0].code), ward(wards[0].code)]),
        'BAD_USER_INPUT',
        /units must be different units, got "E\d+" twice/,
      );
      await refused(db, CREATE_BOARD, input('X', []), 'BAD_USER_INPUT', /units must be from 1 to 50 units, got 0/);
      await refused(
        db,
        CREATE_BOARD,
        input(' Taken ', [ward(wards[1].code)]),
        'BAD_USER_INPUT',
        /^a board named "Taken" already exists/,
      );
      // Boards are made by administrators only.
      await refused(db, CREATE_BOARD, input('Y', [ward(wards[1].code)]), 'FORBIDDEN', /createBoard/, OFFICER);
    });
  });

  it('makes one board per ward of the current set in one call, skipping wards that have one', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const wards = await currentWards(db);
      // Wards no board covers before the call (boards other suites made on a server are committed rarely, but count them).
      const [{ n: uncovered }] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ward w JOIN boundary_set s ON s.id = w.boundary_set_id
         WHERE s.kind = 'ward' AND s.valid_to IS NULL
           AND NOT EXISTS (SELECT 1 FROM board_unit u WHERE u.level = 'ward' AND u.unit_code = w.code)`,
      );
      const covered = await makeBoard(db, 'Two wards together', [wards[0].code, wards[1].code]);
      const op = `mutation { createWardBoards { ${BOARD} } }`;
      const made = await run<{ createWardBoards: BoardResult[] }>(db, op);
      expect(made.errors).toBeUndefined();
      const boards = made.data?.createWardBoards ?? [];
      expect(boards).toHaveLength(uncovered - 2);
      for (const b of boards) {
        expect(b.units).toHaveLength(1);
        expect(b.name).toBe(b.units[0].name);
        expect(b.createdBy).toBe(ADMIN.identity);
      }
      expect(boards.map((b) => b.units[0].code)).not.toContain(covered.units[0].code);
      // A second call finds every ward covered.
      expect((await run<{ createWardBoards: unknown[] }>(db, op)).data?.createWardBoards).toEqual([]);
    });
  });

  it('refuses to make ward boards when another board has a ward’s name, making none', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const wards = await currentWards(db);
      await makeBoard(db, wards[2].name, [wards[0].code]);
      await refused(
        db,
        'mutation { createWardBoards { id } }',
        {},
        'BAD_USER_INPUT',
        new RegExp(`a board named "${wards[2].name}" already exists .*does not cover ward ${wards[2].code}`),
      );
    });
  });

  it('adds and removes members by role without contact details, and records meetings held', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const wards = await currentWards(db);
      const board = await makeBoard(db, 'Members board', [wards[0].code]);
      const add = `mutation ($b: ID!, $m: BoardMemberInput!) { addBoardMember(boardId: $b, input: $m) { id role name agency { code name } } }`;
      const inspector = await run<{ addBoardMember: { id: string } }>(
        db,
        add,
        { b: board.id, m: { role: 'POLICE_INSPECTOR', name: 'SNT Inspector, Derby North', agency: 'POLICE' } },
        OFFICER,
      );
      expect(inspector.data?.addBoardMember).toMatchObject({
        role: 'POLICE_INSPECTOR',
        agency: { code: 'POLICE', name: 'Derbyshire Constabulary' },
      });
      await run(db, add, { b: board.id, m: { role: 'RESIDENT', name: 'Chair, Residents’ Association' } }, OFFICER);
      await refused(
        db,
        add,
        { b: board.id, m: { role: 'RESIDENT', name: 'Jo Bloggs jo@example.org' } },
        'BAD_USER_INPUT',
        /name must be a name or a post, without contact details .*got an e-mail address/,
        OFFICER,
      );
      await refused(
        db,
        add,
        { b: board.id, m: { role: 'RESIDENT', name: 'Jo, 01332 123456' } },
        'BAD_USER_INPUT',
        /got a phone number/,
        OFFICER,
      );
      await refused(
        db,
        add,
        { b: board.id, m: { role: 'AGENCY_OFFICER', name: 'Officer', agency: 'NOBODY' } },
        'NOT_FOUND',
        /agency: no agency has code "NOBODY"/,
        OFFICER,
      );
      await refused(
        db,
        add,
        { b: '999999', m: { role: 'RESIDENT', name: 'A resident' } },
        'NOT_FOUND',
        /no board has boardId 999999/,
        OFFICER,
      );
      await refused(
        db,
        add,
        { b: board.id, m: { role: 'RESIDENT', name: 'A resident' } },
        'FORBIDDEN',
        /addBoardMember/,
        ANALYST,
      );

      const today = new Date().toISOString().slice(0, 10);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const meet = `mutation ($b: ID!, $m: MeetingInput!) { recordMeeting(boardId: $b, input: $m) { id heldOn notes recordedBy } }`;
      const held = await run<{ recordMeeting: unknown }>(
        db,
        meet,
        { b: board.id, m: { heldOn: today, notes: ' Agreed the plan ' } },
        OFFICER,
      );
      expect(held.data?.recordMeeting).toMatchObject({
        heldOn: today,
        notes: 'Agreed the plan',
        recordedBy: OFFICER.identity,
      });
      await run(db, meet, { b: board.id, m: { heldOn: '2025-01-15' } }, OFFICER);
      await refused(
        db,
        meet,
        { b: board.id, m: { heldOn: tomorrow } },
        'BAD_USER_INPUT',
        /heldOn must be from 2000-01-01 to today .*meetings are recorded once held/,
        OFFICER,
      );
      await refused(
        db,
        meet,
        { b: board.id, m: { heldOn: '2025-02-30' } },
        'BAD_USER_INPUT',
        /heldOn must be a calendar day/,
        OFFICER,
      );

      const read = await run<{ board: BoardResult }>(db, `query ($id: ID!) { board(id: $id) { ${BOARD} } }`, {
        id: board.id,
      });
      expect(read.data?.board.members.map((m) => m.role)).toEqual(
        ['police_inspector', 'resident'].map((r) => r.toUpperCase()),
      );
      expect(read.data?.board.meetings.map((m) => m.heldOn)).toEqual([today, '2025-01-15']);

      const remove = `mutation ($id: ID!) { removeBoardMember(id: $id) { id members { id } } }`;
      const removed = await run<{ removeBoardMember: BoardResult }>(
        db,
        remove,
        { id: inspector.data?.addBoardMember.id },
        OFFICER,
      );
      expect(removed.data?.removeBoardMember.members).toHaveLength(1);
      await refused(
        db,
        remove,
        { id: inspector.data?.addBoardMember.id },
        'NOT_FOUND',
        /no board member has id/,
        OFFICER,
      );
    });
  });

  it('answers a same-name race with BAD_USER_INPUT, not an internal error, and keeps one board', async () => {
    // Two real transactions side by side on the pool (a server runs them at once), through the
    // production error formatter.
    const server = createApolloServer(await buildHubSchema(), { development: false });
    await server.start();
    const wards = await currentWards(suite.db);
    const name = `Race board ${process.pid}-${Date.now()}`;
    const db = typeormDb(suite.dataSource);
    const attempt = async () => {
      const response = await server.executeOperation(
        { query: CREATE_BOARD, variables: { input: { name, units: [{ level: 'WARD', code: wards[0].code }] } } },
        { contextValue: createContext(db, ADMIN, (work) => withTransaction(suite.dataSource, work)) },
      );
      return (response.body as { singleResult: GraphQLResult<{ createBoard: { id: string } }> }).singleResult;
    };
    try {
      const results = await Promise.all([attempt(), attempt()]);
      const made = results.filter((r) => r.data?.createBoard);
      const failed = results.filter((r) => r.errors);
      expect(made).toHaveLength(1);
      expect(failed.map((r) => ({ codes: errorCodes(r), message: r.errors?.[0].message }))).toEqual([
        { codes: ['BAD_USER_INPUT'], message: `a board named "${name}" already exists; the boards query lists them` },
      ]);
      const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM board WHERE name = $1', [name]);
      expect(n).toBe(1);
    } finally {
      await db.query('DELETE FROM board WHERE name = $1', [name]);
      await server.stop();
    }
  });
});

describe('neighbourhood plans and their priorities', () => {
  const CREATE_PLAN = `mutation ($b: ID!, $y: Int!, $t: String!) { createNeighbourhoodPlan(boardId: $b, year: $y, title: $t) { id year title createdBy board { id } priorities { id } } }`;
  const ADD = `mutation ($p: ID!, $i: PlanPriorityInput!) { addPlanPriority(planId: $p, input: $i) { ${PRIORITY} } }`;

  async function makePlan(db: Db, year: number): Promise<{ board: BoardResult; planId: string }> {
    const wards = await currentWards(db);
    const board = await makeBoard(db, `Plan board ${year}`, [wards[0].code]);
    const made = await run<{ createNeighbourhoodPlan: { id: string } }>(
      db,
      CREATE_PLAN,
      { b: board.id, y: year, t: `Plan ${year}` },
      OFFICER,
    );
    expect(made.errors).toBeUndefined();
    return { board, planId: made.data?.createNeighbourhoodPlan.id as string };
  }

  it('makes one plan per board and year, recording who, and refuses a second, an unknown board and a bad year', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const { board, planId } = await makePlan(db, 2026);
      const read = await run<{ neighbourhoodPlan: unknown }>(
        db,
        `query ($id: ID!) { neighbourhoodPlan(id: $id) { id year title createdBy board { id name } priorities { id } } }`,
        { id: planId },
      );
      expect(read.data?.neighbourhoodPlan).toEqual({
        id: planId,
        year: 2026,
        title: 'Plan 2026',
        createdBy: OFFICER.identity,
        board: { id: board.id, name: board.name },
        priorities: [],
      });
      await refused(
        db,
        CREATE_PLAN,
        { b: board.id, y: 2026, t: 'Again' },
        'BAD_USER_INPUT',
        new RegExp(`board ${board.id} already has a neighbourhood plan for 2026.*\\(plan ${planId}\\)`),
        OFFICER,
      );
      await refused(
        db,
        CREATE_PLAN,
        { b: '999999', y: 2026, t: 'X' },
        'NOT_FOUND',
        /no board has boardId 999999/,
        OFFICER,
      );
      await refused(
        db,
        CREATE_PLAN,
        { b: board.id, y: 1999, t: 'X' },
        'BAD_USER_INPUT',
        /year must be a calendar year from 2000 to 2100, got 1999/,
        OFFICER,
      );
      await refused(db, CREATE_PLAN, { b: board.id, y: 2027, t: 'X' }, 'FORBIDDEN', /createNeighbourhoodPlan/, ANALYST);
      const plans = await run<{ board: BoardResult }>(
        db,
        `query ($id: ID!) { board(id: $id) { plans { id year } } }`,
        { id: board.id },
        ANALYST,
      );
      expect(plans.data?.board.plans).toEqual([{ id: planId, year: 2026 }]);
    });
  });

  it('adds priorities with places kept as footprints, and refuses bad ones writing nothing', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const wards = await currentWards(db);
      const { planId } = await makePlan(db, 2026);
      const input = {
        title: 'ASB in the ward down a fifth',
        categories: ['anti-social-behaviour'],
        place: { ward: wards[0].code },
        leadAgency: 'COMMUNITY_SAFETY',
        targetChangePercent: -20,
      };
      const added = await run<{ addPlanPriority: { id: string; footprint: { type: string } } }>(
        db,
        ADD,
        { p: planId, i: input },
        OFFICER,
      );
      expect(added.errors).toBeUndefined();
      expect(added.data?.addPlanPriority).toMatchObject({
        title: input.title,
        categories: ['anti-social-behaviour'],
        placeKind: 'ward',
        placeRef: wards[0].code,
        leadAgency: { code: 'COMMUNITY_SAFETY' },
        targetChangePercent: -20,
      });
      expect(added.data?.addPlanPriority.footprint.type).toBe('MultiPolygon');
      // The footprint kept is the ward's outline.
      const [same] = await db.query<{ same: boolean }>(
        `SELECT ST_Equals(p.footprint, ST_Multi(w.geom)) AS same FROM plan_priority p, ward w
         JOIN boundary_set s ON s.id = w.boundary_set_id AND s.kind = 'ward' AND s.valid_to IS NULL
         WHERE p.id = $1::int AND w.code = $2`,
        [added.data?.addPlanPriority.id, wards[0].code],
      );
      expect(same.same).toBe(true);

      const [report] = await db.query<{ id: string }>(
        `INSERT INTO incident (source, source_key, category_slug, month, status, geom, geom_bng)
         SELECT 'test-boards', 'report-1', 'fly-tipping', '2026-01-01', 'open', p, ST_Transform(p, 27700)
         FROM (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326) AS p) x RETURNING id::text AS id`,
        [...CATHEDRAL],
      );
      const bad = (change: Record<string, unknown>) => ({ p: planId, i: { ...input, ...change } });
      await refused(
        db,
        ADD,
        bad({ place: { report: report.id } }),
        'BAD_USER_INPUT',
        /place must be a hot spot, cluster, cross-boundary issue, drawn polygon, ward, area, police neighbourhood or board, got report/,
        OFFICER,
      );
      await refused(
        db,
        ADD,
        bad({ categories: ['burglary', 'no-such-thing'] }),
        'BAD_USER_INPUT',
        /unknown incident category "no-such-thing"/,
        OFFICER,
      );
      await refused(
        db,
        ADD,
        bad({ leadAgency: 'NOBODY' }),
        'NOT_FOUND',
        /leadAgency: no agency has code "NOBODY"/,
        OFFICER,
      );
      await refused(
        db,
        ADD,
        bad({ targetChangePercent: -101 }),
        'BAD_USER_INPUT',
        /targetChangePercent must be from -100 to 1000 .*got -101/,
        OFFICER,
      );
      await refused(
        db,
        ADD,
        bad({ targetChangePercent: 1000.5 }),
        'BAD_USER_INPUT',
        /targetChangePercent must be from -100 to 1000/,
        OFFICER,
      );
      await refused(db, ADD, bad({ place: { ward: 'E05999999' } }), 'NOT_FOUND', /E05999999/, OFFICER);
      await refused(
        db,
        ADD,
        bad({ place: { polygon: square(-1.555, 53.138, 0.01) } }),
        'BAD_USER_INPUT',
        /polygon must lie at least 50 % inside the city/,
        OFFICER,
      );
      await refused(db, ADD, bad({ place: {} }), 'BAD_USER_INPUT', /exactly one of/, OFFICER);
      await refused(
        db,
        ADD,
        { p: '999999', i: input },
        'NOT_FOUND',
        /no neighbourhood plan has planId 999999/,
        OFFICER,
      );

      const remove = `mutation ($id: ID!) { removePlanPriority(id: $id) { id priorities { id } } }`;
      const removed = await run<{ removePlanPriority: { priorities: unknown[] } }>(
        db,
        remove,
        { id: added.data?.addPlanPriority.id },
        OFFICER,
      );
      expect(removed.data?.removePlanPriority).toEqual({ id: planId, priorities: [] });
      await refused(
        db,
        remove,
        { id: added.data?.addPlanPriority.id },
        'NOT_FOUND',
        /no plan priority has id/,
        OFFICER,
      );
    });
  });

  it('counts progress from incidents in the footprint against the same months of the year before', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const { board, planId } = await makePlan(db, 2036);
      // Incidents at known points and months: inside the square near its centre, and 0.01° east of it.
      const plant = (category: string, month: string, n: number, inside = true) =>
        db.query(
          `INSERT INTO incident (source, source_key, category_slug, month, geom, geom_bng)
           SELECT 'test-boards', $1 || '-' || $2 || '-' || $5::text || '-' || g, $1, $2::date, p, ST_Transform(p, 27700)
           FROM (SELECT ST_SetSRID(ST_MakePoint($3, $4), 4326) AS p) x, generate_series(1, $6::int) g`,
          [category, `${month}-01`, CATHEDRAL[0] + (inside ? 0.0005 : 0.01), CATHEDRAL[1], inside, n],
        );
      // 2035: 4 + 3 + 3 burglaries in January to March (10), 5 in April (after the months counted).
      await plant('burglary', '2035-01', 4);
      await plant('burglary', '2035-02', 3);
      await plant('burglary', '2035-03', 3);
      await plant('burglary', '2035-04', 5);
      // 2036: 2 + 3 + 1 (6), and 7 outside the footprint, and 4 of another category inside.
      await plant('burglary', '2036-01', 2);
      await plant('burglary', '2036-02', 3);
      await plant('burglary', '2036-03', 1);
      await plant('burglary', '2036-01', 7, false);
      await plant('drugs', '2036-02', 4);

      const add = async (title: string, categories: string[], target: number) => {
        const r = await run<{ addPlanPriority: { id: string } }>(
          db,
          ADD,
          {
            p: planId,
            i: { title, categories, place: { polygon: FOOTPRINT }, leadAgency: 'POLICE', targetChangePercent: target },
          },
          OFFICER,
        );
        expect(r.errors).toBeUndefined();
        return r.data?.addPlanPriority.id;
      };
      await add('Burglary down a fifth', ['burglary'], -20);
      await add('Burglary halved', ['burglary'], -50);
      await add('Drugs', ['drugs'], -10);
      await add('Everything', [], 0);
      const query = `query ($id: ID!, $through: String) { board(id: $id) { plans { priorities { title placeKind progress(through: $through) { ${PROGRESS} } } } } }`;
      const result = await run<{
        board: { plans: { priorities: { title: string; placeKind: string; progress: Record<string, unknown> }[] }[] };
      }>(db, query, { id: board.id, through: '2036-03' }, ANALYST);
      expect(result.errors).toBeUndefined();
      const [burglary, halved, drugs, everything] = result.data?.board.plans[0].priorities ?? [];
      expect(burglary.placeKind).toBe('polygon');
      expect(burglary.progress).toEqual({
        from: '2036-01',
        to: '2036-03',
        baselineFrom: '2035-01',
        baselineTo: '2035-03',
        count: 6,
        baselineCount: 10,
        changePercent: -40,
        targetChangePercent: -20,
        status: 'ON_TRACK',
        reading:
          '6 incidents in 2036-01 to 2036-03 against 10 in the same months of 2035: down 40 %, target down 20 %: on track.',
      });
      expect(halved.progress).toMatchObject({ changePercent: -40, status: 'OFF_TRACK' });
      expect(drugs.progress).toMatchObject({ count: 4, baselineCount: 0, changePercent: null, status: 'NO_BASELINE' });
      // Every category: the 6 burglaries and 4 drug offences against the 10 burglaries: no change, on a target of no rise.
      expect(everything.progress).toMatchObject({ count: 10, baselineCount: 10, changePercent: 0, status: 'ON_TRACK' });

      // One month counted: 2 against 4.
      const january = await run<typeof result.data>(db, query, { id: board.id, through: '2036-01' }, ANALYST);
      expect(january.data?.board.plans[0].priorities[0].progress).toMatchObject({
        to: '2036-01',
        count: 2,
        baselineCount: 4,
        changePercent: -50,
      });
      // A month before the plan year: too early.
      const before = await run<typeof result.data>(db, query, { id: board.id, through: '2035-12' }, ANALYST);
      expect(before.data?.board.plans[0].priorities[0].progress).toMatchObject({
        to: null,
        count: 0,
        status: 'TOO_EARLY',
      });
      // Without a month: up to the latest month the hub holds (at most December of the plan year).
      const [{ latest }] = await db.query<{ latest: string }>(
        `SELECT to_char(max(month), 'YYYY-MM') AS latest FROM incident`,
      );
      const latestRun = await run<typeof result.data>(db, query, { id: board.id }, ANALYST);
      expect(latestRun.data?.board.plans[0].priorities[0].progress.to).toBe(latest > '2036-12' ? '2036-12' : latest);
      // A malformed month is refused.
      expect(errorCodes(await run(db, query, { id: board.id, through: '2036-13' }, ANALYST))).toEqual([
        'BAD_USER_INPUT',
      ]);
    });
  });

  it('reads boards with everything nested in a bounded number of statements, whatever the number of boards', async () => {
    await inRolledBackTransaction(suite.dataSource, async (db) => {
      const wards = await currentWards(db);
      const counted = async () => {
        const counter = countingDb(db);
        const result = await run<{ boards: unknown[] }>(
          counter,
          `{ boards { name units { name } members { agency { name } } meetings { heldOn } plans { board { name } priorities { leadAgency { name } progress(through: "2036-03") { status } } } } }`,
        );
        expect(result.errors).toBeUndefined();
        return { boards: result.data?.boards.length ?? 0, statements: counter.count };
      };
      for (const [k, ward] of wards.slice(0, 2).entries()) {
        const board = await makeBoard(db, `Counted ${k}`, [ward.code]);
        await run(
          db,
          'mutation ($b: ID!) { addBoardMember(boardId: $b, input: { role: AGENCY_OFFICER, name: "Officer", agency: "HOUSING" }) { id } }',
          { b: board.id },
        );
        await run(db, 'mutation ($b: ID!) { recordMeeting(boardId: $b, input: { heldOn: "2025-03-01" }) { id } }', {
          b: board.id,
        });
        const plan = await run<{ createNeighbourhoodPlan: { id: string } }>(
          db,
          'mutation ($b: ID!) { createNeighbourhoodPlan(boardId: $b, year: 2036, title: "P") { id } }',
          { b: board.id },
        );
        await run(db, 'mutation ($p: ID!, $i: PlanPriorityInput!) { addPlanPriority(planId: $p, input: $i) { id } }', {
          p: plan.data?.createNeighbourhoodPlan.id,
          i: { title: 'T', place: { ward: ward.code }, leadAgency: 'POLICE', targetChangePercent: -10 },
        });
      }
      const few = await counted();
      for (const [k, ward] of wards.slice(2, 6).entries()) {
        const board = await makeBoard(db, `More ${k}`, [ward.code]);
        const plan = await run<{ createNeighbourhoodPlan: { id: string } }>(
          db,
          'mutation ($b: ID!) { createNeighbourhoodPlan(boardId: $b, year: 2036, title: "P") { id } }',
          { b: board.id },
        );
        await run(db, 'mutation ($p: ID!, $i: PlanPriorityInput!) { addPlanPriority(planId: $p, input: $i) { id } }', {
          p: plan.data?.createNeighbourhoodPlan.id,
          i: { title: 'T', place: { ward: ward.code }, leadAgency: 'STREETPRIDE', targetChangePercent: -10 },
        });
      }
      const more = await counted();
      expect(more.boards).toBe(few.boards + 4);
      // boards, units, members, meetings, plans, their boards, priorities, agencies (batched), progress.
      expect(more.statements).toBe(few.statements);
      expect(more.statements).toBeLessThanOrEqual(10);
    });
  });
});
