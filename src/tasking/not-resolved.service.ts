import type { Geometry, MultiPolygon } from 'geojson';

import { seesExactPoints } from '../auth/caller';
import type { Db } from '../db/db';
import { sqlFile } from '../db/sql';
import { InvalidFollowUpError } from '../errors';
import { connectedPieces } from '../geography/contiguity';
import type { HubContext } from '../graphql/context';
import { crossBoundaryIssues } from '../hotspots/cross-boundary';
import { BoundaryLevel, CellShape, type HotspotInput, type PersistentCell } from '../hotspots/hotspots.types';
import { extentWithoutGaps } from '../hotspots/scope';
import { persistentHotspots } from '../hotspots/trends';
import { COVERAGE_THRESHOLD, coverageGaps, coverageWarning } from '../incidents/coverage';
import { IncidentsService } from '../incidents/incidents.service';
import { monthsOf, period, shifted } from '../incidents/period';

import { EFFECT_MONTHS, EffectVerdict } from './effect';
import { checkMonths, EffectService, judgeTasks, problemTask, type TaskRow } from './effect.service';
import { resolvePlace } from './place';
import {
  ProblemKind,
  ProblemReason,
  type ProblemsInput,
  type ProblemsNotResolved,
  type ProblemUnit,
  type UnresolvedProblem,
} from './resolved.types';
import { TaskStatus } from './tasking.types';

/** Most problems one answer returns. */
export const MAX_PROBLEMS = 500;

export const SCORE_RULE =
  'hot spots and cross-boundary issues: incidents in the place over the period; reports: days open ÷ target days (1 or more). Highest first.';

interface ReportRow {
  id: string;
  category: string;
  agency: string;
  reportedAt: Date;
  targetDays: number;
  daysOpen: number;
  wardCode: string | null;
  areaCode: string | null;
  geometry: Geometry;
  taskIds: string[];
}

const sql = (name: string) => sqlFile(__dirname, name);

/** The statements of the problems list besides the hot-spot analyses it reuses. */
export class NotResolvedService {
  constructor(private readonly db: Db) {}

  /** The data version the analyses rest on, and whether this transaction has written anything. */
  async analysisVersion(): Promise<{ version: string; clean: boolean }> {
    const [row] = await this.db.query<{ version: string; clean: boolean }>(sql('analysis-version'));
    return row;
  }

  async latestMonth(): Promise<string | null> {
    const [row] = await this.db.query<{ month: string | null }>(sql('latest-month'));
    return row.month;
  }

  /** For each place (1-based position), the ids of the tasks sharing ground with it. */
  async tasksOn(geometries: readonly Geometry[]): Promise<Map<number, string[]>> {
    const rows =
      geometries.length === 0
        ? []
        : await this.db.query<{ k: number; id: string }>(sql('problem-tasks'), [
            geometries.map((g) => JSON.stringify(g)),
          ]);
    const out = new Map<number, string[]>();
    for (const r of rows) {
      out.set(r.k, [...(out.get(r.k) ?? []), r.id]);
    }
    return out;
  }

  reportsPastTarget(
    extent: string | null,
    exactPoints: boolean,
    categories: string[] | null,
    first: number,
  ): Promise<ReportRow[]> {
    return this.db.query<ReportRow>(sql('reports-past-target'), [extent, exactPoints, categories, first]);
  }
}

/** A place the hot-spot analyses found, before its tasks are looked at. */
interface Place {
  kind: ProblemKind;
  geometry: Geometry;
  incidents: number;
  significantMonths: number | null;
  units: ProblemUnit[];
}

