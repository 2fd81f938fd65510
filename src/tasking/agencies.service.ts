import type { Db } from '../db/db';
import { sqlFile } from '../db/sql';

export interface AgencyRow {
  code: string;
  name: string;
  kind: string;
}

const sql = (name: string) => sqlFile(__dirname, name);

/** Agencies and the categories they own: the only place their SQL runs. */
export class AgenciesService {
  constructor(private readonly db: Db) {}

  all(): Promise<AgencyRow[]> {
    return this.db.query<AgencyRow>(sql('agencies-all'));
  }

  /** Agencies by code, in no particular order; codes that name nothing are left out. */
  byCodes(codes: readonly string[]): Promise<AgencyRow[]> {
    return this.db.query<AgencyRow>(sql('agencies-by-code'), [codes]);
  }

  /** An agency that already has this code or this name, if any. */
  async clash(code: string, name: string): Promise<{ code: string; name: string } | undefined> {
    const [row] = await this.db.query<{ code: string; name: string }>(sql('agency-clash'), [code, name]);
    return row;
  }

  async insert(code: string, name: string, kind: string, createdBy: string): Promise<AgencyRow> {
    const [row] = await this.db.query<AgencyRow>(sql('agency-insert'), [code, name, kind, createdBy]);
    return row;
  }

  /** The slugs of those given that name a category. */
  async knownCategories(slugs: readonly string[]): Promise<string[]> {
    const rows = await this.db.query<{ slug: string }>(sql('category-slugs-known'), [slugs]);
    return rows.map((r) => r.slug);
  }

  /**
   * Gives a category to an agency, and sets its target days when `setTarget` (null: no target).
   * @returns whether the category exists
   */
  async setCategoryOwner(
    slug: string,
    agency: string,
    targetDays: number | null,
    setTarget: boolean,
  ): Promise<boolean> {
    const rows = await this.db.query<{ slug: string }>(sql('category-set-owner'), [
      slug,
      agency,
      targetDays,
      setTarget,
    ]);
    return rows.length > 0;
  }
}
