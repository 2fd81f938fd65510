import DataLoader from 'dataloader';

import type { Db } from '../db/db';
import { groupByKeys, orderByKeys } from '../graphql/batch';

import { AgenciesService, type AgencyRow } from './agencies.service';
import {
  type BoardMeetingRow,
  type BoardMemberRow,
  type BoardRow,
  BoardsService,
  type BoardUnitRow,
} from './boards.service';
import {
  type NeighbourhoodPlanRow,
  NeighbourhoodPlansService,
  type PlanPriorityRow,
  type ProgressRow,
} from './neighbourhood-plans.service';
import { type TaskRow, TasksService } from './task.service';

export interface ProgressKey {
  priorityId: string;
  /** First day of the last month to count, or null for the latest held. */
  through: string | null;
}

/**
 * The loaders of agencies, boards, plans and tasks for one request: a nested query (boards with their
 * units, members, meetings, plans, priorities and progress) costs one statement per kind of
 * child, whatever the number of parents.
 */
export function createTaskingLoaders(db: Db) {
  const agencies = new AgenciesService(db);
  const boards = new BoardsService(db);
  const plans = new NeighbourhoodPlansService(db);
  const tasks = new TasksService(db);
  return {
    // Tasks named by the follow-up answers (taskEffect, problemsNotResolved), in one statement.
    taskById: new DataLoader<string, TaskRow | null>(async (ids) =>
      orderByKeys(ids, await tasks.byIds(ids), (r) => r.id),
    ),
    agencyByCode: new DataLoader<string, AgencyRow | null>(async (codes) =>
      orderByKeys(codes, await agencies.byCodes(codes), (r) => r.code),
    ),
    boardById: new DataLoader<string, BoardRow | null>(async (ids) =>
      orderByKeys(ids, await boards.byIds(ids), (r) => r.id),
    ),
    unitsByBoard: new DataLoader<string, BoardUnitRow[]>(async (ids) =>
      groupByKeys(ids, await boards.units(ids), (r) => r.boardId),
    ),
    membersByBoard: new DataLoader<string, BoardMemberRow[]>(async (ids) =>
      groupByKeys(ids, await boards.members(ids), (r) => r.boardId),
    ),
    meetingsByBoard: new DataLoader<string, BoardMeetingRow[]>(async (ids) =>
      groupByKeys(ids, await boards.meetings(ids), (r) => r.boardId),
    ),
    plansByBoard: new DataLoader<string, NeighbourhoodPlanRow[]>(async (ids) =>
      groupByKeys(ids, await plans.byBoards(ids), (r) => r.boardId),
    ),
    planById: new DataLoader<string, NeighbourhoodPlanRow | null>(async (ids) =>
      orderByKeys(ids, await plans.byIds(ids), (r) => r.id),
    ),
    prioritiesByPlan: new DataLoader<string, PlanPriorityRow[]>(async (ids) =>
      groupByKeys(ids, await plans.priorities(ids), (r) => r.planId),
    ),
    // One statement per month asked for (usually one: the latest held).
    progress: new DataLoader<ProgressKey, ProgressRow | null, string>(
      async (keys) => {
        const byMonth = new Map<string | null, string[]>();
        keys.forEach((k) => byMonth.set(k.through, [...(byMonth.get(k.through) ?? []), k.priorityId]));
        const rows = new Map<string, ProgressRow>();
        for (const [through, ids] of byMonth) {
          (await plans.progress(ids, through)).forEach((r) => rows.set(`${through}|${r.priorityId}`, r));
        }
        return keys.map((k) => rows.get(`${k.through}|${k.priorityId}`) ?? null);
      },
      { cacheKeyFn: (k) => `${k.through}|${k.priorityId}` },
    ),
  };
}
