import type { MultiPolygon } from 'geojson';

import type { Db } from '../db/db';
import { checkRowId } from '../db/row-id';
import { splice, sqlFile } from '../db/sql';
import { InvalidFollowUpError, NotFoundError } from '../errors';
import type { HubContext } from '../graphql/context';

import { EFFECT_MONTHS, type EffectCounts, type EffectFigures, effectWindows, judgeEffect } from './effect';
import type { ProblemTask, TaskEffect } from './resolved.types';
import { TaskStatus } from './tasking.types';

/** A task as effect-tasks.sql reads it. */
export interface TaskRow {
  id: string;
  title: string;
  agencyCode: string;
  status: string;
  dueOn: string;
  createdAt: Date;
  closedAt: Date | null;
  categories: string[];
  overdue: boolean;
  footprint: MultiPolygon;
  latestMonth: string | null;
}

const sql = (name: string) => sqlFile(__dirname, name);

/** Tasks and the incidents counted for their effect: the only place that SQL runs. */
export class EffectService {
  constructor(private readonly db: Db) {}

  tasks(ids: readonly string[]): Promise<TaskRow[]> {
    return this.db.query<TaskRow>(splice(sql('effect-tasks'), { TASK_COLUMNS: sql('effect-task-columns') }), [ids]);
  }

  /** Counts for each task over its windows (months as YYYY-MM). */
  counts(
    windows: { id: string; before: { from: string; to: string }; after: { from: string; to: string } }[],
  ): Promise<(EffectCounts & { id: string })[]> {
    const day = (m: string) => `${m}-01`;
    return this.db.query(sql('effect-counts'), [
      windows.map((w) => w.id),
      windows.map((w) => day(w.before.from)),
      windows.map((w) => day(w.before.to)),
      windows.map((w) => day(w.after.from)),
      windows.map((w) => day(w.after.to)),
    ]);
  }
}

/** How taskEffect computes, for the result. */
const METHOD =
  'Difference in differences on incident counts: the months whole months before the month the task was created and after the month it closed (the months of work in neither), inside its footprint and in the rest of the city (every other incident of those months), its categories or all. Ratio of ratios (insideAfter/insideBefore) ÷ (outsideAfter/outsideBefore); significance by a conditional exact binomial test, one-sided at 5 %; at least 10 incidents inside and 10 outside in each period to judge.';

/**
 * Judges done tasks in one counting statement.
 * @param rows done tasks (closedAt set)
 * @returns by task id
 */
export async function judgeTasks(db: Db, rows: readonly TaskRow[], months: number): Promise<Map<string, TaskEffect>> {
  const windows = rows.map((r) => ({ id: r.id, ...effectWindows(r.createdAt, r.closedAt as Date, months) }));
  const counted = windows.length > 0 ? await new EffectService(db).counts(windows) : [];
  const byId = new Map(counted.map((c) => [c.id, c]));
  const out = new Map<string, TaskEffect>();
  rows.forEach((row, k) => {
    const w = windows[k];
    const c = byId.get(row.id) ?? { insideBefore: 0, insideAfter: 0, outsideBefore: 0, outsideAfter: 0 };
    const complete = row.latestMonth !== null && row.latestMonth >= w.after.to;
    const figures: EffectFigures = judgeEffect(
      {
        insideBefore: c.insideBefore,
        insideAfter: c.insideAfter,
        outsideBefore: c.outsideBefore,
        outsideAfter: c.outsideAfter,
      },
      months,
      complete,
    );
    out.set(row.id, {
      ...figures,
      taskId: row.id,
      title: row.title,
      agency: row.agencyCode,
      status: row.status,
      dueOn: row.dueOn,
      createdAt: row.createdAt.toISOString(),
      closedAt: (row.closedAt as Date).toISOString(),
      categories: row.categories,
      footprint: row.footprint,
      months,
      beforeFrom: w.before.from,
      beforeTo: w.before.to,
      afterFrom: w.after.from,
      afterTo: w.after.to,
      latestMonth: row.latestMonth,
      method: METHOD,
    });
  });
  return out;
}

/**
 * Did it work? A done task's incidents before and after against the rest of the city.
 * @throws NOT_FOUND for a task the hub does not hold; BAD_USER_INPUT for a task not done, or
 *   months outside EFFECT_MONTHS
 */
export async function taskEffect(ctx: HubContext, taskId: string, months: number): Promise<TaskEffect> {
  checkMonths('months', months);
  const id = checkRowId(taskId, 'a task', 'taskId');
  const [row] = await new EffectService(ctx.db).tasks([id]);
  if (!row) {
    throw new NotFoundError(`no task has id ${taskId}`);
  }
  if (row.status !== TaskStatus.DONE || !row.closedAt) {
    throw new InvalidFollowUpError(
      'taskId',
      'a task that is done (only a finished task can be judged)',
      `task ${id}, ${row.status}`,
    );
  }
  return (await judgeTasks(ctx.db, [row], months)).get(id) as TaskEffect;
}

/** @throws BAD_USER_INPUT for a number of months outside EFFECT_MONTHS */
export function checkMonths(field: string, months: number): void {
  if (!(Number.isInteger(months) && months >= EFFECT_MONTHS.min && months <= EFFECT_MONTHS.max)) {
    throw new InvalidFollowUpError(
      field,
      `a whole number of months from ${EFFECT_MONTHS.min} to ${EFFECT_MONTHS.max}`,
      months,
    );
  }
}

/** A task as the problems list shows it, with its effect when it is done. */
export function problemTask(row: TaskRow, effect: TaskEffect | undefined): ProblemTask {
  return {
    taskId: row.id,
    title: row.title,
    agency: row.agencyCode,
    status: row.status,
    dueOn: row.dueOn,
    closedAt: row.closedAt ? row.closedAt.toISOString() : null,
    overdue: row.overdue,
    effect: effect?.verdict ?? null,
    effectReading: effect?.reading ?? null,
  };
}
