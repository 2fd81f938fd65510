import { AlreadyExistsError, LimitExceededError, NotFoundError, UnknownCategoryError } from '../errors';
import type { HubContext } from '../graphql/context';
import { IncidentsService } from '../incidents/incidents.service';
import type { IncidentCategory } from '../incidents/incidents.types';
import { log } from '../log';

import { AgenciesService, type AgencyRow } from './agencies.service';
import { type CreateAgencyInput, MAX_NAME } from './boards.types';
import type { Agency, AgencyKind } from './tasking.types';
import { refusingDuplicates, requiredText } from './tasking-input';

/** The agency code's rule, as CHK_agency_code states it. */
const CODE = /^[A-Z][A-Z0-9_]{1,39}$/;
/** The range of a category's target days (CHK_incident_category_target_days). */
const TARGET_DAYS = [1, 365] as const;

export const toAgency = (row: AgencyRow): Agency => ({ ...row, kind: row.kind as AgencyKind });

/** Every agency, by name. */
export async function listAgencies(ctx: HubContext): Promise<Agency[]> {
  const rows = await new AgenciesService(ctx.db).all();
  rows.forEach((r) => ctx.loaders.agencyByCode.prime(r.code, r));
  return rows.map(toAgency);
}

/**
 * The agency with this code, for a mutation's input.
 * @param field the input's name for it, for the message
 * @throws NotFoundError naming the code
 */
export async function checkAgency(agencies: AgenciesService, code: string, field: string): Promise<AgencyRow> {
  const [row] = await agencies.byCodes([code]);
  if (!row) {
    throw new NotFoundError(
      `${field}: no agency has code ${JSON.stringify(code.slice(0, 64))}; the agencies query lists them`,
    );
  }
  return row;
}

/**
 * Adds an agency, recording the caller.
 * @throws LimitExceededError for a code that breaks the rule or a bad name; AlreadyExistsError
 *   for a code or name taken (also when another request takes it first)
 */
export async function createAgency(ctx: HubContext, input: CreateAgencyInput): Promise<Agency> {
  if (!CODE.test(input.code)) {
    throw new LimitExceededError(
      'code',
      'upper-case letters, digits and _, 2 to 40 characters, starting with a letter (e.g. DERBY_HOMES)',
      JSON.stringify(input.code.slice(0, 64)),
    );
  }
  const name = requiredText('name', input.name, MAX_NAME);
  const duplicate = `an agency with code ${input.code} or named "${name}" already exists; the agencies query lists them`;
  const row = await refusingDuplicates(
    () =>
      ctx.transact(async (db) => {
        const agencies = new AgenciesService(db);
        const clash = await agencies.clash(input.code, name);
        if (clash) {
          throw new AlreadyExistsError(
            clash.code === input.code
              ? `an agency with code ${input.code} already exists (${clash.name})`
              : `an agency named "${name}" already exists (code ${clash.code})`,
          );
        }
        return agencies.insert(input.code, name, input.kind, ctx.caller.identity);
      }),
    duplicate,
  );
  return toAgency(row);
}

/**
 * Gives a category to an agency and, when `targetDays` is given, sets the days its reports should
 * be put right in (null: no target). incident_category has no column for who changed it, so the
 * caller is written to the log.
 * @param targetDays undefined to leave the target as it is
 * @throws UnknownCategoryError; NotFoundError for an unknown agency; LimitExceededError for target
 *   days outside 1 to 365
 */
export async function setCategoryOwner(
  ctx: HubContext,
  category: string,
  agency: string,
  targetDays: number | null | undefined,
): Promise<IncidentCategory> {
  if (targetDays !== null && targetDays !== undefined && (targetDays < TARGET_DAYS[0] || targetDays > TARGET_DAYS[1])) {
    throw new LimitExceededError(
      'targetDays',
      `from ${TARGET_DAYS[0]} to ${TARGET_DAYS[1]} days, or null for no target`,
      targetDays,
    );
  }
  const row = await ctx.transact(async (db) => {
    const agencies = new AgenciesService(db);
    await checkAgency(agencies, agency, 'agency');
    if (!(await agencies.setCategoryOwner(category, agency, targetDays ?? null, targetDays !== undefined))) {
      throw new UnknownCategoryError([category.slice(0, 64)]);
    }
    const [updated] = await new IncidentsService(db).categoriesBySlug([category]);
    return updated;
  });
  log.info({ category, agency, targetDays, by: ctx.caller.identity }, 'category owner set');
  return row as IncidentCategory;
}