/** Contiguous persistent cells (queen contiguity on the square grid's i:j) as one hot spot each. */
export function persistentPlaces(cells: readonly PersistentCell[]): Place[] {
  const at = new Map(cells.map((c, k) => [c.id, k]));
  const pieces = connectedPieces(
    cells.map((_, k) => k),
    (k) => {
      const [i, j] = cells[k].id.split(':').map(Number);
      const near: number[] = [];
      for (const di of [-1, 0, 1]) {
        for (const dj of [-1, 0, 1]) {
          const n = at.get(`${i + di}:${j + dj}`);
          if (n !== undefined && n !== k) {
            near.push(n);
          }
        }
      }
      return near;
    },
  );
  return pieces.map((piece) => {
    const group = piece.map((k) => cells[k]);
    const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: group.map((c) => c.geometry.coordinates) };
    const codes = (level: string, of: (c: PersistentCell) => string[]) =>
      [...new Set(group.flatMap(of))].sort().map((code) => ({ level, code }));
    return {
      kind: ProblemKind.PERSISTENT_HOTSPOT,
      geometry,
      incidents: group.reduce((s, c) => s + (c.count ?? 0), 0),
      significantMonths: Math.max(...group.map((c) => c.significantMonths)),
      units: [...codes('ward', (c) => c.wardCodes), ...codes('area', (c) => c.areaCodes)],
    };
  });
}

/**
 * Why a place with these tasks is listed; empty when it is in hand. In hand: an open or
 * in-progress task not yet due, or a done task that brought a fall (LIKELY_WORKED) or is too
 * early to judge. Listed otherwise, and whenever a task is overdue.
 */
export function reasonsFor(tasks: readonly { row: TaskRow; effect: EffectVerdict | null }[]): {
  reasons: ProblemReason[];
  why: string[];
} {
  const open = tasks.filter((t) => t.row.status === TaskStatus.OPEN || t.row.status === TaskStatus.IN_PROGRESS);
  const overdue = open.filter((t) => t.row.overdue);
  const done = tasks.filter((t) => t.row.status === TaskStatus.DONE);
  const inHand =
    open.some((t) => !t.row.overdue) ||
    done.some((t) => t.effect === EffectVerdict.LIKELY_WORKED || t.effect === EffectVerdict.TOO_EARLY);
  const reasons: ProblemReason[] = [];
  const why: string[] = [];
  if (overdue.length > 0) {
    reasons.push(ProblemReason.OVERDUE_TASK);
    why.push(
      ...overdue.map(
        (t) =>
          `task ${t.row.id} (${t.row.agencyCode}) was due on ${t.row.dueOn} and is still ${t.row.status.replace('_', ' ')}`,
      ),
    );
  }
  if (!inHand && open.length === 0) {
    if (done.length === 0) {
      reasons.push(ProblemReason.NO_OPEN_TASK);
      why.push('no task has been set on it');
    } else {
      reasons.push(ProblemReason.FINISHED_WITHOUT_FALL);
      why.push(
        ...done.map((t) => `task ${t.row.id} (${t.row.agencyCode}) finished without a shown fall (${t.effect})`),
      );
    }
  }
  return { reasons, why };
}

/** Analyses kept, by data version and parameters; a few, as each holds a city's hot spots. */
const CACHE_SIZE = 8;
const cache = new Map<string, Place[]>();

/** Forgets every kept analysis: for a benchmark's first, cold, request. */
export function forgetAnalyses(): void {
  cache.clear();
}

/**
 * Persistent hot spots (contiguous persistent cells) and cross-boundary hot spots, from the
 * hot-spot analyses. They depend on incidents and geography only, so they are kept under the
 * data version (bumped by every change to those tables, as map tiles are) and the parameters:
 * a board list asked again before the data changes reuses them. Never from or into a
 * transaction that has written (its changes may roll back).
 */
