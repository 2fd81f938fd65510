import type { Role } from './roles';

type FromArgs = (args: Record<string, unknown>) => number;

/**
 * Who may read or call one field, and what it costs.
 * - `role`: the lowest role that may use it (every higher role may too).
 * - `cost`: points for resolving it once (default 1), or worked out from its arguments: the
 *   analyses cost hundreds to thousands, more for finer grids and more months.
 * - `size`: for a list, how many items to assume when pricing its children (a number, or read
 *   from the field's arguments, e.g. a page size); default 1.
 */
export interface FieldRule {
  role: Role;
  cost?: number | FromArgs;
  size?: number | FromArgs;
}

type TypeRules = Record<string, FieldRule>;

/** The same rule for several fields, named in one space-separated string. */
function all(role: Role, names: string, rule: Omit<FieldRule, 'role'> = {}): TypeRules {
  return Object.fromEntries(names.split(/\s+/).map((name) => [name, { role, ...rule }]));
}

const listOf = (size: number, cost = 1) => ({ size, cost });

/**
 * Cells of a grid relative to the default 250 m: a 25 m grid has 100 times as many. Sizes outside
 * the 25 to 5,000 m an analysis takes are priced as the nearest it takes, so that the analysis
 * itself refuses them, saying why.
 */
function gridFactor(args: Record<string, unknown>): number {
  const input = (args.input ?? {}) as { cellSizeMetres?: unknown };
  const given =
    typeof input.cellSizeMetres === 'number' && Number.isFinite(input.cellSizeMetres) ? input.cellSizeMetres : 250;
  const size = Math.min(5000, Math.max(25, given));
  return Math.max(1, (250 / size) ** 2);
}

/** Months of an analysis's period (each is a grid of its own in the monthly analyses). */
function monthsOf(args: Record<string, unknown>): number {
  const input = (args.input ?? {}) as { from?: unknown; to?: unknown };
  const month = (m: unknown) =>
    typeof m === 'string' && /^\d{4}-\d{2}$/.test(m) ? Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) : NaN;
  const n = month(input.to) - month(input.from) + 1;
  return Number.isFinite(n) && n > 0 ? n : 1;
}

/** A need index: four statements over every unit, the incident one reading each month of the period. */
const needCost = (args: Record<string, unknown>) => 100 + 10 * monthsOf(args);

const analysis = (points: number) => (args: Record<string, unknown>) => Math.ceil(points * gridFactor(args));
const lengthOf = (name: string, fallback: number) => (args: Record<string, unknown>) =>
  Array.isArray(args[name]) ? Math.max(1, args[name].length) : fallback;

/** A place's price: a hot-spot, cluster or cross-boundary place runs its analysis again. */
function placeCost(place: unknown): number {
  const p = (place ?? {}) as Record<string, { analysis?: unknown } | null | undefined>;
  if (p.crossBoundary) {
    return analysis(1500)({ input: p.crossBoundary.analysis });
  }
  if (p.hotspot) {
    return analysis(500)({ input: p.hotspot.analysis });
  }
  return p.cluster ? 1000 : 5;
}

const pageOf = (fallback: number) => (args: Record<string, unknown>) =>
  typeof args.first === 'number' && args.first > 0 ? args.first : fallback;

/**
 * Tasks (issue 13 item 3). A task names a place, an agency, a role and dates, not people, so
 * analysts (who read incidents and plans) read tasks and the weekly view. What people wrote or
 * did is for officers, as a street-scene report's workflow notes are: the outcome note and the
 * history (its notes may name residents or staff, and who moved the task is an audit detail),
 * and who created it. Creating and moving tasks, and drafting one (which runs the analysis a
 * computed place came from, for the form that creates it), are for officers.
 */
