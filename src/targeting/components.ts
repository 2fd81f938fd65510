import type { DeprivationDomainName } from '../geography/deprivation';

/** Where a component's raw value comes from. */
export type ComponentSource = 'deprivation' | 'incidents';

/** One component of the need index: what it measures and where its figures come from. */
export interface ComponentSpec {
  name: string;
  source: ComponentSource;
  /** For deprivation components: the IMD or one of its domains, as stored in lsoa_deprivation. */
  domain?: DeprivationDomainName;
  description: string;
}

const deprivation = (name: string, domain: DeprivationDomainName, what: string): ComponentSpec => ({
  name,
  source: 'deprivation',
  domain,
  description: `${what}: population-weighted average score of the unit's LSOAs, or average rank where the edition published no scores`,
});

/**
 * Every component the need index takes, by the name a caller gives it. Deprivation components
 * come from the edition asked for; incident components from the period asked for.
 */
export const COMPONENTS: readonly ComponentSpec[] = [
  deprivation('IMD', 'imd', 'Index of Multiple Deprivation'),
  deprivation('INCOME', 'income', 'IMD income domain'),
  deprivation('EMPLOYMENT', 'employment', 'IMD employment domain'),
  deprivation('EDUCATION', 'education', 'IMD education, skills and training domain'),
  deprivation('HEALTH', 'health', 'IMD health deprivation and disability domain'),
  deprivation('CRIME', 'crime', 'IMD crime domain'),
  deprivation('HOUSING_SERVICES', 'housing_services', 'IMD barriers to housing and services domain'),
  deprivation('LIVING_ENVIRONMENT', 'living_environment', 'IMD living environment domain'),
  {
    name: 'CRIME_RATE',
    source: 'incidents',
    description: 'recorded crime (categories of kind crime) per 1,000 residents over the period',
  },
  {
    name: 'ASB_RATE',
    source: 'incidents',
    description: 'anti-social behaviour (categories of kind asb) per 1,000 residents over the period',
  },
  {
    name: 'OPEN_PROBLEMS',
    source: 'incidents',
    description: 'street-scene problems open or in progress now',
  },
  {
    name: 'OPEN_PROBLEM_AGE',
    source: 'incidents',
    description: 'median age in days of the open street-scene problems (0 where none is open)',
  },
  {
    name: 'TREND',
    source: 'incidents',
    description:
      'least-squares slope of the monthly count of crime and ASB per 1,000 residents against the month, every month of the period counted (zeros included): change per month; null for a one-month period',
  },
];

/** The components by name. */
export const COMPONENT_BY_NAME: ReadonlyMap<string, ComponentSpec> = new Map(COMPONENTS.map((c) => [c.name, c]));

/** A weight given to one component. */
export interface Weight {
  component: string;
  weight: number;
}

/** The published methods a caller can name instead of giving weights. */
export enum NeedPresetName {
  IMD_ONLY = 'IMD_ONLY',
  COUNCIL_2007 = 'COUNCIL_2007',
}

/**
 * The weights of each preset. IMD_ONLY: the IMD alone (the 2016 choice of twelve priority
 * neighbourhoods "as outlined in the most recent Indices of Multiple Deprivation").
 * COUNCIL_2007: "overall levels of deprivation, housing, crime, education and health", read as
 * the IMD and four of its domains (barriers to housing and services, crime, education, health),
 * equal weights: the IMD 2004 the council had then carried the same domains. The IMD already
 * contains those domains, so they count twice, as they did in the 2007 mix.
 */
export const PRESETS: Record<NeedPresetName, readonly Weight[]> = {
  [NeedPresetName.IMD_ONLY]: [{ component: 'IMD', weight: 1 }],
  [NeedPresetName.COUNCIL_2007]: [
    { component: 'IMD', weight: 1 },
    { component: 'HOUSING_SERVICES', weight: 1 },
    { component: 'CRIME', weight: 1 },
    { component: 'EDUCATION', weight: 1 },
    { component: 'HEALTH', weight: 1 },
  ],
};
