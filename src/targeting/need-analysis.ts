import { Disclosing } from '../auth/disclosure';
import { analysisSet, monthsOnSet } from '../boundaries/analysis-set';
import type { DeprivationDomainName } from '../geography/deprivation';
import type { HubContext } from '../graphql/context';
import { monthsOf, type Period } from '../incidents/period';
import { ratePer1000Interval } from '../stats/poisson';

import { COMPONENT_BY_NAME, type ComponentSpec } from './components';
import {
  type Direction,
  indexInterval,
  nationalDecile,
  needIndex,
  rankByNeed,
  separations,
  slope,
  standardise,
  standardScale,
  tierOf,
} from './need';
import { type NeedCountRow, type NeedDeprivationRow, type NeedOpenRow, NeedService } from './need.service';
import {
  type NeedComponentValue,
  type NeedInput,
  NeedLevel,
  type NeedResult,
  type NeedUnit,
  type NeedWeight,
  type PriorityInput,
  type PriorityResult,
} from './need.types';
import { checkNeedRequest, checkPriorityRequest, type NeedSpec } from './need-input';

/** The tie rule, as the schema and the answer state it. */
export const TIE_RULE =
  'equal indices (to 1e-12) go to the unit more deprived on the IMD of the edition (higher average score, or lower average rank where the edition has no scores), then to the lower code; units without an index come last';

/**
 * The components that are a Poisson count over residents, and so carry an interval. TREND (a
 * slope of monthly rates) and the open problems (a count of now, not a rate over a period) are
 * held at their values when the index interval is formed.
 */
const RATE_COMPONENTS: ReadonlySet<string> = new Set(['CRIME_RATE', 'ASB_RATE']);

/** Each level's units in words, for messages. */
const PLURAL: Record<NeedLevel, string> = {
  [NeedLevel.WARD]: 'wards',
  [NeedLevel.AREA]: 'areas',
  [NeedLevel.LSOA]: 'LSOAs',
  [NeedLevel.POLICE_NEIGHBOURHOOD]: 'police neighbourhoods',
};

/** One component's raw figure for a unit, with the count it rests on (for disclosure). */
interface Raw {
  value: number | null;
  count: number | null;
  /** Whether a public caller may see it: false when it rests on a count from 1 to 4. */
  shown: boolean;
}

/** A unit's figures before standardisation. */
interface UnitFigures {
  key: string;
  code: string;
  name: string;
  population: number;
  deprivation: Map<DeprivationDomainName, NeedDeprivationRow>;
  crime: Map<string, number>;
  asb: Map<string, number>;
  open: NeedOpenRow | null;
}

function measureOf(spec: ComponentSpec, need: NeedSpec): { measure: string; direction: Direction } {
  if (spec.source === 'deprivation') {
    const e = need.edition;
    return e.scores
      ? {
          measure: `IoD ${e.edition} ${spec.description.split(':')[0]}: population-weighted average score of the unit's LSOAs (weights: ${e.populationBasisLabel}); higher is more deprived`,
          direction: 1,
        }
      : {
          measure: `IoD ${e.edition} ${spec.description.split(':')[0]}: population-weighted average rank of the unit's LSOAs (weights: ${e.populationBasisLabel}); 1 is the most deprived LSOA in England`,
          direction: -1,
        };
  }
  const p = need.period as Period;
  return { measure: `${spec.description}, ${p.from} to ${p.to}`, direction: 1 };
}

