import DataLoader from 'dataloader';

import { seesExactPoints } from '../auth/caller';
import { checkRowId } from '../db/row-id';
import {
  IllegalStatusChangeError,
  InvalidCursorError,
  InvalidDateError,
  LimitExceededError,
  NotFoundError,
  UnknownCategoryError,
} from '../errors';
import { checkDay, today } from '../geography/boundary-sets';
import { createContext, type HubContext } from '../graphql/context';
import type { Incident } from '../incidents/incidents.types';
import { period } from '../incidents/period';

import { type ResolvedPlace, resolvePlace } from './place';
import { type TaskRow, TasksService } from './task.service';
import {
  type CreateTaskInput,
  MAX_TASK_INCIDENTS,
  MAX_TASK_NOTE,
  MAX_TASK_TITLE,
  MAX_TASKS,
  type Task,
  type TaskDraft,
  type TaskIncidents,
  type TaskingView,
  type TaskPage,
  type TaskStatusChange,
} from './task.types';
import { addDays, canMove, closes, overdueOn, TRANSITIONS, weekLists, weekOf } from './task-rules';
import { type MemberRole, type PlaceInput, TaskStatus, type UnitLevel } from './tasking.types';

/** A status as the API names it (OPEN, IN_PROGRESS, …). */
const nameOf = (status: TaskStatus) => status.toUpperCase();

/** A task row as the API shows it, its overdue flag as of `day`. */
export function toTask(row: TaskRow, day = today()): Task {
  const status = row.status as TaskStatus;
  return {
    id: row.id,
    title: row.title,
    agencyCode: row.agencyCode,
    agency: row.agency,
    ownerRole: row.ownerRole as MemberRole,
    boardId: row.boardId,
    boardName: row.boardName,
    dueOn: row.dueOn,
    status,
    overdue: overdueOn({ status, dueOn: row.dueOn, createdOn: row.createdOn, closedOn: row.closedOn }, day),
    outcome: row.outcome,
    source: { kind: row.sourceKind, ref: row.sourceRef },
    footprint: row.footprint,
    unit: row.unitLevel && row.unitCode ? { level: row.unitLevel as UnitLevel, code: row.unitCode } : null,
    categories: row.categories,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
  };
}

async function loadTask(tasks: TasksService, id: string): Promise<Task> {
  const [row] = await tasks.byIds([checkRowId(id, 'a task')]);
  if (!row) {
    throw new NotFoundError(`no task has id ${id}; the tasks query lists them`);
  }
  return toTask(row);
}

/** A board id checked and found. @throws LimitExceededError for a malformed id; NotFoundError */
async function checkBoard(tasks: TasksService, id: string, name: string): Promise<number> {
  const board = Number(checkRowId(id, 'a board', name));
  if (board > 2 ** 31 - 1 || !(await tasks.board(board))) {
    throw new NotFoundError(`${name}: no board has id ${id}; the boards query lists them`);
  }
  return board;
}

function draftOf(place: ResolvedPlace): TaskDraft {
  return {
    footprint: place.footprint,
    source: { kind: place.kind, ref: place.ref },
    title: `Act on ${place.label}`.slice(0, MAX_TASK_TITLE),
    agency: place.agency,
    unit: place.unit,
    categories: place.categories,
    agencyRule:
      place.kind === 'report'
        ? "the agency owning the report's category"
        : ['hotspot', 'cluster', 'cross_boundary'].includes(place.kind)
          ? place.agency
            ? 'the agency owning the category with the most incidents of the analysis inside the footprint'
            : 'none: the analysis counts no incident inside the footprint; give agency'
          : 'none: this kind of place names no agency; give agency',
  };
}

/** What a task made from a place would be, written nowhere. @throws resolvePlace's errors */
export async function taskDraft(ctx: HubContext, place: PlaceInput): Promise<TaskDraft> {
  return draftOf(await resolvePlace(ctx, place));
}

/**
 * Creates a task: checks its own fields, makes its place into a footprint and fills in what was
 * not given from the place, all in one transaction that writes nothing when anything is refused.
 * The creation is the first entry of its history, by the caller.
 * @throws LimitExceededError for a bad title or no agency to be had; InvalidDateError for a due
 *   day that is not a day or is before today (UTC); UnknownCategoryError; NotFoundError for an
 *   unknown agency or board; resolvePlace's errors
 */
