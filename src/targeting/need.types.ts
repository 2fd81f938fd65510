import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

import { Disclosure } from '../auth/disclosure';

import { COMPONENTS, NeedPresetName } from './components';
import { Standardisation, Tier, TierMethod } from './need';

export enum NeedLevel {
  WARD = 'ward',
  AREA = 'area',
  POLICE_NEIGHBOURHOOD = 'policeNeighbourhood',
  LSOA = 'lsoa',
}
registerEnumType(NeedLevel, {
  name: 'NeedLevel',
  description:
    "The units ranked: the wards or areas of the ward set, the LSOAs of the set's LSOA set, or the current police neighbourhoods.",
});

registerEnumType(NeedPresetName, {
  name: 'NeedPreset',
  description:
    'Published methods as weights. IMD_ONLY: IMD 1 (the 2016 choice of priority neighbourhoods by the most recent IMD). COUNCIL_2007: "deprivation, housing, crime, education and health" as IMD 1, HOUSING_SERVICES 1, CRIME 1, EDUCATION 1, HEALTH 1 (the IMD and four of its domains, as the IMD 2004 the council then had; needs an edition with domains, 2019 or 2025).',
});

registerEnumType(Standardisation, {
  name: 'Standardisation',
  description:
    "How each component is put on one scale, higher always meaning more need: Z_SCORE (value minus the units' mean, over their population standard deviation; the default, as it keeps how far apart units are and gives every component mean 0 and spread 1, so a weight means the same for each), MIN_MAX (0 for the least need to 1 for the most; one outlier squeezes the rest), RANK (1 for the least need to n for the most, ties averaged; keeps only the order).",
});

registerEnumType(TierMethod, {
  name: 'TierMethod',
  description:
    "BY_COUNT: the first red units are RED, the next amber AMBER (whole numbers). BY_SHARE: RED while rank ≤ red × units, AMBER while rank ≤ (red + amber) × units (shares from 0 to 1; a cut falling exactly on a unit includes it). BY_NATIONAL_DECILE: RED when the national IMD decile of the unit's average rank is red or lower, AMBER when it is amber or lower (deciles 0 to 10).",
});

registerEnumType(Tier, { name: 'Tier', description: 'The tier of neighbourhood management.' });

@InputType({ description: 'A weight for one component of the need index.' })
export class ComponentWeightInput {
  @Field(() => String, { description: `One of ${COMPONENTS.map((c) => c.name).join(', ')}.` })
  component!: string;

  @Field(() => Float, { description: 'At least 0; weights need not sum to 1 (the index divides by their sum).' })
  weight!: number;
}

@InputType({ description: 'What a need index is computed on and how.' })
export class NeedInput {
  @Field(() => NeedLevel, { defaultValue: NeedLevel.WARD })
  level!: NeedLevel;

  @Field(() => String, {
    nullable: true,
    description:
      'The ward set (boundarySets lists them); default the current set. On an earlier set, wards and areas count incidents by the ward of their month, over the months the set was in force.',
  })
  boundarySet?: string | null;

  @Field(() => Int, {
    defaultValue: 2025,
    description: 'Indices of Deprivation edition: 2015 (IMD scores), 2019 (ranks of the IMD and domains), 2025.',
  })
  edition!: number;

  @Field(() => NeedPresetName, { defaultValue: NeedPresetName.IMD_ONLY, description: 'Used when weights is absent.' })
  preset!: NeedPresetName;

  @Field(() => [ComponentWeightInput], { nullable: true, description: 'Weights by component; replace the preset.' })
  weights?: ComponentWeightInput[] | null;

  @Field(() => Standardisation, { defaultValue: Standardisation.Z_SCORE })
  standardisation!: Standardisation;

  @Field(() => String, {
    nullable: true,
    description: 'First month, YYYY-MM: required when a weight names an incident component.',
  })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Last month, YYYY-MM (inclusive).' })
  to?: string | null;
}

@InputType({ description: 'Tier cut points; what red and amber mean depends on the method.' })
export class TierCutsInput {
  @Field(() => TierMethod)
  method!: TierMethod;

  @Field(() => Float)
  red!: number;

  @Field(() => Float)
  amber!: number;
}

@InputType({ description: 'A need index, and how to pick priority units and tiers from its ranking.' })
export class PriorityInput extends NeedInput {
  @Field(() => Int, { description: 'How many units, from the top of the ranking, are priority (at most the units).' })
  n!: number;

  @Field(() => TierCutsInput)
  tiers!: TierCutsInput;
}

@ObjectType({ description: 'A component as used: its weight and what its raw value measures.' })
export class NeedWeight {
  @Field(() => String)
  component!: string;

  @Field(() => Float)
  weight!: number;

  @Field(() => String, { description: 'What the raw value is, on this edition and period.' })
  measure!: string;

  @Field(() => Boolean, { description: 'Whether a higher raw value means more need (false for ranks).' })
  higherIsMoreNeed!: boolean;
}

@ObjectType({ description: "One component of a unit's need index." })
export class NeedComponentValue {
  @Field(() => String)
  component!: string;

