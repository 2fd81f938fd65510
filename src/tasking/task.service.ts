import type { MultiPolygon } from 'geojson';

import type { Db } from '../db/db';
import { splice, sqlFile } from '../db/sql';

import type { AgencyKind } from './tasking.types';

/** A task as stored, with its agency and its board's name. */
export interface TaskRow {
  id: string;
  title: string;
  agencyCode: string;
  agency: { code: string; name: string; kind: AgencyKind };
  ownerRole: string;
  boardId: string | null;
  boardName: string | null;
  dueOn: string;
  status: string;
  outcome: string | null;
  sourceKind: string;
  sourceRef: string | null;
  footprint: MultiPolygon;
  unitLevel: string | null;
  unitCode: string | null;
  categories: string[];
  createdBy: string;
  createdAt: Date;
  closedAt: Date | null;
  /** UTC calendar days, for the weekly view's rules. */
  createdOn: string;
  closedOn: string | null;
}

export interface TaskChangeRow {
  taskId: string;
  from: string | null;
  to: string;
  changedBy: string;
  changedAt: Date;
  note: string | null;
}

export interface NewTask {
  title: string;
  agency: string;
  ownerRole: string;
  boardId: number | null;
  dueOn: string;
  sourceKind: string;
  sourceRef: string | null;
  footprint: MultiPolygon;
  unitLevel: string | null;
  unitCode: string | null;
  categories: string[];
  createdBy: string;
}

export interface TaskFilterParams {
  boardId: number | null;
  agency: string | null;
  status: string | null;
  overdue: boolean | null;
  today: string;
  afterId: string | null;
}

const sql = (name: string) => sqlFile(__dirname, name);
const withColumns = (name: string) => splice(sql(name), { TASK_COLUMNS: sql('task-columns') });

/** Tasks and their status history: the only place their SQL runs. */
export class TasksService {
  constructor(private readonly db: Db) {}

  async agencyExists(code: string): Promise<boolean> {
    return (await this.db.query(sql('task-agency'), [code])).length > 0;
  }

  async board(id: number): Promise<{ id: string; name: string } | undefined> {
    const [row] = await this.db.query<{ id: string; name: string }>(sql('task-board'), [id]);
    return row;
  }

  /** Creates a task with its first status change; returns its id. */
  async insert(task: NewTask): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(sql('task-insert'), [
      task.title,
      task.agency,
      task.ownerRole,
      task.boardId,
      task.dueOn,
      task.sourceKind,
      task.sourceRef,
      JSON.stringify(task.footprint),
      task.unitLevel,
      task.unitCode,
      task.categories,
      task.createdBy,
    ]);
    return row.id;
  }

  /** A task's status, locked for the rest of the transaction; undefined for an unknown task. */
  async lockStatus(id: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ status: string }>(sql('task-lock'), [id]);
    return row?.status;
  }

  /** Moves a task from `from` to `to` and records who did it; false when it was not at `from`. */
  async setStatus(id: string, from: string, to: string, note: string | null, closes: boolean, by: string) {
    return (await this.db.query(sql('task-set-status'), [id, from, to, note, closes, by])).length === 1;
  }

  byIds(ids: readonly string[]): Promise<TaskRow[]> {
    return this.db.query<TaskRow>(withColumns('tasks-by-id'), [ids]);
  }

  /** A page of tasks, newest first; fetch one more than a page to know whether another follows. */
  list(f: TaskFilterParams, limit: number): Promise<TaskRow[]> {
    return this.db.query<TaskRow>(withColumns('tasks-list'), [
      f.boardId,
      f.agency,
      f.status,
      f.overdue,
      f.today,
      f.afterId,
      limit,
    ]);
  }

  /** A board's tasks that may appear in the view of the week from `monday` (see tasks-week.sql). */
  week(boardId: number, lastMonday: string, monday: string, sunday: string): Promise<TaskRow[]> {
    return this.db.query<TaskRow>(withColumns('tasks-week'), [boardId, lastMonday, monday, sunday]);
  }

  history(ids: readonly string[]): Promise<TaskChangeRow[]> {
    return this.db.query<TaskChangeRow>(sql('task-history'), [ids]);
  }

  /** Incidents inside a task's footprint over months: the count and the newest ids. */
  async incidents(id: string, from: string, to: string, first: number): Promise<{ count: number; ids: string[] }> {
    const [row] = await this.db.query<{ count: number; ids: string[] }>(sql('task-incidents'), [id, from, to, first]);
    return row;
  }
}
