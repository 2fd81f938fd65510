import type { MultiPolygon } from 'geojson';

import type { Db } from '../db/db';
import { splice, sqlFile } from '../db/sql';

export interface NeighbourhoodPlanRow {
  id: string;
  boardId: string;
  year: number;
  title: string;
  createdBy: string;
  createdAt: Date;
}

export interface PlanPriorityRow {
  id: string;
  planId: string;
  title: string;
  categories: string[];
  placeKind: string;
  placeRef: string | null;
  footprint: MultiPolygon;
  leadAgency: string;
  targetChangePercent: number;
}

/** A priority to write: its row less the id the database gives it. */
export type NewPriority = Omit<PlanPriorityRow, 'id'>;

/** Incidents counted for a priority: this year so far and the same months a year before. */
export interface ProgressRow {
  priorityId: string;
  year: number;
  /** The last month counted, YYYY-MM; null when the hub holds no incident at all. */
  to: string | null;
  current: number;
  baseline: number;
}

const sql = (name: string) => sqlFile(__dirname, name);
const withColumns = (name: string) => splice(sql(name), { PLAN_COLUMNS: sql('plan-columns') });

/** Neighbourhood plans and their priorities: the only place their SQL runs. */
export class NeighbourhoodPlansService {
  constructor(private readonly db: Db) {}

  /** Plans by id, in no particular order; ids that name nothing are left out. */
  byIds(ids: readonly string[]): Promise<NeighbourhoodPlanRow[]> {
    return this.db.query<NeighbourhoodPlanRow>(withColumns('plans-by-id'), [ids]);
  }

  byBoards(boardIds: readonly string[]): Promise<NeighbourhoodPlanRow[]> {
    return this.db.query<NeighbourhoodPlanRow>(withColumns('plans-by-board'), [boardIds]);
  }

  /** The id of a board's plan for a year, or undefined. */
  async forYear(boardId: string, year: number): Promise<string | undefined> {
    const [row] = await this.db.query<{ id: string }>(sql('plan-for-year'), [boardId, year]);
    return row?.id;
  }

  async insert(boardId: string, year: number, title: string, createdBy: string): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(sql('plan-insert'), [boardId, year, title, createdBy]);
    return row.id;
  }

  priorities(planIds: readonly string[]): Promise<PlanPriorityRow[]> {
    return this.db.query<PlanPriorityRow>(sql('priorities-by-plan'), [planIds]);
  }

  async insertPriority(p: NewPriority): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(sql('priority-insert'), [
      p.planId,
      p.title,
      p.categories,
      p.placeKind,
      p.placeRef,
      JSON.stringify(p.footprint),
      p.leadAgency,
      p.targetChangePercent,
    ]);
    return row.id;
  }

  /** Removes a priority; returns its plan's id, or undefined for an unknown priority. */
  async deletePriority(id: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ planId: string }>(sql('priority-delete'), [id]);
    return row?.planId;
  }

  /**
   * Counts for priorities, in one statement whatever their number.
   * @param through first day of the last month to count, or null for the latest month held
   */
  progress(priorityIds: readonly string[], through: string | null): Promise<ProgressRow[]> {
    return this.db.query<ProgressRow>(sql('priority-progress'), [priorityIds, through]);
  }
}