  @Field(() => Float, {
    nullable: true,
    description:
      'As measured (see NeedWeight.measure); null where the unit has no figure, or for public callers where it rests on a count from 1 to 4.',
  })
  raw!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'On the common scale, higher meaning more need; null when raw is (for the caller).',
  })
  standardised!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'For CRIME_RATE and ASB_RATE: the lower end of the exact (Garwood) 95 % confidence interval of the rate, the count taken as Poisson and the population as known. Null for other components, and exactly when raw is null.',
  })
  rawLow!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The upper end of the same interval (above 0 even for a count of 0); null exactly when rawLow is.',
  })
  rawHigh!: number | null;

  @Field(() => Float)
  weight!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'For incident components, the count the figure rests on (crime, ASB, both for TREND, open problems); null otherwise or when withheld.',
  })
  count!: number | null;
}

@ObjectType({ description: 'A unit with its need index and the components it is made of.' })
export class NeedUnit {
  @Field(() => String, { description: "The unit's ONS code, or a police neighbourhood's data.police.uk code." })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Float, {
    nullable: true,
    description:
      'Σ weight × standardised / Σ weight over the components the unit has; computed from exact figures for every caller.',
  })
  index!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "The index recomputed with the unit's CRIME_RATE and ASB_RATE at the low ends of their 95 % intervals, every other component at its value and every scale (mean, sd, min, max, the other units' values for RANK) as the point values fixed it. Null when the index is, when it has no rate component, or for public callers when a rate component rests on a count from 1 to 4 (the width would give the count).",
  })
  indexLow!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The same with the rates at the high ends of their intervals; null exactly when indexLow is.',
  })
  indexHigh!: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Whether the unit's order against the unit ranked just above it is meaningful: true when that unit's indexLow exceeds this unit's indexHigh; false when the two intervals touch or overlap (the counts could have come out the other way round). Null for the first unit, or when either has no interval (computed from exact figures for every caller, as index is). Overlap of two 95 % intervals is a cautious test: some overlapping pairs would still differ at 5 %.",
  })
  separatedFromAbove!: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'The same against the unit ranked just below; null for the last unit or when either has no interval.',
  })
  separatedFromBelow!: boolean | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "The IMD of the edition: population-weighted average score of the unit's LSOAs, or average rank where the edition has no scores.",
  })
  imd!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The national decile of the IMD average rank: ceil(10 × average rank / LSOAs in England).',
  })
  nationalDecile!: number | null;

  @Field(() => Int, { description: "The unit's LSOAs with figures in the edition." })
  lsoaCount!: number;

  @Field(() => [NeedComponentValue])
  components!: NeedComponentValue[];
}

@ObjectType({ description: 'How a need index was computed, defaults filled in.' })
export class NeedParameters {
  @Field(() => NeedLevel)
  level!: NeedLevel;

  @Field(() => String)
  boundarySet!: string;

  @Field(() => Int)
  edition!: number;

  @Field(() => NeedPresetName, { nullable: true, description: 'Null when weights were given.' })
  preset!: NeedPresetName | null;

  @Field(() => [NeedWeight])
  weights!: NeedWeight[];

  @Field(() => Standardisation)
  standardisation!: Standardisation;

  @Field(() => String, { nullable: true })
  from!: string | null;

  @Field(() => String, { nullable: true })
  to!: string | null;

  @Field(() => [String], { description: 'Months of the period the ward set did not hold (not counted).' })
  monthsNotOnSet!: string[];

  @Field(() => String, { description: 'The method in a sentence, for a report.' })
  method!: string;

  @Field(() => Disclosure)
  disclosure!: Disclosure;
}

@ObjectType({ description: 'A need index for every unit of a level, most need first.' })
export class NeedResult {
  @Field(() => NeedParameters)
  parameters!: NeedParameters;

  @Field(() => [NeedUnit], { description: 'Most need first, ties broken as priorityNeighbourhoods says.' })
  units!: NeedUnit[];
}

@ObjectType({ description: 'A unit in the priority ranking.' })
export class PriorityEntry {
  @Field(() => Int, { description: '1 for the most need.' })
  rank!: number;

  @Field(() => Boolean, { description: 'Among the top n.' })
  priority!: boolean;

  @Field(() => Tier)
  tier!: Tier;

  @Field(() => NeedUnit, { description: 'The unit, its index and the components that put it here.' })
  unit!: NeedUnit;
}

@ObjectType({ description: 'Units ranked by need, the top n priority, each with a tier.' })
export class PriorityResult {
  @Field(() => NeedParameters)
  parameters!: NeedParameters;

  @Field(() => Int)
  n!: number;

  @Field(() => TierMethod)
  tierMethod!: TierMethod;

  @Field(() => Float)
  red!: number;

  @Field(() => Float)
  amber!: number;

  @Field(() => String, { description: 'How ties in the index are broken.' })
  tieRule!: string;

  @Field(() => [PriorityEntry])
  entries!: PriorityEntry[];
}