async function analysedPlaces(
  ctx: HubContext,
  service: NotResolvedService,
  analysis: HotspotInput,
  months: number,
  minSignificantMonths: number,
  level: BoundaryLevel,
): Promise<Place[]> {
  const { version, clean } = await service.analysisVersion();
  const key = JSON.stringify([version, analysis, months, minSignificantMonths, level, seesExactPoints(ctx.caller)]);
  const kept = clean ? cache.get(key) : undefined;
  if (kept) {
    return kept;
  }
  const persistent = persistentPlaces(await persistentHotspots(ctx, analysis, months, minSignificantMonths));
  const crossing: Place[] = (await crossBoundaryIssues(ctx, analysis, level, null)).map((issue) => ({
    kind: ProblemKind.CROSS_BOUNDARY,
    geometry: issue.geometry,
    incidents: issue.incidents,
    significantMonths: null,
    units: issue.parties.map((party) => ({ level: party.level, code: party.code })),
  }));
  const places = [...persistent, ...crossing];
  if (clean) {
    cache.set(key, places);
    if (cache.size > CACHE_SIZE) {
      cache.delete(cache.keys().next().value as string);
    }
  }
  return places;
}

/**
 * Problems not being resolved, for a board: persistent hot spots and cross-boundary hot spots
 * with no task, an overdue task, or done tasks that brought no fall; and street-scene reports
 * open past their category's target. Ranked by SCORE_RULE.
 * @throws BAD_USER_INPUT for a bad period, months, cell size, effectMonths, first, or both a
 *   board and a polygon; NOT_FOUND for an unknown board
 */
