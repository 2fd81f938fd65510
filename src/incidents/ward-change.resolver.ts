import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';

import { NotFoundError, WrongBoundarySetError } from '../errors';
import { BoundarySets } from '../geography/boundary-sets';
import type { Ward } from '../geography/geography.types';
import type { HubContext } from '../graphql/context';

import { firstDay, monthsOf, period } from './period';
import { checkedCategories } from './stats.resolver';
import { reestimate } from './ward-change';
import { WardChange, WardChangeFigures } from './ward-change.types';

/** Said with every re-estimate, so that nobody reads an apportioned figure as a count. */
export const REESTIMATE_METHOD =
  'Months in force: incidents placed in the old ward. After its set ended: residents-weighted apportionment through LSOAs, ' +
  "each current ward that took part of it passing back its count times the share of its residents living on the old ward's " +
  'land (mid-2020 populations, each LSOA shared by land).';

type WardChangeRoot = WardChange & { weights: { wardCode: string; residentsShareOfCurrent: number }[] };

@Resolver(() => WardChange)
export class WardChangeResolver {
  @Query(() => WardChange, {
    description:
      'What became of a ward of an earlier set (e.g. a 2013 ward): the current wards that took its land, residents and incidents, with shares, and its figures re-estimated on them.',
  })
  async wardChange(
    @Arg('from', () => String) from: string,
    @Ctx() { loaders, incidents }: HubContext,
  ): Promise<WardChangeRoot> {
    const sets = await loaders.wardSets();
    const ward = await loaders.wardByCode.load(from);
    if (!ward) {
      throw new NotFoundError(
        `No ward with code "${from.slice(0, 64)}"; a ward of an earlier set looks like E05001772 (Boulton, 2013)`,
      );
    }
    const current = sets.current();
    if (ward.boundarySetId === current.id) {
      throw new WrongBoundarySetError(
        `wardChange takes a ward of an earlier set; ${from} (${ward.name}) is in ${current.id}, the current set: its predecessors field names the wards it came from`,
      );
    }
    const [rows, placed] = await Promise.all([loaders.successors.load(from), incidents.wardChangeIncidents(from)]);
    const wards = (await loaders.wardByCode.loadMany(rows.map((r) => r.toCode))) as Ward[];
    const total = placed.reduce((s, r) => s + r.n, 0);
    return {
      ward,
      boundarySet: current.id,
      method: REESTIMATE_METHOD,
      successors: rows.map((r, i) => {
        const n = placed.find((p) => p.wardCode === r.toCode)?.n ?? 0;
        return {
          ward: wards[i],
          landShare: r.landShareOfFrom,
          residentsShare: r.residentsShareOfFrom,
          residentsShareOfCurrent: r.residentsShareOfTo,
          incidents: n,
          incidentsShare: total > 0 ? n / total : 0,
        };
      }),
      weights: rows.map((r) => ({ wardCode: r.toCode, residentsShareOfCurrent: r.residentsShareOfTo })),
    };
  }

  @FieldResolver(() => WardChangeFigures, {
    description: 'Its incidents month by month over a period that may straddle the change (analysts and above).',
  })
  async figures(
    @Root() change: WardChangeRoot,
    @Arg('from', () => String, { description: 'First month, YYYY-MM.' }) from: string,
    @Arg('to', () => String, { description: 'Last month, YYYY-MM (inclusive).' }) to: string,
    @Arg('categories', () => [String], { nullable: true, description: 'Only these category slugs.' })
    categories: string[] | null,
    @Ctx() { loaders, incidents }: HubContext,
  ): Promise<WardChangeFigures> {
    const p = period(from, to);
    const cats = await checkedCategories(categories, loaders);
    const oldSet = (await loaders.wardSets()).byId(change.ward.boundarySetId);
    const rows = await incidents.wardChangeCounts(
      change.ward.code,
      change.weights.map((w) => w.wardCode),
      firstDay(p.from),
      firstDay(p.to),
      cats,
    );
    const observed = new Map(rows.filter((r) => r.side === 'old').map((r) => [r.month, r.n]));
    const current = new Map<string, Map<string, number>>();
    for (const r of rows.filter((row) => row.side === 'current')) {
      current.set(r.wardCode, (current.get(r.wardCode) ?? new Map<string, number>()).set(r.month, r.n));
    }
    const months = reestimate(
      monthsOf(p),
      (m) => BoundarySets.holdsMonth(oldSet, m),
      observed,
      current,
      change.weights,
    );
    const sum = (estimated: boolean) =>
      months.filter((m) => m.estimated === estimated).reduce((s, m) => s + m.count, 0);
    return {
      from: p.from,
      to: p.to,
      observed: sum(false),
      estimated: sum(true),
      total: sum(false) + sum(true),
      months,
    };
  }
}