export async function createTask(ctx: HubContext, input: CreateTaskInput): Promise<Task> {
  const title = input.title?.trim();
  if (title !== undefined && (title.length === 0 || title.length > MAX_TASK_TITLE)) {
    throw new LimitExceededError(
      'title',
      `from 1 to ${MAX_TASK_TITLE} characters (spaces at either end not counted)`,
      title.length,
    );
  }
  checkDay(input.dueOn, 'dueOn');
  const day = today();
  if (input.dueOn < day) {
    throw new InvalidDateError(`dueOn must be today (${day}, UTC) or later, got ${input.dueOn}`);
  }
  const categories = input.categories ? [...new Set(input.categories)] : null;
  if (categories) {
    const found = await ctx.loaders.categoryBySlug.loadMany(categories);
    const unknown = categories.filter((_, k) => !found[k] || found[k] instanceof Error);
    if (unknown.length > 0) {
      throw new UnknownCategoryError(unknown);
    }
  }
  return ctx.transact(async (db) => {
    const tasks = new TasksService(db);
    if (input.agency && !(await tasks.agencyExists(input.agency))) {
      throw new NotFoundError(
        `agency: no agency has code ${JSON.stringify(input.agency.slice(0, 64))}; the agencies query lists them`,
      );
    }
    const boardId = input.board ? await checkBoard(tasks, input.board, 'board') : null;
    const place = await resolvePlace(createContext(db, ctx.caller), input.place);
    const agency = input.agency ?? place.agency;
    if (!agency) {
      throw new LimitExceededError('agency', `given when the place names none (${place.label} does not)`, 'none');
    }
    const draft = draftOf(place);
    const id = await tasks.insert({
      title: title ?? draft.title,
      agency,
      ownerRole: input.ownerRole,
      boardId: boardId ?? (place.kind === 'board' ? Number(place.ref) : null),
      dueOn: input.dueOn,
      sourceKind: place.kind,
      sourceRef: place.ref,
      footprint: place.footprint,
      unitLevel: place.unit?.level ?? null,
      unitCode: place.unit?.code ?? null,
      categories: categories ?? place.categories,
      createdBy: ctx.caller.identity,
    });
    return loadTask(tasks, id);
  });
}

/**
 * Moves a task along its workflow (task-rules.ts TRANSITIONS), recording who and when; closing
 * it (DONE, CANCELLED) needs a note, kept as its outcome.
 * @throws LimitExceededError for a malformed id or a missing or long note; NotFoundError;
 *   IllegalStatusChangeError for a move the workflow does not allow
 */
export async function updateTaskStatus(
  ctx: HubContext,
  id: string,
  status: TaskStatus,
  note: string | null,
): Promise<Task> {
  checkRowId(id, 'a task');
  const text = note?.trim() || null;
  if (text && text.length > MAX_TASK_NOTE) {
    throw new LimitExceededError('note', `at most ${MAX_TASK_NOTE} characters`, text.length);
  }
  return ctx.transact(async (db) => {
    const tasks = new TasksService(db);
    const from = (await tasks.lockStatus(id)) as TaskStatus | undefined;
    if (!from) {
      throw new NotFoundError(`no task has id ${id}; the tasks query lists them`);
    }
    if (!canMove(from, status)) {
      const allowed = TRANSITIONS[from].map(nameOf);
      throw new IllegalStatusChangeError(
        `status cannot change from ${nameOf(from)} to ${nameOf(status)}: from ${nameOf(from)} ${allowed.length > 0 ? `it may become ${allowed.join(' or ')}` : 'it is final'}`,
      );
    }
    if (closes(status) && !text) {
      throw new LimitExceededError('note', `the outcome when a task becomes ${nameOf(status)}`, 'none');
    }
    await tasks.setStatus(id, from, status, text, closes(status), ctx.caller.identity);
    return loadTask(tasks, id);
  });
}

export function readTask(ctx: HubContext, id: string): Promise<Task> {
  return loadTask(new TasksService(ctx.db), id);
}

const CURSOR_PREFIX = 'task:';

function decodeTaskCursor(after: string): string {
  const text = Buffer.from(after, 'base64url').toString('utf8');
  const id = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : '';
  if (!/^[1-9]\d{0,18}$/.test(id)) {
    throw new InvalidCursorError(after.slice(0, 64));
  }
  return id;
}

export interface TaskFilter {
  board: string | null;
  agency: string | null;
  status: TaskStatus | null;
  overdue: boolean | null;
  first: number;
  after: string | null;
}

/**
 * Tasks newest first, filtered, a page at a time.
 * @throws LimitExceededError for first outside 1 to MAX_TASKS or a malformed board id;
 *   InvalidCursorError; NotFoundError for an unknown board or agency
 */
