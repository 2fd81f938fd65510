import { checkRowId } from '../db/row-id';
import { InvalidDateError, LimitExceededError, NotFoundError } from '../errors';
import { BoundarySets, checkDay, today } from '../geography/boundary-sets';
import { createContext, type HubContext } from '../graphql/context';

import type { AllocationResult, AllocationRule } from './allocation.types';
import { computeAllocation } from './allocation-analysis';
import type { NeedLevel } from './need.types';
import {
  type AllocationPlan,
  type LineChange,
  MAX_PLAN_NOTE,
  MAX_PLAN_TITLE,
  MAX_PLANS,
  type PlanComparison,
  type SavePlanInput,
} from './plan.types';
import { comparePlans, type StoredAllocation } from './plan-compare';
import { type PlanRow, PlansService } from './plans.service';

/** The earliest decision date taken: the council's first priority neighbourhoods were chosen in the 2000s. */
const EARLIEST_DECISION = '2000-01-01';

/** Trims a required text and checks its length. */
function requiredText(name: string, value: string, max: number): string {
  const text = value.trim();
  if (text.length === 0 || text.length > max) {
    throw new LimitExceededError(name, `from 1 to ${max} characters (spaces at either end not counted)`, text.length);
  }
  return text;
}

function decisionDay(value: string | null | undefined): string {
  const day = today();
  if (value === null || value === undefined) {
    return day;
  }
  checkDay(value, 'decidedOn');
  if (value > day || value < EARLIEST_DECISION) {
    throw new InvalidDateError(`decidedOn must be from ${EARLIEST_DECISION} to today (${day}, UTC), got ${value}`);
  }
  return value;
}

function toPlan(row: PlanRow): AllocationPlan {
  return {
    id: row.id,
    title: row.title,
    decidedBy: row.decidedBy,
    decidedOn: row.decidedOn,
    note: row.note,
    recordedBy: row.recordedBy,
    recordedAt: row.recordedAt.toISOString(),
    level: row.level as NeedLevel,
    boundarySet: row.boundarySet,
    input: JSON.stringify(row.input),
    allocation: row.output as AllocationResult,
    dataChangedSince: row.dataChangedSince,
  };
}

async function loadPlan(plans: PlansService, id: string, name = 'id'): Promise<AllocationPlan> {
  const [row] = await plans.byIds([checkRowId(id, 'a plan', name)]);
  if (!row) {
    throw new NotFoundError(`no saved plan has ${name} ${id}; the plans query lists them`);
  }
  return toPlan(row);
}

/**
 * Saves an allocation as a dated plan: checks the plan's own fields, computes the allocation
 * from its input (refusing what proposeAllocation refuses) and stores input and answer, all in
 * one transaction, so a refused plan writes nothing. Returns the plan as stored.
 * @throws LimitExceededError for an empty or long title, decidedBy or note; InvalidDateError for
 *   a decision day that is not a day, is in the future or before 2000; the errors of
 *   computeAllocation
 */
export async function savePlan(ctx: HubContext, input: SavePlanInput): Promise<AllocationPlan> {
  const title = requiredText('title', input.title, MAX_PLAN_TITLE);
  const decidedBy = requiredText('decidedBy', input.decidedBy, MAX_PLAN_TITLE);
  const note = input.note?.trim() || null;
  if (note && note.length > MAX_PLAN_NOTE) {
    throw new LimitExceededError('note', `at most ${MAX_PLAN_NOTE} characters`, note.length);
  }
  const decidedOn = decisionDay(input.decidedOn);
  return ctx.transact(async (db) => {
    // The allocation is computed on the transaction, so the data version stored beside it is
    // read with the writes that could have moved it.
    const output = await computeAllocation(createContext(db, ctx.caller), input.allocation);
    const plans = new PlansService(db);
    const id = await plans.insert({
      title,
      decidedBy,
      decidedOn,
      note,
      level: output.parameters.level,
      boundarySet: output.parameters.boundarySet,
      input: input.allocation,
      output,
      recordedBy: ctx.caller.identity,
    });
    return loadPlan(plans, id);
  });
}

/** One saved plan, as saved. @throws LimitExceededError for an id the hub never hands out; NotFoundError */
export function readPlan(ctx: HubContext, id: string): Promise<AllocationPlan> {
  return loadPlan(new PlansService(ctx.db), id);
}

/**
 * Saved plans, latest decision first.
 * @throws LimitExceededError for first outside 1 to MAX_PLANS; NotFoundError for a ward set not held
 */
export async function listPlans(
  ctx: HubContext,
  level: NeedLevel | null,
  boundarySet: string | null,
  first: number,
): Promise<AllocationPlan[]> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PLANS) {
    throw new LimitExceededError('first', `from 1 to ${MAX_PLANS}`, first);
  }
  if (boundarySet !== null) {
    new BoundarySets(await ctx.geography.boundarySets()).choose({ boundarySet });
  }
  const rows = await new PlansService(ctx.db).list(level, boundarySet, first);
  return rows.map(toPlan);
}

/**
 * A plan against an earlier one: the one given, or else the latest plan of the same level and
 * ward set decided before it.
 * @throws LimitExceededError for a malformed id; NotFoundError for a plan not saved
 */
export async function comparePlan(ctx: HubContext, id: string, previousId: string | null): Promise<PlanComparison> {
  if (previousId !== null) {
    checkRowId(previousId, 'a plan', 'previousId');
  }
  const plans = new PlansService(ctx.db);
  const plan = await loadPlan(plans, id);
  const earlierId = previousId ?? (await plans.previousOf(plan.id));
  const previous = earlierId === null ? null : await loadPlan(plans, earlierId, previousId ? 'previousId' : 'id');
  if (previous === null) {
    return {
      plan,
      previous: null,
      inputChanges: [],
      lines: [],
      summary: `No plan of this level (${plan.level}) and ward set (${plan.boundarySet}) was decided before this one; nothing to compare.`,
    };
  }
  const comparison = comparePlans(
    previous.allocation as unknown as StoredAllocation,
    plan.allocation as unknown as StoredAllocation,
  );
  return {
    plan,
    previous,
    ...comparison,
    // The comparison works on stored JSON, where the enums are their string values.
    lines: comparison.lines.map((l) => ({
      ...l,
      change: l.change as LineChange,
      ruleBefore: l.ruleBefore as AllocationRule | null,
      ruleAfter: l.ruleAfter as AllocationRule | null,
    })),
  };
}