const TASKS = {
  Query: {
    task: { role: 'analyst', cost: 2 },
    tasks: { role: 'analyst', cost: 5, size: pageOf(20) },
    taskingView: { role: 'analyst', cost: 10 },
    taskDraft: { role: 'officer', cost: (args: Record<string, unknown>) => placeCost(args.place) },
  },
  Mutation: {
    createTask: {
      role: 'officer',
      cost: (args: Record<string, unknown>) => 20 + placeCost((args.input as { place?: unknown })?.place),
    },
    updateTaskStatus: { role: 'officer', cost: 20 },
  },
  types: {
    Task: {
      ...all(
        'analyst',
        'id title agency ownerRole boardId boardName dueOn status overdue source footprint unit categories createdAt closedAt',
      ),
      ...all('officer', 'outcome createdBy'),
      history: { role: 'officer', ...listOf(4) },
      incidents: { role: 'analyst', cost: 20 },
    },
    TaskSource: all('analyst', 'kind ref'),
    TaskUnit: all('analyst', 'level code'),
    TaskIncidents: { ...all('analyst', 'from to count'), incidents: { role: 'analyst', size: pageOf(20) } },
    TaskPage: { ...all('analyst', 'endCursor hasNextPage'), tasks: { role: 'analyst', size: pageOf(20) } },
    TaskingView: {
      ...all('analyst', 'boardId asOf weekStart weekEnd'),
      ...all('analyst', 'open overdue dueThisWeek doneLastWeek', listOf(50)),
    },
    TaskStatusChange: all('officer', 'from to changedAt changedBy note'),
    TaskDraft: all('officer', 'footprint source title agency unit categories agencyRule'),
  },
} satisfies { Query: TypeRules; Mutation: TypeRules; types: Record<string, TypeRules> };

/**
 * The access table: every field of every object type, with the lowest role that may use it.
 * A field that is not here is refused to everyone, administrators included, until a rule is
 * added (src/auth/enforce.ts checks every request against this table before anything runs, and
 * a test fails while any field of the schema is missing from it).
 *
 * In words: `public` (no credentials) reads geography, aggregated figures (counts from 1 to 4
 * suppressed), hot spots and the agencies; `analyst` also reads incidents at their published points (police.uk
 * points as published; street-scene reports at the centre of their 100 m cell), clusters,
 * cross-boundary issues, data quality, grouping proposals, saved plans, neighbourhood boards
 * with their plans, tasks and the weekly tasking view; `officer` also reads what residents wrote
 * and when (descriptions, exact times and points, workflow notes, tasks' outcomes and histories),
 * records and works street-scene reports, saves allocation plans, keeps boards' members, meetings
 * and neighbourhood plans, and creates and moves tasks; `admin` also changes the grouping of
 * wards, adds agencies, gives them categories and makes boards (imports and keys are administered
 * from the command line).
 */
