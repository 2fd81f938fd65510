import { UnknownEditionError } from '../errors';

/** The IMD and its seven domains, as stored in lsoa_deprivation.domain. */
export const DEPRIVATION_DOMAINS = [
  'imd',
  'income',
  'employment',
  'education',
  'health',
  'crime',
  'housing_services',
  'living_environment',
] as const;
export type DeprivationDomainName = (typeof DEPRIVATION_DOMAINS)[number];

/** What one edition of the English Indices of Deprivation holds, and how it is weighted. */
export interface EditionInfo {
  edition: number;
  /** Which stored LSOA population weights the roll-up. */
  populationBasis: 'mid2015' | 'mid2020';
  /** Said in the API so an analyst knows which denominator was used. */
  populationBasisLabel: string;
}

// The official summaries weight by the population published with each release. The IoD 2019
// denominators (mid-2015) ship in our 2019 file; the 2015 release's own (mid-2012) are not in
// our sources, so 2015 uses mid-2015 too, and 2025 uses the nearest we hold, mid-2020.
export const EDITIONS: ReadonlyMap<number, EditionInfo> = new Map([
  [
    2015,
    {
      edition: 2015,
      populationBasis: 'mid2015',
      populationBasisLabel: 'ONS mid-2015 LSOA population (IoD 2019 denominators)',
    },
  ],
  [
    2019,
    {
      edition: 2019,
      populationBasis: 'mid2015',
      populationBasisLabel: 'ONS mid-2015 LSOA population (IoD 2019 denominators)',
    },
  ],
  [2025, { edition: 2025, populationBasis: 'mid2020', populationBasisLabel: 'ONS mid-2020 LSOA population estimates' }],
]);

/**
 * Looks up an edition.
 * @throws UnknownEditionError listing the editions the hub holds
 */
export function editionInfo(edition: number): EditionInfo {
  const info = EDITIONS.get(edition);
  if (!info) {
    throw new UnknownEditionError([...EDITIONS.keys()], edition);
  }
  return info;
}