/** The raw figure of one component for one unit (exact; disclosure is applied later). */
function rawOf(spec: ComponentSpec, u: UnitFigures, need: NeedSpec, months: string[], disclosing: Disclosing): Raw {
  const perThousand = (n: number) => (u.population > 0 ? (n / u.population) * 1000 : null);
  const sum = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + n, 0);
  const shownCount = (n: number) => disclosing.count(n) !== null;
  switch (spec.name) {
    case 'CRIME_RATE': {
      const n = sum(u.crime);
      return { value: perThousand(n), count: n, shown: shownCount(n) };
    }
    case 'ASB_RATE': {
      const n = sum(u.asb);
      return { value: perThousand(n), count: n, shown: shownCount(n) };
    }
    case 'OPEN_PROBLEMS': {
      const n = u.open?.open ?? 0;
      return { value: n, count: n, shown: shownCount(n) };
    }
    case 'OPEN_PROBLEM_AGE': {
      const n = u.open?.open ?? 0;
      return { value: n > 0 ? (u.open?.medianAgeDays ?? 0) : 0, count: n, shown: shownCount(n) };
    }
    case 'TREND': {
      const perMonth = months.map((m) => (u.crime.get(m) ?? 0) + (u.asb.get(m) ?? 0));
      const total = perMonth.reduce((s, n) => s + n, 0);
      const rates = u.population > 0 ? perMonth.map((n) => (n / u.population) * 1000) : [];
      // A slope over months reveals each month's count, so every month must be shown too.
      return { value: slope(rates), count: total, shown: perMonth.every(shownCount) };
    }
    default: {
      const row = u.deprivation.get(spec.domain as DeprivationDomainName);
      const value = row ? (need.edition.scores ? row.averageScore : row.averageRank) : null;
      return { value, count: null, shown: true };
    }
  }
}

function byKey<R extends { key: string }>(rows: readonly R[]): Map<string, R[]> {
  const map = new Map<string, R[]>();
  for (const r of rows) {
    map.set(r.key, [...(map.get(r.key) ?? []), r]);
  }
  return map;
}

function monthly(rows: readonly NeedCountRow[] | undefined, kind: 'crime' | 'asb'): Map<string, number> {
  return new Map((rows ?? []).filter((r) => r.kind === kind).map((r) => [r.month, r.n]));
}

/**
 * Computes the need index of every unit of a level: the figures in SQL (NeedService), then each
 * component standardised over the units and weighted (need.ts).
 * @returns the answer, most need first
 * @throws the errors of checkNeedRequest, and NotFoundError for a ward set the hub does not hold
 */