export async function listTasks(ctx: HubContext, f: TaskFilter): Promise<TaskPage> {
  if (!Number.isInteger(f.first) || f.first < 1 || f.first > MAX_TASKS) {
    throw new LimitExceededError('first', `from 1 to ${MAX_TASKS}`, f.first);
  }
  const afterId = f.after === null ? null : decodeTaskCursor(f.after);
  const tasks = new TasksService(ctx.db);
  const boardId = f.board === null ? null : await checkBoard(tasks, f.board, 'board');
  if (f.agency !== null && !(await tasks.agencyExists(f.agency))) {
    throw new NotFoundError(`agency: no agency has code ${JSON.stringify(f.agency.slice(0, 64))}`);
  }
  const day = today();
  const rows = await tasks.list(
    { boardId, agency: f.agency, status: f.status, overdue: f.overdue, today: day, afterId },
    f.first + 1,
  );
  const page = rows.slice(0, f.first);
  return {
    tasks: page.map((r) => toTask(r, day)),
    hasNextPage: rows.length > f.first,
    endCursor:
      page.length > 0 ? Buffer.from(`${CURSOR_PREFIX}${page[page.length - 1].id}`).toString('base64url') : null,
  };
}

/**
 * A board's weekly tasking view for the week (Monday to Sunday, UTC) containing `day` (default
 * today), as things stood at the end of that day: one statement, sorted by task-rules.ts.
 * @throws LimitExceededError for a malformed board id; NotFoundError; InvalidDateError
 */
export async function taskingView(ctx: HubContext, board: string, day: string | null): Promise<TaskingView> {
  const asOf = day === null ? today() : checkDay(day, 'date');
  const tasks = new TasksService(ctx.db);
  const boardId = await checkBoard(tasks, board, 'board');
  const { monday, sunday } = weekOf(asOf);
  const rows = await tasks.week(boardId, addDays(monday, -7), monday, sunday);
  const all = rows.map((r) => toTask(r));
  const week = weekLists(
    rows.map((r) => ({ status: r.status as TaskStatus, dueOn: r.dueOn, createdOn: r.createdOn, closedOn: r.closedOn })),
    asOf,
  );
  const pick = (ks: number[]) => ks.map((k) => all[k]);
  return {
    boardId: String(boardId),
    asOf,
    weekStart: week.monday,
    weekEnd: week.sunday,
    open: pick(week.open),
    overdue: pick(week.overdue),
    dueThisWeek: pick(week.dueThisWeek),
    doneLastWeek: pick(week.doneLastWeek),
  };
}

const historyLoaders = new WeakMap<HubContext, DataLoader<string, TaskStatusChange[]>>();

/** A task's status history, oldest first: one statement per request for every task asked. */
export function taskHistory(ctx: HubContext, id: string): Promise<TaskStatusChange[]> {
  let loader = historyLoaders.get(ctx);
  if (!loader) {
    const tasks = new TasksService(ctx.db);
    loader = new DataLoader(async (ids: readonly string[]) => {
      const rows = await tasks.history(ids);
      return ids.map((i) =>
        rows
          .filter((r) => r.taskId === i)
          .map((r) => ({
            from: r.from as TaskStatus | null,
            to: r.to as TaskStatus,
            changedAt: r.changedAt,
            changedBy: r.changedBy,
            note: r.note,
          })),
      );
    });
    historyLoaders.set(ctx, loader);
  }
  return loader.load(id);
}

const month = (day: string) => day.slice(0, 7);

/**
 * Incidents inside a task's footprint, of its categories, over months: by default from the
 * month it was created to the month it closed (or this month).
 * @throws LimitExceededError for first outside 0 to MAX_TASK_INCIDENTS; InvalidPeriodError
 */
export async function taskIncidents(
  ctx: HubContext,
  task: Task,
  first: number,
  from: string | null,
  to: string | null,
): Promise<TaskIncidents> {
  if (!Number.isInteger(first) || first < 0 || first > MAX_TASK_INCIDENTS) {
    throw new LimitExceededError('first', `from 0 to ${MAX_TASK_INCIDENTS}`, first);
  }
  const p = period(
    from ?? month(task.createdAt.toISOString()),
    to ?? month(task.closedAt ? task.closedAt.toISOString() : today()),
  );
  const found = await new TasksService(ctx.db).incidents(task.id, `${p.from}-01`, `${p.to}-01`, first);
  const rows = found.ids.length > 0 ? await ctx.incidents.byId(found.ids, seesExactPoints(ctx.caller)) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    from: p.from,
    to: p.to,
    count: found.count,
    incidents: found.ids.map((i) => byId.get(i) as unknown as Incident),
  };
}
