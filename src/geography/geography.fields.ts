import { LimitExceededError } from '../errors';

import { editionInfo } from './deprivation';
import type { DeprivationRollupRow, LsoaDeprivationRow } from './geography.service';
import {
  DeprivationDomain,
  type DeprivationMeasure,
  type DeprivationSummary,
  type LsoaDeprivation,
} from './geography.types';

/** Largest simplification tolerance: beyond it a ward's outline stops looking like the ward. */
export const MAX_SIMPLIFY_METRES = 1000;

/**
 * Checks a simplification tolerance.
 * @throws LimitExceededError outside 0 to MAX_SIMPLIFY_METRES
 */
export function checkSimplify(simplifyMetres: number): number {
  if (!(simplifyMetres >= 0 && simplifyMetres <= MAX_SIMPLIFY_METRES)) {
    throw new LimitExceededError('simplifyMetres', `between 0 and ${MAX_SIMPLIFY_METRES}`, simplifyMetres);
  }
  return simplifyMetres;
}

const DOMAIN_ORDER = Object.values(DeprivationDomain);
const byDomain = (a: { domain: string }, b: { domain: string }) =>
  DOMAIN_ORDER.indexOf(a.domain as DeprivationDomain) - DOMAIN_ORDER.indexOf(b.domain as DeprivationDomain);

/**
 * Shapes a ward's or area's roll-up rows (one per domain) for the API.
 * @returns null when no LSOA of the unit has figures in that edition
 */
export function toSummary(rows: DeprivationRollupRow[], edition: number): DeprivationSummary | null {
  const domains: DeprivationMeasure[] = [...rows].sort(byDomain).map((r) => ({
    domain: r.domain as DeprivationDomain,
    averageScore: r.averageScore,
    averageRank: r.averageRank,
    populationShareInDeciles1And2: r.populationShareInDeciles1And2,
    lsoasInMostDeprived10Percent: r.lsoasInMostDeprived10Percent,
    lsoasInMostDeprived20Percent: r.lsoasInMostDeprived20Percent,
    worstDecile: r.worstDecile,
  }));
  const imd = domains.find((d) => d.domain === DeprivationDomain.IMD);
  if (!imd) {
    return null;
  }
  const info = editionInfo(edition);
  const lsoaCount = rows.find((r) => r.domain === 'imd')?.lsoaCount ?? 0;
  return { edition, populationBasis: info.populationBasisLabel, lsoaCount, imd, domains };
}

/**
 * Shapes one LSOA's rows (one per domain) for the API.
 * @returns null when the LSOA has no figures in that edition (a 2011 LSOA split in 2021)
 */
export function toLsoaDeprivation(rows: LsoaDeprivationRow[], edition: number): LsoaDeprivation | null {
  const domains = [...rows].sort(byDomain).map((r) => ({ ...r, domain: r.domain as DeprivationDomain }));
  const imd = domains.find((d) => d.domain === DeprivationDomain.IMD);
  return imd ? { edition, imd, domains } : null;
}
