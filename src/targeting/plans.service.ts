import type { Db } from '../db/db';
import { splice, sqlFile } from '../db/sql';

/** A saved plan as stored: input and output as the JSON they were saved as. */
export interface PlanRow {
  id: string;
  title: string;
  decidedBy: string;
  decidedOn: string;
  note: string | null;
  recordedBy: string;
  recordedAt: Date;
  level: string;
  boundarySet: string;
  input: unknown;
  output: unknown;
  dataChangedSince: boolean;
}

export interface NewPlan {
  title: string;
  decidedBy: string;
  decidedOn: string;
  note: string | null;
  level: string;
  boundarySet: string;
  input: unknown;
  output: unknown;
  recordedBy: string;
}

const sql = (name: string) => sqlFile(__dirname, name);
const withColumns = (name: string) => splice(sql(name), { PLAN_COLUMNS: sql('plan-columns') });

/** Saved allocation plans: the only place their SQL runs. */
export class PlansService {
  constructor(private readonly db: Db) {}

  /** Saves a plan; call inside the transaction that computed its output. Returns its id. */
  async insert(plan: NewPlan): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(sql('plan-insert'), [
      plan.title,
      plan.decidedBy,
      plan.decidedOn,
      plan.note,
      plan.level,
      plan.boundarySet,
      JSON.stringify(plan.input),
      JSON.stringify(plan.output),
      plan.recordedBy,
    ]);
    return row.id;
  }

  /** Plans by id, in no particular order; ids that name nothing are left out. */
  byIds(ids: readonly string[]): Promise<PlanRow[]> {
    return this.db.query<PlanRow>(withColumns('plans-by-id'), [ids]);
  }

  /** Latest decision first, optionally of one level and ward set. */
  list(level: string | null, boundarySet: string | null, first: number): Promise<PlanRow[]> {
    return this.db.query<PlanRow>(withColumns('plans-list'), [level, boundarySet, first]);
  }

  /** The id of the plan decided before this one at its level and ward set, or null. */
  async previousOf(id: string): Promise<string | null> {
    const [row] = await this.db.query<{ id: string }>(sql('plan-previous'), [id]);
    return row?.id ?? null;
  }
}
