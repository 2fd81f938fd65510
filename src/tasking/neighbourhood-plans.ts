import {
  AlreadyExistsError,
  InvalidPlaceError,
  LimitExceededError,
  NotFoundError,
  UnknownCategoryError,
} from '../errors';
import type { HubContext } from '../graphql/context';
import { monthBound } from '../incidents/period';

import { checkAgency } from './agencies';
import { AgenciesService } from './agencies.service';
import { loadBoard } from './boards';
import { BoardsService } from './boards.service';
import {
  MAX_NAME,
  MAX_PRIORITY_CATEGORIES,
  NeighbourhoodPlan,
  PlanPriority,
  type PlanPriorityInput,
  type PriorityProgress,
  TARGET_RANGE,
} from './boards.types';
import {
  type NeighbourhoodPlanRow,
  NeighbourhoodPlansService,
  type PlanPriorityRow,
} from './neighbourhood-plans.service';
import { resolvePlace } from './place';
import { progressOf } from './progress';
import { refusingDuplicates, requiredText, serialId } from './tasking-input';

/** The years a plan may be for (CHK_neighbourhood_plan_year). */
const YEARS = [2000, 2100] as const;

/** The place kinds a priority keeps (CHK_plan_priority_place_kind), with why others are refused. */
const PRIORITY_PLACES = [
  'hotspot',
  'cluster',
  'cross_boundary',
  'polygon',
  'ward',
  'area',
  'policeNeighbourhood',
  'board',
];

export const toPlan = (row: NeighbourhoodPlanRow): NeighbourhoodPlan => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
});

export const toPriority = (row: PlanPriorityRow): PlanPriority => ({ ...row });

async function loadPlan(plans: NeighbourhoodPlansService, id: string, name = 'id'): Promise<NeighbourhoodPlanRow> {
  const missing = `no neighbourhood plan has ${name} ${id}; a board's plans list them`;
  const [row] = await plans.byIds([serialId(id, 'a neighbourhood plan', name, missing)]);
  if (!row) {
    throw new NotFoundError(missing);
  }
  return row;
}

export async function readNeighbourhoodPlan(ctx: HubContext, id: string): Promise<NeighbourhoodPlan> {
  return toPlan(await loadPlan(new NeighbourhoodPlansService(ctx.db), id));
}

/**
 * Adds a board's plan for a year, recording the caller: one plan per board and year.
 * @throws NotFoundError for an unknown board; LimitExceededError for a year outside 2000 to 2100
 *   or a bad title; AlreadyExistsError when the board has a plan for the year
 */
export async function createNeighbourhoodPlan(
  ctx: HubContext,
  boardId: string,
  year: number,
  title: string,
): Promise<NeighbourhoodPlan> {
  if (!Number.isInteger(year) || year < YEARS[0] || year > YEARS[1]) {
    throw new LimitExceededError('year', `a calendar year from ${YEARS[0]} to ${YEARS[1]}`, year);
  }
  const text = requiredText('title', title, MAX_NAME);
  const duplicate = `board ${boardId} already has a neighbourhood plan for ${year}: one plan per board and year; add priorities to it`;
  const row = await refusingDuplicates(
    () =>
      ctx.transact(async (db) => {
        await loadBoard(new BoardsService(db), boardId, 'boardId');
        const plans = new NeighbourhoodPlansService(db);
        const existing = await plans.forYear(boardId, year);
        if (existing !== undefined) {
          throw new AlreadyExistsError(`${duplicate} (plan ${existing})`);
        }
        return loadPlan(plans, await plans.insert(boardId, year, text, ctx.caller.identity));
      }),
    duplicate,
  );
  return toPlan(row);
}

/**
 * Adds a priority to a plan: its place is kept as a footprint (resolvePlace), so progress is
 * counted in the same place whatever the analysis that found it answers later.
 * @throws NotFoundError for an unknown plan, agency or place; UnknownCategoryError;
 *   LimitExceededError for a bad title, too many categories or a target out of range;
 *   InvalidPlaceError for a place a yearly target cannot be kept on (a street-scene report)
 */