export async function problemsNotResolved(ctx: HubContext, given: ProblemsInput): Promise<ProblemsNotResolved> {
  // The input's defaults, also when the whole input is left out.
  const input = {
    ...given,
    level: given.level ?? BoundaryLevel.WARD,
    cellSizeMetres: given.cellSizeMetres ?? 250,
    effectMonths: given.effectMonths ?? EFFECT_MONTHS.default,
    first: given.first ?? 100,
  };
  checkMonths('effectMonths', input.effectMonths);
  if (!(Number.isInteger(input.first) && input.first >= 1 && input.first <= MAX_PROBLEMS)) {
    throw new InvalidFollowUpError('first', `from 1 to ${MAX_PROBLEMS}`, input.first);
  }
  if (input.board && input.within) {
    throw new InvalidFollowUpError('board', 'given without within (one extent: a board or a polygon)', 'both');
  }
  const service = new NotResolvedService(ctx.db);
  const warnings: string[] = [];
  let to = input.to;
  if (!to) {
    const latest = await service.latestMonth();
    to = latest ?? new Date().toISOString().slice(0, 7);
    if (!latest) {
      warnings.push('the hub holds no incidents');
    }
  }
  const p = period(input.from ?? shifted({ from: to, to }, 11).from, to);
  const months = monthsOf(p).length;
  const minSignificantMonths = input.minSignificantMonths ?? Math.ceil((3 * months) / 4);
  const board = input.board ? await resolvePlace(ctx, { board: input.board }) : null;
  const within = board?.footprint ?? input.within ?? null;
  const analysis: HotspotInput = {
    boundarySet: null,
    from: p.from,
    to: p.to,
    categories: input.categories ?? null,
    sources: input.sources ?? null,
    areaCodes: null,
    wardCodes: null,
    bbox: null,
    within,
    cellShape: CellShape.SQUARE,
    cellSizeMetres: input.cellSizeMetres,
    bandMetres: null,
    fdr: true,
    coveredOnly: input.coveredOnly ?? false,
  };
  const places = await analysedPlaces(ctx, service, analysis, months, minSignificantMonths, input.level);
  const reports = await service.reportsPastTarget(
    within ? JSON.stringify(within) : null,
    seesExactPoints(ctx.caller),
    input.categories ?? null,
    input.first,
  );
  const onPlaces = await service.tasksOn(places.map((pl) => pl.geometry));
  const ids = [...new Set([...[...onPlaces.values()].flat(), ...reports.flatMap((r) => r.taskIds)])];
  const rows = ids.length > 0 ? await new EffectService(ctx.db).tasks(ids) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  // Done tasks are judged only where the listing rests on them: places with no open or
  // in-progress task (elsewhere an open task decides), in one counting statement.
  const judged = new Set<string>();
  for (const taskIds of onPlaces.values()) {
    const tasks = taskIds.map((id) => byId.get(id)).filter((r): r is TaskRow => r !== undefined);
    if (!tasks.some((t) => t.status === TaskStatus.OPEN || t.status === TaskStatus.IN_PROGRESS)) {
      tasks.filter((t) => t.status === TaskStatus.DONE && t.closedAt).forEach((t) => judged.add(t.id));
    }
  }
  const effects = await judgeTasks(
    ctx.db,
    rows.filter((r) => judged.has(r.id)),
    input.effectMonths,
  );
  const related = (taskIds: readonly string[]) =>
    taskIds
      .map((id) => byId.get(id))
      .filter((r): r is TaskRow => r !== undefined)
      .map((row) => ({ row, effect: effects.get(row.id) }));

  const problems: Omit<UnresolvedProblem, 'rank'>[] = [];
  places.forEach((place, k) => {
    const tasks = related(onPlaces.get(k + 1) ?? []);
    const { reasons, why } = reasonsFor(tasks.map((t) => ({ row: t.row, effect: t.effect?.verdict ?? null })));
    if (reasons.length > 0) {
      problems.push({
        ...place,
        reasons,
        why: why.join('; '),
        score: place.incidents,
        tasks: tasks.map((t) => problemTask(t.row, t.effect)),
        reportId: null,
        category: null,
        targetDays: null,
        daysOpen: null,
      });
    }
  });
  for (const report of reports) {
    const tasks = related(report.taskIds);
    const overdue = tasks.filter((t) => t.row.overdue);
    problems.push({
      kind: ProblemKind.REPORT_PAST_TARGET,
      geometry: report.geometry,
      incidents: 1,
      significantMonths: null,
      units: [
        ...(report.wardCode ? [{ level: 'ward', code: report.wardCode }] : []),
        ...(report.areaCode ? [{ level: 'area', code: report.areaCode }] : []),
      ],
      reasons: [ProblemReason.PAST_TARGET, ...(overdue.length > 0 ? [ProblemReason.OVERDUE_TASK] : [])],
      why: [
        `${report.category} report open ${Math.floor(report.daysOpen)} days against a target of ${report.targetDays} (${report.agency})`,
        ...overdue.map((t) => `task ${t.row.id} was due on ${t.row.dueOn}`),
      ].join('; '),
      score: report.daysOpen / report.targetDays,
      tasks: tasks.map((t) => problemTask(t.row, t.effect)),
      reportId: report.id,
      category: report.category,
      targetDays: report.targetDays,
      daysOpen: report.daysOpen,
    });
  }
  problems.sort((a, b) => b.score - a.score);
  if (reports.length === input.first) {
    warnings.push(`reports past target: only the ${input.first} furthest past their target were read`);
  }
  warnings.push(
    'cross-boundary issues are hot spots only (DBSCAN clusters are left out: crossBoundaryIssues lists them)',
  );
  // With coveredOnly the analyses above left these units out; without, they are warned of.
  const gaps = await coverageGaps(
    new IncidentsService(ctx.db),
    p,
    input.sources ?? null,
    within ? JSON.stringify(within) : null,
    COVERAGE_THRESHOLD,
  );
  const uncovered = input.coveredOnly ? null : coverageWarning(gaps);
  if (uncovered) {
    warnings.push(uncovered);
  }
  const extent = board ? board.label : within ? 'polygon' : 'whole city';
  return {
    parameters: {
      from: p.from,
      to: p.to,
      minSignificantMonths,
      level: input.level,
      cellSizeMetres: input.cellSizeMetres,
      effectMonths: input.effectMonths,
      extent: input.coveredOnly && gaps.length > 0 ? extentWithoutGaps(extent, gaps) : extent,
      scoreRule: SCORE_RULE,
    },
    problems: problems.slice(0, input.first).map((problem, k) => ({ ...problem, rank: k + 1 })),
    total: problems.length,
    warnings,
  };
}
