import { InvalidNeedInputError } from '../errors';
import { type EditionInfo, editionInfo } from '../geography/deprivation';
import { type Period, period } from '../incidents/period';

import { COMPONENT_BY_NAME, COMPONENTS, type NeedPresetName, PRESETS, type Weight } from './components';
import { type TierCutPoints, TierMethod } from './need';

/** What each edition of the Indices of Deprivation published, as far as the need index reads it. */
export interface EditionFigures {
  /** Whether it published scores (else the index reads average ranks). */
  scores: boolean;
  /** Whether the hub holds its seven domains. */
  domains: boolean;
  /** LSOAs ranked in England, for national deciles. */
  nationalLsoas: number;
}

/** The hub's files: IoD 2015 (IMD scores only), 2019 (ranks of the IMD and domains), 2025 (all). */
export const EDITION_FIGURES: ReadonlyMap<number, EditionFigures> = new Map([
  [2015, { scores: true, domains: false, nationalLsoas: 32_844 }],
  [2019, { scores: false, domains: true, nationalLsoas: 32_844 }],
  [2025, { scores: true, domains: true, nationalLsoas: 33_755 }],
]);

/** The part of a need request the checks read (the GraphQL input, defaults filled in). */
export interface NeedRequest {
  edition: number;
  preset: NeedPresetName;
  weights?: readonly Weight[] | null;
  from?: string | null;
  to?: string | null;
}

/** A need request that passed its checks. */
export interface NeedSpec {
  edition: EditionInfo & EditionFigures;
  /** Where the weights came from: a preset's name, or null for weights given. */
  preset: NeedPresetName | null;
  weights: Weight[];
  /** Null when no component reads incidents and no period was given. */
  period: Period | null;
}

const NAMES = COMPONENTS.map((c) => c.name).join(', ');

/**
 * Checks the edition, the weights (or the preset) and the period of a need request.
 * @throws UnknownEditionError for an edition the hub does not hold
 * @throws InvalidNeedInputError naming the field and its limit: an unknown or repeated component,
 *   a negative or non-finite weight, all weights zero, a domain on an edition without domains, an
 *   incident component without a period
 * @throws InvalidPeriodError for a malformed or inverted period
 */
export function checkNeedRequest(request: NeedRequest): NeedSpec {
  const info = editionInfo(request.edition);
  const figures = EDITION_FIGURES.get(request.edition) as EditionFigures;
  const given = request.weights ?? null;
  const weights = given ?? PRESETS[request.preset];
  const field = (i: number) => (given ? `weights[${i}]` : `preset ${request.preset}: weights[${i}]`);
  if (given && given.length === 0) {
    throw new InvalidNeedInputError('weights', 'a list naming at least one component', 'an empty list');
  }
  const seen = new Set<string>();
  weights.forEach((w, i) => {
    const spec = COMPONENT_BY_NAME.get(w.component);
    if (!spec) {
      throw new InvalidNeedInputError(`${field(i)}.component`, `one of ${NAMES}`, `"${w.component.slice(0, 40)}"`);
    }
    if (seen.has(w.component)) {
      throw new InvalidNeedInputError(
        `${field(i)}.component`,
        'a component not named before',
        `"${w.component}" again`,
      );
    }
    seen.add(w.component);
    if (!Number.isFinite(w.weight) || w.weight < 0) {
      throw new InvalidNeedInputError(`${field(i)}.weight`, 'a number of at least 0', w.weight);
    }
    if (spec.domain && spec.domain !== 'imd' && !figures.domains) {
      throw new InvalidNeedInputError(
        `${field(i)}.component`,
        `IMD with edition ${request.edition}, which published no domain figures (use edition 2019 or 2025 for domains)`,
        `"${w.component}"`,
      );
    }
  });
  if (!weights.some((w) => w.weight > 0)) {
    throw new InvalidNeedInputError('weights', 'above 0 for at least one component', 'all zero');
  }
  const incident = weights.find((w) => COMPONENT_BY_NAME.get(w.component)?.source === 'incidents');
  let p: Period | null = null;
  if (request.from || request.to) {
    p = period(request.from ?? '', request.to ?? '');
  } else if (incident) {
    throw new InvalidNeedInputError(
      'from and to',
      `months (YYYY-MM) when a weight names ${incident.component}, a component counted over a period`,
      'none',
    );
  }
  return { edition: { ...info, ...figures }, preset: given ? null : request.preset, weights: [...weights], period: p };
}

/**
 * Checks the priority count and the tier cut points against the number of units ranked.
 * @param units how many units the level has in the set asked for
 * @param what the units, for messages, e.g. "wards of ons-wards-2023"
 * @throws InvalidNeedInputError naming the field and its limit
 */
export function checkPriorityRequest(n: number, tiers: TierCutPoints, units: number, what: string): void {
  if (!Number.isInteger(n) || n < 0 || n > units) {
    throw new InvalidNeedInputError('n', `a whole number from 0 to ${units} (the ${what})`, n);
  }
  const { red, amber } = tiers;
  switch (tiers.method) {
    case TierMethod.BY_COUNT:
      if (!Number.isInteger(red) || red < 0 || red > units) {
        throw new InvalidNeedInputError('tiers.red', `a whole number from 0 to ${units} (the ${what})`, red);
      }
      if (!Number.isInteger(amber) || amber < 0 || red + amber > units) {
        throw new InvalidNeedInputError(
          'tiers.amber',
          `a whole number from 0 to ${units - red} (red + amber at most the ${units} ${what})`,
          amber,
        );
      }
      return;
    case TierMethod.BY_SHARE:
      for (const [name, value] of [
        ['red', red],
        ['amber', amber],
      ] as const) {
        if (!Number.isFinite(value) || value < 0 || value > 1) {
          throw new InvalidNeedInputError(`tiers.${name}`, 'a share of the units from 0 to 1', value);
        }
      }
      if (red + amber > 1 + 1e-12) {
        throw new InvalidNeedInputError('tiers.amber', `at most 1 − red = ${1 - red} (red + amber at most 1)`, amber);
      }
      return;
    case TierMethod.BY_NATIONAL_DECILE:
      if (!Number.isInteger(red) || red < 0 || red > 10) {
        throw new InvalidNeedInputError('tiers.red', 'a national IMD decile from 0 (no red) to 10', red);
      }
      if (!Number.isInteger(amber) || amber < red || amber > 10) {
        throw new InvalidNeedInputError('tiers.amber', `a national IMD decile from red (${red}) to 10`, amber);
      }
  }
}