export async function addPlanPriority(
  ctx: HubContext,
  planId: string,
  input: PlanPriorityInput,
): Promise<PlanPriority> {
  const title = requiredText('title', input.title, MAX_NAME);
  const target = input.targetChangePercent;
  if (!Number.isFinite(target) || target < TARGET_RANGE[0] || target > TARGET_RANGE[1]) {
    throw new LimitExceededError(
      'targetChangePercent',
      `from ${TARGET_RANGE[0]} to ${TARGET_RANGE[1]} (per cent on the year before; -20 for down 20 %)`,
      target,
    );
  }
  const categories = [...new Set(input.categories)].sort();
  if (categories.length > MAX_PRIORITY_CATEGORIES) {
    throw new LimitExceededError('categories', `at most ${MAX_PRIORITY_CATEGORIES} slugs`, categories.length);
  }
  const plans = new NeighbourhoodPlansService(ctx.db);
  await loadPlan(plans, planId, 'planId');
  const agencies = new AgenciesService(ctx.db);
  const known = new Set(await agencies.knownCategories(categories));
  const unknown = categories.filter((c) => !known.has(c));
  if (unknown.length > 0) {
    throw new UnknownCategoryError(unknown.map((c) => c.slice(0, 64)));
  }
  await checkAgency(agencies, input.leadAgency, 'leadAgency');
  const place = await resolvePlace(ctx, input.place);
  if (!PRIORITY_PLACES.includes(place.kind)) {
    throw new InvalidPlaceError(
      `place must be a hot spot, cluster, cross-boundary issue, drawn polygon, ward, area, police neighbourhood or board, got ${place.label}: a priority's target is counted on a place over a year, not on one incident`,
    );
  }
  return ctx.transact(async (db) => {
    const inTx = new NeighbourhoodPlansService(db);
    // Read again on the transaction: the plan may have gone since the checks above.
    await loadPlan(inTx, planId, 'planId');
    const id = await inTx.insertPriority({
      planId,
      title,
      categories,
      placeKind: place.kind,
      placeRef: place.ref,
      footprint: place.footprint,
      leadAgency: input.leadAgency,
      targetChangePercent: target,
    });
    return toPriority((await inTx.priorities([planId])).find((p) => p.id === id) as PlanPriorityRow);
  });
}

/**
 * Removes a priority from its plan.
 * @returns the plan, without it
 * @throws NotFoundError for an unknown priority
 */
export async function removePlanPriority(ctx: HubContext, id: string): Promise<NeighbourhoodPlan> {
  const missing = `no plan priority has id ${id}; a plan's priorities list them`;
  serialId(id, 'a plan priority', 'id', missing);
  return ctx.transact(async (db) => {
    const plans = new NeighbourhoodPlansService(db);
    const planId = await plans.deletePriority(id);
    if (planId === undefined) {
      throw new NotFoundError(missing);
    }
    return toPlan(await loadPlan(plans, planId));
  });
}

/**
 * A priority's progress, counted from incidents (one statement for every priority of a request
 * asking for the same month).
 * @param through the last month to count, YYYY-MM; null for the latest month the hub holds
 * @throws InvalidPeriodError for a malformed month
 */
export async function priorityProgress(
  ctx: HubContext,
  priority: PlanPriority,
  through: string | null,
): Promise<PriorityProgress> {
  const row = await ctx.loaders.progress.load({ priorityId: priority.id, through: monthBound('through', through) });
  if (!row) {
    throw new NotFoundError(`plan priority ${priority.id} has gone`);
  }
  return progressOf({
    year: row.year,
    to: row.to,
    current: row.current,
    baseline: row.baseline,
    target: priority.targetChangePercent,
  });
}