export const POLICY: Record<string, TypeRules> = {
  Query: {
    areas: { role: 'public', size: 10 },
    area: { role: 'public' },
    wards: { role: 'public', size: 30 },
    ward: { role: 'public' },
    boundarySets: { role: 'public', size: 4 },
    wardChange: { role: 'public', cost: 5 },
    lsoas: { role: 'public', size: 30 },
    locate: { role: 'public', cost: 2 },
    locateMany: { role: 'public', cost: 5, size: lengthOf('points', 1) },
    categories: { role: 'public', size: 40 },
    policeNeighbourhoods: { role: 'public', size: 30 },
    policeNeighbourhood: { role: 'public' },
    alignmentOverlay: { role: 'public', cost: 50 },
    boundaryAlignment: { role: 'public', cost: 200 },
    hotspots: { role: 'public', cost: analysis(500) },
    hotspotTrend: { role: 'public', cost: (args) => Math.ceil(200 * monthsOf(args) * gridFactor(args)), size: 50 },
    persistentHotspots: {
      role: 'public',
      cost: (args) =>
        Math.ceil(200 * (typeof args.months === 'number' ? Math.max(1, args.months) : 1) * gridFactor(args)),
      size: 200,
    },
    hotspotAccuracy: { role: 'public', cost: analysis(1000) },
    incidents: {
      role: 'analyst',
      cost: 10,
      size: (args) => (typeof args.first === 'number' && args.first > 0 ? args.first : 100),
    },
    clusters: { role: 'analyst', cost: 1000, size: 200 },
    clusterAnalysis: { role: 'analyst', cost: 1000 },
    crossBoundaryIssues: { role: 'analyst', cost: analysis(1500), size: 100 },
    crossBoundaryAnalysis: { role: 'analyst', cost: analysis(2000) },
    dataQuality: { role: 'analyst', cost: 50, size: 10 },
    proposeAreaGrouping: { role: 'analyst', cost: 5000 },
    // IMD and population are open data; incident components follow the small-count rules.
    need: { role: 'public', cost: needCost },
    priorityNeighbourhoods: { role: 'public', cost: needCost },
    // The ranking's cost, and the pairing search over up to 2^20 splits.
    proposeAllocation: {
      role: 'public',
      cost: (args) => needCost({ input: (args.input as { priority?: unknown })?.priority }) + 50,
    },
    // Saved decisions are the council's and the police's own working papers: analysts and above.
    plan: { role: 'analyst', cost: 5 },
    plans: {
      role: 'analyst',
      cost: 5,
      size: (args) => (typeof args.first === 'number' && args.first > 0 ? args.first : 20),
    },
    planComparison: { role: 'analyst', cost: 10 },
    // Tasking: agencies, boards and neighbourhood plans (issue 13). Which public body owns which
    // kind of incident is public (categories already say it); boards, with their members' names,
    // meeting notes and plans, are the partnership's working papers: analysts and above, as saved
    // allocation plans are.
    agencies: { role: 'public', size: 20 },
    boards: { role: 'analyst', size: 30 },
    board: { role: 'analyst' },
    neighbourhoodPlan: { role: 'analyst', cost: 2 },
    // Tasks (issue 13): see TASKS below.
    ...TASKS.Query,
    // Did it work, and what is not being resolved (issue 13): tasks are the partners' own working
    // papers, read by analysts as saved plans are; the figures are counts, never points, so no
    // officer-only detail shows (a report's point is its published one below officer).
    taskEffect: { role: 'analyst', cost: 20 },
    problemsNotResolved: {
      role: 'analyst',
      cost: (args) => {
        const input = (args.input ?? {}) as { from?: unknown; to?: unknown; cellSizeMetres?: unknown };
        // A persistent analysis (one grid a month) and a cross-boundary one; a year when from is left out.
        const months = typeof input.from === 'string' ? monthsOf({ input }) : 12;
        return Math.ceil(200 * (months + 1) * gridFactor({ input })) + 100;
      },
    },
  },
  Mutation: {
    reportIssue: { role: 'officer', cost: 20 },
    updateIssueStatus: { role: 'officer', cost: 20 },
    setWardAreas: { role: 'admin', cost: 200 },
    // Deciding where posts and money go is for neighbourhood managers: officers and above.
    savePlan: {
      role: 'officer',
      cost: (args) =>
        needCost({ input: (args.input as { allocation?: { priority?: unknown } })?.allocation?.priority }) + 70,
    },
    // Who exists and who owns what is the administrators' (as the grouping of wards is); the work
    // of a board (members, meetings, plans and their priorities) is its officers'.
    createAgency: { role: 'admin', cost: 10 },
    setCategoryOwner: { role: 'admin', cost: 10 },
    createBoard: { role: 'admin', cost: 20 },
    createWardBoards: { role: 'admin', cost: 50, size: 30 },
    addBoardMember: { role: 'officer', cost: 10 },
    removeBoardMember: { role: 'officer', cost: 10 },
    recordMeeting: { role: 'officer', cost: 10 },
    createNeighbourhoodPlan: { role: 'officer', cost: 10 },
    // Resolving the place may test a drawn polygon against the city.
    addPlanPriority: { role: 'officer', cost: 30 },
    removePlanPriority: { role: 'officer', cost: 10 },
    ...TASKS.Mutation,
  },

  // Geography: public.
  Area: {
    ...all('public', 'code name description population geometry boundarySet'),
    wards: { role: 'public', ...listOf(10) },
    deprivation: { role: 'public', cost: 2 },
    stats: { role: 'public', cost: 10 },
  },
  Ward: {
    ...all('public', 'code name areaSqKm centroid area population geometry boundarySet validFrom validTo'),
    neighbours: { role: 'public', ...listOf(8) },
    successors: { role: 'public', ...listOf(6) },
    predecessors: { role: 'public', ...listOf(6) },
    lsoas: { role: 'public', ...listOf(20) },
    deprivation: { role: 'public', cost: 2 },
    stats: { role: 'public', cost: 10 },
  },
  Lsoa: {
    ...all(
      'public',
      'code name populationMid2020 populationMid2015 areaSqKm ward population geometry validFrom validTo',
    ),
    deprivation: { role: 'public', cost: 2 },
  },
  LsoaDeprivation: { ...all('public', 'edition imd'), domains: { role: 'public', ...listOf(8) } },
  LsoaDeprivationFigure: all('public', 'domain score rank decile'),
  DeprivationSummary: {
    ...all('public', 'edition populationBasis lsoaCount imd'),
    domains: { role: 'public', ...listOf(8) },
  },
  DeprivationMeasure: all(
    'public',
    'domain averageScore averageRank populationShareInDeciles1And2 lsoasInMostDeprived10Percent lsoasInMostDeprived20Percent worstDecile',
  ),
  Location: all('public', 'index lon lat policeNeighbourhood ward area lsoa boundarySet'),
  BoundarySet: all('public', 'id kind vintage validFrom validTo current lsoaSet source licence'),
  WardShare: all('public', 'ward landSqKm landShare residents residentsShare'),
  WardChange: {
    ...all('public', 'ward boundarySet method'),
    successors: { role: 'public', ...listOf(6) },
    // Monthly counts, unsuppressed: for analysts, as incidents are.
    figures: { role: 'analyst', cost: 20 },
  },
  WardChangeShare: {
    ...all('public', 'ward landShare residentsShare residentsShareOfCurrent'),
    ...all('analyst', 'incidents incidentsShare'),
  },
  WardChangeFigures: {
    ...all('analyst', 'from to total observed estimated'),
    months: { role: 'analyst', ...listOf(24) },
  },
  WardChangeMonth: all('analyst', 'month count estimated'),

  // Aggregated figures: public, with counts from 1 to 4 suppressed for public callers.
  IncidentStats: {
    ...all(
      'public',
      'from to total ratePer1000 ratePer1000Low ratePer1000High previousYearTotal change changePercent openIssues openIssuesMedianAgeDays disclosure boundarySet monthsNotOnSet',
    ),
    byCategory: { role: 'public', ...listOf(20) },
    byMonth: { role: 'public', ...listOf(24) },
  },
  CategoryCount: all('public', 'count category'),
  MonthCount: all('public', 'month count'),
  IncidentCategory: all('public', 'slug name kind service policeName targetDays agency'),

  // Police neighbourhoods and alignment: public (land and residents; incident counts suppressed).
  PoliceNeighbourhood: {
    ...all('public', 'id code name force synthetic geometry'),
    wards: { role: 'public', ...listOf(6) },
    stats: { role: 'public', cost: 10 },
  },
  WardOverlap: all('public', 'ward share'),
  BoundaryAlignment: {
    ...all('public', 'force from to boundarySet monthsNotOnSet score measure disclosure'),
    pairs: { role: 'public', ...listOf(50) },
    areas: { role: 'public', ...listOf(10) },
    wards: { role: 'public', ...listOf(30) },
  },
  AlignmentPair: all(
    'public',
    'area policeNeighbourhood landSqKm shareOfArea shareOfNeighbourhood population incidents',
  ),
  AreaAlignment: {
    ...all('public', 'area population score'),
    policeNeighbourhoods: { role: 'public', ...listOf(6) },
    neighbourhoods: { role: 'public', ...listOf(6) },
  },
  WardAlignment: {
    ward: { role: 'public' },
    policeNeighbourhoods: { role: 'public', ...listOf(4) },
    neighbourhoods: { role: 'public', ...listOf(4) },
  },
  NeighbourhoodShare: all('public', 'policeNeighbourhood share'),

  // Hot spots: public, cell counts from 1 to 4 suppressed for public callers.
  HotspotResult: {
    ...all('public', 'parameters warnings disclosure'),
    cells: { role: 'public', ...listOf(1000) },
  },
  HotspotParameters: all(
    'public',
    'from to categories sources extent cellShape cellSizeMetres bandMetres bandRule fdr significantOnly boundarySet',
  ),
  HotspotCell: {
    ...all('public', 'id geometry count zScore pValue fdrPValue confidence neighbourCount'),
    wards: { role: 'public', ...listOf(3) },
    areas: { role: 'public', ...listOf(2) },
  },
  HotspotTrend: {
    ...all(
      'public',
      'geometry cells total significantMonths trend mannKendallS mannKendallZ mannKendallPValue wardCodes boundarySet',
    ),
    months: { role: 'public', ...listOf(36) },
  },
  MonthTally: all('public', 'month count'),
  PersistentCell: all('public', 'id geometry count significantMonths wardCodes areaCodes boundarySet'),
  HotspotAccuracy: all(
    'public',
    'flaggedCells totalCells areaShare testIncidents capturedIncidents hitRate pai boundarySet',
  ),

  // Need and priority: public (IMD and population are open data; an incident component resting on
  // a count from 1 to 4 is withheld from public callers, its raw, standardised and interval values
  // all, and the index interval with it).
  NeedResult: { parameters: { role: 'public' }, units: { role: 'public', ...listOf(30) } },
  NeedParameters: {
    ...all('public', 'level boundarySet edition preset standardisation from to monthsNotOnSet method disclosure'),
    weights: { role: 'public', ...listOf(13) },
  },
  NeedWeight: all('public', 'component weight measure higherIsMoreNeed'),
  NeedUnit: {
    ...all(
      'public',
      'code name index indexLow indexHigh separatedFromAbove separatedFromBelow imd nationalDecile lsoaCount',
    ),
    components: { role: 'public', ...listOf(13) },
  },
  NeedComponentValue: all('public', 'component raw standardised rawLow rawHigh weight count'),
  PriorityResult: {
    ...all('public', 'parameters n tierMethod red amber tieRule'),
    entries: { role: 'public', ...listOf(30) },
  },
  PriorityEntry: all('public', 'rank priority tier unit'),
  // An allocation rests on the same index as the ranking, so it is public too.
  AllocationResult: {
    ...all('public', 'parameters n tieRule posts dedicated pairing budget method totals'),
    lines: { role: 'public', ...listOf(20) },
    warnings: { role: 'public', ...listOf(5) },
  },
  AllocationLine: all('public', 'rank code name need posts pounds rule pair pairLink why'),
  AllocationPair: all('public', 'code name'),
  AllocationTotals: all('public', 'units posts pounds'),
  AllocationBudget: all('public', 'total floor'),
  AllocationPlan: {
    ...all(
      'analyst',
      'id title decidedBy decidedOn note recordedAt level boundarySet input allocation dataChangedSince',
    ),
    // Who saved it is an audit detail, as who moved a report along its workflow is.
    recordedBy: { role: 'officer' },
  },
  PlanComparison: {
    ...all('analyst', 'plan previous summary'),
    inputChanges: { role: 'analyst', ...listOf(13) },
    lines: { role: 'analyst', ...listOf(25) },
  },
  PlanLineChange: all(
    'analyst',
    'code name change rankBefore rankAfter postsBefore postsAfter poundsBefore poundsAfter ruleBefore ruleAfter pairBefore pairAfter what',
  ),

  // Did it work / problems not being resolved (issue 13): analysts, as the queries are.
  TaskEffect: all(
    'analyst',
    'taskId task title agency status dueOn createdAt closedAt categories footprint months beforeFrom beforeTo afterFrom afterTo latestMonth insideBefore insideAfter outsideBefore outsideAfter insideBeforeRate insideAfterRate outsideBeforeRate outsideAfterRate insideRatio outsideRatio ratioOfRatios changePercent pFall pRise verdict reading method',
  ),
  ProblemsNotResolved: {
    ...all('analyst', 'parameters total warnings'),
    problems: { role: 'analyst', ...listOf(100) },
  },
  ProblemsParameters: all('analyst', 'from to minSignificantMonths level cellSizeMetres effectMonths extent scoreRule'),
  UnresolvedProblem: {
    ...all(
      'analyst',
      'rank kind reasons why score geometry incidents significantMonths reportId category targetDays daysOpen',
    ),
    units: { role: 'analyst', ...listOf(6) },
    tasks: { role: 'analyst', ...listOf(3) },
  },
  ProblemUnit: all('analyst', 'level code'),
  ProblemTask: all('analyst', 'taskId task title agency status dueOn closedAt overdue effect effectReading'),

  // Point-level analyses: analysts.
  Cluster: {
    ...all(
      'analyst',
      'id key hull centroid count firstMonth lastMonth boundarySet minPoints minPointsRule extentShare coversMostOfExtent',
    ),
    categories: { role: 'analyst', ...listOf(10) },
    boundaries: { role: 'analyst', ...listOf(10) },
  },
  ClusterResult: { clusters: { role: 'analyst', ...listOf(200) }, warnings: { role: 'analyst' } },
  CrossBoundaryResult: { issues: { role: 'analyst', ...listOf(100) }, warnings: { role: 'analyst' } },
  CategoryTally: all('analyst', 'category count'),
  BoundaryShare: all('analyst', 'level code name count share'),
  CrossBoundaryIssue: {
    ...all(
      'analyst',
      'key kind geometry incidents significance score lead boundarySet minPoints minPointsRule coversMostOfExtent',
    ),
    parties: { role: 'analyst', ...listOf(5) },
  },
  DataQuality: {
    ...all('analyst', 'from to'),
    sources: { role: 'analyst', ...listOf(10) },
    // Reads every incident of the extent and period, as a cluster analysis does.
    snapping: { role: 'analyst', cost: 500, size: 5 },
  },
  SourceSnapping: all(
    'analyst',
    'source snapped snappedRule incidents distinctPoints meanPerPoint medianPerPoint maxPerPoint spacingMetres',
  ),
  SourceQuality: all('analyst', 'source rows monthsPresent monthsMissing rowsWithoutLocation lsoaMismatches coverage'),
  // Coverage (issue 15): where a source has no data, as analysts read dataQuality.
  SourceCoverage: {
    ...all('analyst', 'firstMonth lastMonth startsInPeriod stopsInPeriod rule'),
    gaps: { role: 'analyst', ...listOf(20) },
  },
  CoverageGap: { ...all('analyst', 'level code name basis'), months: { role: 'analyst', ...listOf(12) } },
  CoverageGapMonth: all('analyst', 'month cityCount expected probabilityOfNone'),
  ProposedGrouping: {
    ...all('analyst', 'weight method examined score currentScore boundarySet'),
    areas: { role: 'analyst', ...listOf(5) },
    moves: { role: 'analyst', ...listOf(20) },
  },
  ProposedArea: { area: { role: 'analyst' }, wards: { role: 'analyst', ...listOf(10) } },
  WardMoveResult: all('analyst', 'ward from to'),

  // Incidents: analysts see them at their published points; what residents wrote is for officers.
  IncidentConnection: all('analyst', 'totalCount edges pageInfo'),
  IncidentEdge: all('analyst', 'cursor node'),
  PageInfo: all('analyst', 'hasNextPage hasPreviousPage startCursor endCursor'),
  Incident: {
    ...all(
      'analyst',
      'id source crimeId month point location outcome status category synthetic ward area currentWard currentArea lsoa policeNeighbourhood',
    ),
    ...all('officer', 'occurredAt description'),
    statusHistory: { role: 'officer', ...listOf(5) },
  },
  StatusChange: all('officer', 'from to changedAt note changedBy'),

  ...TASKS.types,

  // Changing the grouping: administrators.
  WardAreasResult: {
    ...all('admin', 'changeSet incidentsReassigned boundarySet'),
    moves: { role: 'admin', ...listOf(20) },
  },

  // Agencies, boards and neighbourhood plans: agencies public, the rest analysts (see Query).
  Agency: all('public', 'code name kind'),
  Board: {
    ...all('analyst', 'id name createdAt'),
    // Who did it is an audit detail, as AllocationPlan.recordedBy is.
    createdBy: { role: 'officer' },
    units: { role: 'analyst', ...listOf(20) },
    members: { role: 'analyst', ...listOf(15) },
    meetings: { role: 'analyst', ...listOf(20) },
    plans: { role: 'analyst', ...listOf(5) },
  },
  BoardUnit: all('analyst', 'level code name'),
  BoardMember: all('analyst', 'id role name agency'),
  BoardMeeting: { ...all('analyst', 'id heldOn notes'), recordedBy: { role: 'officer' } },
  NeighbourhoodPlan: {
    ...all('analyst', 'id board year title createdAt'),
    createdBy: { role: 'officer' },
    priorities: { role: 'analyst', ...listOf(8) },
  },
  PlanPriority: {
    ...all('analyst', 'id title categories placeKind placeRef footprint leadAgency targetChangePercent'),
    // Two counts inside a footprint over up to two years of incidents.
    progress: { role: 'analyst', cost: 20 },
  },
  PriorityProgress: all(
    'analyst',
    'from to baselineFrom baselineTo count baselineCount changePercent targetChangePercent status reading',
  ),
};

/** The rule for a field, or undefined when none is declared (and the field is refused). */
export function ruleFor(typeName: string, fieldName: string): FieldRule | undefined {
  return Object.prototype.hasOwnProperty.call(POLICY, typeName) &&
    Object.prototype.hasOwnProperty.call(POLICY[typeName], fieldName)
    ? POLICY[typeName][fieldName]
    : undefined;
}

/** The most a single request may cost, by role; a public caller can run one hot-spot analysis. */
export const MAX_COST: Record<Role, number> = {
  public: 20_000,
  analyst: 100_000,
  officer: 100_000,
  admin: 200_000,
};

/** Points a caller may spend per minute, by role (see src/auth/rate-limit.ts). */
export const BUDGET_PER_MINUTE: Record<Role, number> = {
  public: 60_000,
  analyst: 600_000,
  officer: 600_000,
  admin: 1_200_000,
};