export async function computeNeed(ctx: HubContext, input: NeedInput): Promise<NeedResult> {
  const need = checkNeedRequest(input);
  const on = await analysisSet(ctx.loaders, input.boundarySet);
  const level = input.level;
  const service = new NeedService(ctx.db);
  const specs = need.weights.map((w) => COMPONENT_BY_NAME.get(w.component) as ComponentSpec);
  const wardBased = level === NeedLevel.WARD || level === NeedLevel.AREA;
  // Wards and areas of an earlier set count incidents over the months it held; LSOAs and
  // neighbourhoods count every month, by the unit each incident was placed in.
  const { counted, notOnSet } =
    need.period && wardBased ? monthsOnSet(on, need.period) : { counted: need.period, notOnSet: [] };
  const placement = wardBased ? on.placement : 'current';
  const wantsCounts = specs.some((s) => ['CRIME_RATE', 'ASB_RATE', 'TREND'].includes(s.name));
  const wantsOpen = specs.some((s) => s.name.startsWith('OPEN_'));
  const [units, deprivation, counts, open] = await Promise.all([
    service.units(level, on.set.id),
    service.deprivation(level, on.set.id, need.edition),
    wantsCounts && counted ? service.counts(level, placement, counted) : Promise.resolve([]),
    wantsOpen ? service.openProblems(level, placement) : Promise.resolve([]),
  ]);
  const depBy = byKey(deprivation);
  const countBy = byKey(counts);
  const openBy = new Map(open.map((r) => [r.key, r]));
  const figures: UnitFigures[] = units.map((u) => ({
    ...u,
    deprivation: new Map((depBy.get(u.key) ?? []).map((r) => [r.domain, r])),
    crime: monthly(countBy.get(u.key), 'crime'),
    asb: monthly(countBy.get(u.key), 'asb'),
    open: openBy.get(u.key) ?? null,
  }));

  const disclosing = new Disclosing(ctx.caller);
  const months = counted ? monthsOf(counted) : [];
  const measures = specs.map((s) => measureOf(s, need));
  const raws = specs.map((s) => figures.map((u) => rawOf(s, u, need, months, disclosing)));
  const standardised = specs.map((_, c) =>
    standardise(
      raws[c].map((r) => r.value),
      measures[c].direction,
      input.standardisation,
    ),
  );
  const scales = specs.map((_, c) =>
    standardScale(
      raws[c].map((r) => r.value),
      measures[c].direction,
      input.standardisation,
    ),
  );
  const scored = figures.map((u, i) => {
    const exact = need.weights.map((w, c) => ({ standardised: standardised[c][i], weight: w.weight }));
    const index = needIndex(exact);
    const rates = specs.map((spec, c) =>
      RATE_COMPONENTS.has(spec.name) && raws[c][i].value !== null
        ? ratePer1000Interval(raws[c][i].count as number, u.population)
        : null,
    );
    const interval = indexInterval(index, exact, rates, scales, i);
    // The width of a rate's interval gives its count back: withheld where the count is.
    const intervalShown = rates.every((r, c) => r === null || raws[c][i].shown);
    const imdRow = u.deprivation.get('imd');
    const imd = imdRow ? (need.edition.scores ? imdRow.averageScore : imdRow.averageRank) : null;
    const components: NeedComponentValue[] = need.weights.map((w, c) => {
      const raw = raws[c][i];
      return {
        component: w.component,
        raw: raw.shown ? raw.value : null,
        standardised: raw.shown ? standardised[c][i] : null,
        rawLow: raw.shown ? (rates[c]?.low ?? null) : null,
        rawHigh: raw.shown ? (rates[c]?.high ?? null) : null,
        weight: w.weight,
        count: raw.shown ? raw.count : null,
      };
    });
    const unit: NeedUnit = {
      code: u.code,
      name: u.name,
      index,
      indexLow: intervalShown ? (interval?.low ?? null) : null,
      indexHigh: intervalShown ? (interval?.high ?? null) : null,
      // Set once the units are ranked.
      separatedFromAbove: null,
      separatedFromBelow: null,
      imd,
      nationalDecile: nationalDecile(imdRow?.averageRank ?? null, need.edition.nationalLsoas),
      lsoaCount: imdRow?.lsoaCount ?? 0,
      components,
    };
    return {
      unit,
      code: unit.code,
      index: unit.index,
      interval,
      imdNeed: imd === null ? null : need.edition.scores ? imd : -imd,
    };
  });
  const order = rankByNeed(scored);
  const apart = separations(order.map((s) => s.interval));
  const ranked = order.map((s, i) => ({
    ...s.unit,
    separatedFromAbove: apart[i].fromAbove,
    separatedFromBelow: apart[i].fromBelow,
  }));
  const weights: NeedWeight[] = need.weights.map((w, c) => ({
    component: w.component,
    weight: w.weight,
    measure: measures[c].measure,
    higherIsMoreNeed: measures[c].direction === 1,
  }));
  return {
    parameters: {
      level,
      boundarySet: on.set.id,
      edition: need.edition.edition,
      preset: need.preset,
      weights,
      standardisation: input.standardisation,
      from: need.period?.from ?? null,
      to: need.period?.to ?? null,
      monthsNotOnSet: notOnSet,
      method: `each component standardised over the ${units.length} units (${input.standardisation}), higher meaning more need; index = Σ weight × standardised / Σ weight over the components a unit has; indexLow to indexHigh: the index with crime and ASB rates at the ends of their exact 95 % Poisson intervals, on the same scales`,
      disclosure: disclosing.disclosure,
    },
    units: ranked,
  };
}

/**
 * Ranks the units of a level by need, marks the top n priority and gives each a tier.
 * @throws the errors of computeNeed, and InvalidNeedInputError for n or tier cuts out of range
 */
export async function computePriority(ctx: HubContext, input: PriorityInput): Promise<PriorityResult> {
  const need = await computeNeed(ctx, input);
  const total = need.units.length;
  checkPriorityRequest(input.n, input.tiers, total, `${PLURAL[input.level]} of ${need.parameters.boundarySet}`);
  return {
    parameters: need.parameters,
    n: input.n,
    tierMethod: input.tiers.method,
    red: input.tiers.red,
    amber: input.tiers.amber,
    tieRule: TIE_RULE,
    entries: need.units.map((unit, i) => ({
      rank: i + 1,
      priority: i < input.n,
      tier: tierOf(i + 1, total, unit.nationalDecile, input.tiers),
      unit,
    })),
  };
}
