import {
  getNamedType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';

import { inProcessCaller } from '../src/auth/caller';
import type { Db } from '../src/db/db';
import { buildHubSchema } from '../src/graphql/schema';

import { inRolledBackTransaction } from './helpers/database';
import { graphqlClient, type GraphQLResult, graphqlSuite } from './helpers/graphql';

// Every argument of every query and mutation is tried with wrong types, out-of-range numbers,
// NaN and infinities, empty and huge strings, injection strings, NUL bytes, malformed and
// self-intersecting GeoJSON and unknown codes, one argument at a time, the others valid. Each
// answer must be a stable refusal code (or a proper answer, where the odd value is in fact
// valid), never INTERNAL_SERVER_ERROR, never a stack trace or SQL text (the client runs in
// production mode), and a refused request must write nothing. It runs as an administrator, so
// that access is never what refuses.

const suite = graphqlSuite();
const ADMIN = inProcessCaller('bad-input suite');
const ALLOWED = ['BAD_USER_INPUT', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED', 'COST_LIMIT_EXCEEDED'];
const INTERNALS =
  /\bSELECT\b|\bINSERT\b|\bUPDATE\b|relation "|syntax error at|node_modules|\/src\/|\.ts:\d+|\bat \w+ \(/;

// Large cells keep each analysis that a wrong-but-valid value lets through quick.
const GRID = { from: '2018-12', to: '2018-12', cellSizeMetres: 5000 };
const POINT = { lon: -1.4776, lat: 52.9254 };

/** A valid value for each argument, so that only the one being tried is wrong. */
const VALID: Record<string, unknown> = {
  'Query.area.code': 'NORTH',
  'Query.ward.code': 'E05001770',
  'Query.lsoas.wardCode': 'E05001770',
  'Query.wards.filter': { areaCode: 'NORTH', nameContains: 'a' },
  'Query.areas.boundarySet': 'ons-wards-2013',
  'Query.area.asOf': '2020-06-01',
  'Query.locate.lon': POINT.lon,
  'Query.locate.lat': POINT.lat,
  'Query.locateMany.points': [POINT],
  'Query.policeNeighbourhood.id': '1',
  'Query.policeNeighbourhoods.force': 'derbyshire',
  'Query.alignmentOverlay.force': 'derbyshire',
  'Query.boundaryAlignment.from': '2018-12',
  'Query.boundaryAlignment.to': '2018-12',
  'Query.boundaryAlignment.force': 'derbyshire',
  'Query.hotspots.input': GRID,
  'Query.hotspots.significantOnly': false,
  'Query.hotspotTrend.input': GRID,
  'Query.persistentHotspots.input': GRID,
  'Query.persistentHotspots.months': 1,
  'Query.persistentHotspots.minSignificantMonths': 1,
  'Query.hotspotAccuracy.input': GRID,
  'Query.hotspotAccuracy.testFrom': '2018-12',
  'Query.hotspotAccuracy.testTo': '2018-12',
  'Query.incidents.filter': { from: '2018-12', to: '2018-12' },
  'Query.incidents.first': 2,
  'Query.clusters.input': { from: '2018-12', to: '2018-12', epsMetres: 50, minPoints: 30 },
  'Query.crossBoundaryIssues.input': GRID,
  'Query.crossBoundaryIssues.level': 'WARD',
  'Query.crossBoundaryIssues.epsMetres': 100,
  'Query.crossBoundaryIssues.minPoints': 10,
  'Query.crossBoundaryIssues.includeClusters': false,
  'Query.dataQuality.from': '2018-12',
  'Query.dataQuality.to': '2018-12',
  'Query.taskEffect.taskId': '999999999',
  'Query.taskEffect.months': 3,
  // A month over a small polygon: the analyses stay small while one field at a time is wrong.
  'Query.problemsNotResolved.input': {
    from: '2018-12',
    to: '2018-12',
    cellSizeMetres: 5000,
    within: {
      type: 'Polygon',
      coordinates: [
        [
          [-1.48, 52.92],
          [-1.47, 52.92],
          [-1.47, 52.93],
          [-1.48, 52.93],
          [-1.48, 52.92],
        ],
      ],
    },
  },
  // k: 1 is refused before the search, which keeps the other arguments' cases fast.
  'Query.proposeAreaGrouping.k': 1,
  'Mutation.reportIssue.input': { category: 'fly-tipping', ...POINT, description: 'bad-input suite' },
  'Mutation.updateIssueStatus.id': '1',
  'Mutation.updateIssueStatus.status': 'CLOSED',
  'Mutation.setWardAreas.assignments': [{ wardCode: 'E05001781', areaCode: 'NORTH' }],
  // Agencies, boards and neighbourhood plans: ids that name nothing, so the one wrong argument
  // is refused before anything else and nothing needs making first.
  'Mutation.createAgency.input': { code: 'BAD_INPUT_SUITE', name: 'bad-input suite', kind: 'VOLUNTARY' },
  'Mutation.setCategoryOwner.category': 'graffiti',
  'Mutation.setCategoryOwner.agency': 'STREETPRIDE',
  'Mutation.setCategoryOwner.targetDays': 10,
  'Mutation.createBoard.input': { name: 'bad-input suite', units: [{ level: 'AREA', code: 'NORTH' }] },
  'Mutation.addBoardMember.boardId': '999999',
  'Mutation.addBoardMember.input': { role: 'RESIDENT', name: 'bad-input suite' },
  'Mutation.removeBoardMember.id': '999999',
  'Mutation.recordMeeting.boardId': '999999',
  'Mutation.recordMeeting.input': { heldOn: '2025-01-01', notes: 'bad-input suite' },
  'Mutation.createNeighbourhoodPlan.boardId': '999999',
  'Mutation.createNeighbourhoodPlan.year': 2026,
  'Mutation.createNeighbourhoodPlan.title': 'bad-input suite',
  'Mutation.addPlanPriority.planId': '999999',
  'Mutation.addPlanPriority.input': {
    title: 'bad-input suite',
    categories: ['burglary'],
    place: { area: 'NORTH' },
    leadAgency: 'POLICE',
    targetChangePercent: -20,
  },
  'Mutation.removePlanPriority.id': '999999',
  'Query.board.id': '999999',
  'Query.neighbourhoodPlan.id': '999999',
  // Tasks: a current ward as the place, so that each other field's wrong values are what refuses.
  'Query.task.id': '1',
  'Query.tasks.first': 2,
  'Query.taskingView.board': '1',
  'Query.taskDraft.place': { ward: 'E05015507' },
  'Mutation.createTask.input': {
    place: { ward: 'E05015507' },
    agency: 'STREETPRIDE',
    ownerRole: 'AGENCY_OFFICER',
    dueOn: '2100-01-01',
  },
  'Mutation.updateTaskStatus.id': '1',
  'Mutation.updateTaskStatus.status': 'IN_PROGRESS',
};

const BOWTIE = {
  type: 'Polygon',
  coordinates: [
    [
      [-1.5, 52.9],
      [-1.46, 52.94],
      [-1.46, 52.9],
      [-1.5, 52.94],
      [-1.5, 52.9],
    ],
  ],
};
const base64 = (text: string) => Buffer.from(text).toString('base64url');

/** Wrong values by the argument's named type. */
const WRONG: Record<string, unknown[]> = {
  String: [
    '',
    ' ',
    'x'.repeat(3000),
    'x'.repeat(10_001),
    "'; DROP TABLE ward; --",
    '" OR 1=1 --',
    'NUL\u0000byte',
    '😀🏴',
    '../../../etc/passwd',
    '<script>alert(1)</script>',
    '0000-01',
    '0001-01',
    '9999-12',
    '2018-13',
    // Days for asOf: not a calendar day, and one before every boundary set held.
    '2023-02-30',
    '2001-01-01',
    base64('0000-01|1'),
    base64('2018-12|99999999999999999999'),
    42,
    null,
  ],
  Int: [-1, 0, 1, 100_000, 2_147_483_647, -2_147_483_648, 2_147_483_648, 1.5, '7', null],
  Float: [-1, 0, -0, 1e-300, 1e308, -1e308, Number.NaN, Number.POSITIVE_INFINITY, 'north', null],
  ID: ['0', '-1', 'abc', '1.5', '', '99999999999999999999', '9223372036854775808', 'NUL\u0000', null],
  Boolean: ['yes', 1, null],
  DateTimeISO: ['1900-01-01T00:00:00Z', '2999-01-01T00:00:00Z', 'yesterday', '', '2018-02-30T00:00:00Z'],
  GeoJSON: [
    {},
    'not json',
    '{"type":"Polygon"',
    { type: 'Polygon' },
    {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    },
    {
      type: 'Polygon',
      coordinates: [
        [
          [-1.5, 52.9],
          [-1.4, 52.9],
          [-1.4, 53],
          [-1.5, 53],
        ],
      ],
    },
    {
      type: 'Polygon',
      coordinates: [
        [
          [-1.5, 52.9],
          [500, 52.9],
          [-1.4, 53],
          [-1.5, 52.9],
        ],
      ],
    },
    BOWTIE,
    {
      type: 'Polygon',
      coordinates: [
        [
          [-2.5, 52],
          [-0.5, 53.5],
          [-0.5, 52],
          [-2.5, 53.5],
          [-2.5, 52],
        ],
      ],
    },
    { type: 'Point', coordinates: [-1.47, 52.92] },
    {
      type: 'Polygon',
      coordinates: [
        Array.from({ length: 20_001 }, (_, i) => [-1.5 + (i % 2) * 1e-6, 52.9 + i * 1e-6]).concat([[-1.5, 52.9]]),
      ],
    },
  ],
};

const listCases = (item: unknown): unknown[] => [[], Array.from({ length: 10_001 }, () => item), [null]];

/** A plain value of a list's items, where no valid sample was given. */
const ITEM: Record<string, unknown> = { String: 'x', Float: 1, Int: 1, ID: '1', Boolean: true };

/** The wrong values for an argument of this type (lists get their own besides their items'). */
function wrongFor(type: GraphQLInputType, sample: unknown): unknown[] {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const named = getNamedType(inner);
    const item = Array.isArray(sample) ? sample[0] : isEnumType(named) ? named.getValues()[0].name : ITEM[named.name];
    return [...listCases(item), ...wrongFor(inner.ofType, item).map((v) => [v])];
  }
  const named = getNamedType(type);
  if (isEnumType(named)) {
    return ['NOPE', '', 3, null];
  }
  if (isScalarType(named)) {
    return WRONG[named.name] ?? [];
  }
  return ['a string', 7, null];
}

interface Case {
  field: string;
  at: string;
  value: unknown;
  variables: Record<string, unknown>;
}

function typeText(type: GraphQLInputType): string {
  return String(type);
}

/** One operation per root field, every argument a variable, selecting only __typename. */
function operationOf(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const vars = field.args.map((a) => `$${a.name}: ${typeText(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind}${vars ? ` (${vars})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

function casesOf(schema: GraphQLSchema): { op: string; cases: Case[] }[] {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const;
  return roots.flatMap(([kind, root]) =>
    Object.values(root?.getFields() ?? {}).map((field) => {
      const name = `${root?.name}.${field.name}`;
      const valid: Record<string, unknown> = Object.fromEntries(
        field.args.filter((a) => `${name}.${a.name}` in VALID).map((a) => [a.name, VALID[`${name}.${a.name}`]]),
      );
      const cases: Case[] = [];
      const tryArg = (arg: GraphQLArgument) => {
        const named = getNamedType(arg.type);
        if (isInputObjectType(named)) {
          const sample = (valid[arg.name] ?? {}) as Record<string, unknown>;
          const whole = Array.isArray(valid[arg.name]) ? (valid[arg.name] as Record<string, unknown>[])[0] : sample;
          const wrap = (v: Record<string, unknown>) => (Array.isArray(valid[arg.name]) ? [v] : v);
          for (const inner of Object.values(named.getFields())) {
            for (const value of wrongFor(inner.type, whole[inner.name])) {
              cases.push({
                field: name,
                at: `${arg.name}.${inner.name}`,
                value,
                variables: { ...valid, [arg.name]: wrap({ ...whole, [inner.name]: value }) },
              });
            }
          }
          for (const value of [
            'a string',
            7,
            null,
            ...(isListType(isNonNullType(arg.type) ? arg.type.ofType : arg.type) ? listCases(whole) : []),
          ]) {
            cases.push({ field: name, at: arg.name, value, variables: { ...valid, [arg.name]: value } });
          }
          return;
        }
        for (const value of wrongFor(arg.type, valid[arg.name])) {
          cases.push({ field: name, at: arg.name, value, variables: { ...valid, [arg.name]: value } });
        }
      };
      field.args.forEach(tryArg);
      return { op: operationOf(kind, field), cases };
    }),
  );
}

async function writes(db: Db): Promise<string> {
  const [row] = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM incident) AS incidents, (SELECT count(*) FROM incident_status_change) AS steps,
            (SELECT count(*) FROM ward_area_change) AS moves, (SELECT count(*) FROM ward) AS wards,
            (SELECT string_agg(code || area_code, ',' ORDER BY code) FROM ward) AS grouping,
            (SELECT count(*) FROM agency) + (SELECT count(*) FROM board) + (SELECT count(*) FROM board_unit)
              + (SELECT count(*) FROM board_member) + (SELECT count(*) FROM board_meeting)
              + (SELECT count(*) FROM neighbourhood_plan) + (SELECT count(*) FROM plan_priority) AS tasking,
            (SELECT string_agg(slug || service || coalesce(target_days::text, '-'), ',' ORDER BY slug)
               FROM incident_category) AS owners,
            (SELECT count(*) FROM task) AS tasks, (SELECT count(*) FROM task_status_change) AS "taskSteps"`,
  );
  return JSON.stringify(row);
}

const show = (value: unknown) => {
  const text = JSON.stringify(value, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  return text && text.length > 60 ? `${text.slice(0, 60)}… (${text.length} characters)` : text;
};

describe('every argument of every query and mutation, given bad input', () => {
  let client: Awaited<ReturnType<typeof graphqlClient>>;

  beforeAll(async () => {
    client = await graphqlClient({ development: false });
  });

  afterAll(async () => {
    await client.stop();
  });

  it('answers with a stable code, no internals, and writes nothing when it refuses', async () => {
    const schema = await buildHubSchema();
    const failures: string[] = [];
    let tried = 0;
    for (const { op, cases } of casesOf(schema)) {
      for (const c of cases) {
        tried += 1;
        const outcome = await inRolledBackTransaction(suite.dataSource, async (tx) => {
          // One snapshot for the whole case: on a server other suites commit rows meanwhile, and
          // only this call's own writes may change what the counts see.
          await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
          const before = await writes(tx);
          await tx.query('SAVEPOINT bad_input');
          const result: GraphQLResult<unknown> = await client.run(tx, op, c.variables, ADMIN);
          // A statement that failed leaves the transaction aborted: a refusal must come before SQL.
          const after = await writes(tx).catch(async () => {
            await tx.query('ROLLBACK TO SAVEPOINT bad_input');
            return 'a statement failed';
          });
          return { result, wrote: after !== before, failedStatement: after === 'a statement failed' };
        });
        const errors = outcome.result.errors ?? [];
        const where = `${c.field} ${c.at} = ${show(c.value)}`;
        for (const e of errors) {
          const code = e.extensions?.code as string;
          if (!ALLOWED.includes(code)) {
            failures.push(`${where}: ${code} "${e.message.slice(0, 200)}"`);
          }
          if (e.extensions?.stacktrace || INTERNALS.test(e.message)) {
            failures.push(`${where}: internals in "${e.message.slice(0, 200)}"`);
          }
        }
        if (outcome.failedStatement) {
          failures.push(`${where}: a statement failed in the database`);
        } else if (errors.length > 0 && outcome.wrote) {
          failures.push(`${where}: refused but wrote`);
        }
      }
    }
    expect(tried).toBeGreaterThan(500);
    expect(failures).toEqual([]);
  }, 600_000);

  // GraphQL's Float takes 1e400 written into a query as Infinity (a variable cannot carry it).
  it.each([
    '{ locate(lon: 1e400, lat: 52.9) { ward { code } } }',
    '{ locateMany(points: [{ lon: -1.47, lat: -1e400 }]) { index } }',
    '{ hotspots(input: { from: "2018-12", to: "2018-12", cellSizeMetres: 1e400 }) { warnings } }',
    '{ hotspots(input: { from: "2018-12", to: "2018-12", bandMetres: 1e400 }) { warnings } }',
    '{ hotspots(input: { from: "2018-12", to: "2018-12", bbox: [-1e400, 52, 1e400, 53] }) { warnings } }',
    '{ clusters(input: { from: "2018-12", to: "2018-12", epsMetres: 1e400 }) { count } }',
    '{ ward(code: "E05001770") { geometry(simplifyMetres: 1e400) } }',
    '{ incidents(filter: { bbox: [-1.5, 52.9, 1e400, 53] }) { totalCount } }',
  ])('refuses an infinity written into the query: %s', async (query) => {
    const result = await client.run(suite.db, query, undefined, ADMIN);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});
