import type { Point } from 'geojson';
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

import { GeoJSONScalar } from '../geo/geojson.scalar';

/** The IMD and its seven domains; values are the names stored in lsoa_deprivation.domain. */
export enum DeprivationDomain {
  IMD = 'imd',
  INCOME = 'income',
  EMPLOYMENT = 'employment',
  EDUCATION = 'education',
  HEALTH = 'health',
  CRIME = 'crime',
  HOUSING_SERVICES = 'housing_services',
  LIVING_ENVIRONMENT = 'living_environment',
}

registerEnumType(DeprivationDomain, {
  name: 'DeprivationDomain',
  description: 'The Index of Multiple Deprivation (IMD) and its seven domains.',
});

@ObjectType({
  description: 'One published version of a boundary layer, with the period it was in force (ONS code history).',
})
export class BoundarySet {
  @Field(() => String, { description: 'Its name, e.g. ons-wards-2023; give it as boundarySet to ask for this set.' })
  id!: string;

  @Field(() => String, { description: 'ward or lsoa.' })
  kind!: string;

  @Field(() => Int, { description: 'The year of the boundaries.' })
  vintage!: number;

  @Field(() => String, { description: 'First day in force (YYYY-MM-DD).' })
  validFrom!: string;

  @Field(() => String, { nullable: true, description: 'Last day in force; null for the current set.' })
  validTo!: string | null;

  @Field(() => Boolean, { description: 'Whether this is the set in force today, which every query uses by default.' })
  current!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'For a ward set, the LSOA set of its best-fit lookup and roll-ups.',
  })
  lsoaSet!: string | null;

  @Field(() => String)
  source!: string;

  @Field(() => String, { description: 'Licence and attribution.' })
  licence!: string;
}

@ObjectType({ description: 'A neighbourhood area: a group of wards with a neighbourhood manager, in one ward set.' })
export class Area {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Where the grouping comes from (the shipped one is illustrative).' })
  description!: string;

  /** The ward set whose wards make up the area as asked for. */
  boundarySetId!: string;
}

@ObjectType({
  description: 'An electoral ward of one boundary set (ONS 2013 or 2023 wards); each belongs to exactly one area.',
})
export class Ward {
  @Field(() => String, { description: 'ONS ward code, e.g. E05015511 (2023) or E05001770 (2013).' })
  code!: string;

  @Field(() => String)
  name!: string;

  areaCode!: string;

  boundarySetId!: string;

  @Field(() => Float, { description: 'Land area in km², computed in EPSG:27700.' })
  areaSqKm!: number;

  @Field(() => GeoJSONScalar, { description: 'The centroid as a GeoJSON Point.' })
  centroid!: Point;
}

@ObjectType({ description: 'A Lower Layer Super Output Area (2011 and 2021 sets share most codes).' })
export class Lsoa {
  @Field(() => String, { description: 'ONS LSOA code, e.g. E01013453.' })
  code!: string;

  @Field(() => String, { description: 'ONS name, e.g. "Derby 013A".' })
  name!: string;

  wardCode!: string;

  @Field(() => String, { description: 'First day its code was in force (ONS code history).' })
  validFrom!: string;

  @Field(() => String, { nullable: true, description: 'Last day in force; null while live.' })
  validTo!: string | null;

  @Field(() => Int, {
    description:
      'ONS mid-2020 population estimate (for an LSOA of 2021, its share of the 2011 LSOA it came from, by land).',
  })
  populationMid2020!: number;

  @Field(() => Int, { description: 'ONS mid-2015 population (the IoD 2019 denominator).' })
  populationMid2015!: number;

  @Field(() => Float, { description: 'Land area in km², computed in EPSG:27700.' })
  areaSqKm!: number;
}

@ObjectType({ description: 'One measure of deprivation rolled up from LSOAs, as the official summaries do.' })
export class DeprivationMeasure {
  @Field(() => DeprivationDomain)
  domain!: DeprivationDomain;

  @Field(() => Float, {
    nullable: true,
    description: 'Population-weighted average score; null where the edition published no scores.',
  })
  averageScore!: number | null;

  @Field(() => Float, { description: 'Population-weighted average rank (1 = most deprived in England).' })
  averageRank!: number;

  @Field(() => Float, { description: 'Share (0 to 1) of the population living in LSOAs of deciles 1 and 2.' })
  populationShareInDeciles1And2!: number;

  @Field(() => Int, { description: 'LSOAs in the most deprived 10 % nationally (decile 1).' })
  lsoasInMostDeprived10Percent!: number;

  @Field(() => Int, { description: 'LSOAs in the most deprived 20 % nationally (deciles 1 and 2).' })
  lsoasInMostDeprived20Percent!: number;

  @Field(() => Int, { description: 'The most deprived decile among its LSOAs.' })
  worstDecile!: number;
}

@ObjectType({ description: 'Deprivation of a ward or area over its LSOAs (ONS best-fit lookup).' })
export class DeprivationSummary {
  @Field(() => Int)
  edition!: number;

  @Field(() => String, { description: 'The population that weights the averages.' })
  populationBasis!: string;

  @Field(() => Int, { description: 'LSOAs with figures in this edition.' })
  lsoaCount!: number;

  @Field(() => DeprivationMeasure, { description: 'The Index of Multiple Deprivation itself.' })
  imd!: DeprivationMeasure;

  @Field(() => [DeprivationMeasure], { description: 'The IMD and every domain the edition has.' })
  domains!: DeprivationMeasure[];
}

@ObjectType({ description: "One LSOA's figure for one measure." })
export class LsoaDeprivationFigure {
  @Field(() => DeprivationDomain)
  domain!: DeprivationDomain;

  @Field(() => Float, { nullable: true, description: 'Score; null where the edition published none.' })
  score!: number | null;

  @Field(() => Int, { description: 'Rank in England, 1 = most deprived.' })
  rank!: number;

  @Field(() => Int, { description: 'Decile in England, 1 = most deprived 10 %.' })
  decile!: number;
}

@ObjectType({ description: "One LSOA's figures in one edition of the Indices of Deprivation." })
export class LsoaDeprivation {
  @Field(() => Int)
  edition!: number;

  @Field(() => LsoaDeprivationFigure)
  imd!: LsoaDeprivationFigure;

  @Field(() => [LsoaDeprivationFigure])
  domains!: LsoaDeprivationFigure[];
}

@ObjectType({ description: 'Where a point falls: its ward, area and LSOA (null outside the city).' })
export class Location {
  @Field(() => Int, { description: 'Position of the point in the request (0 for locate).' })
  index!: number;

  @Field(() => Float)
  lon!: number;

  @Field(() => Float)
  lat!: number;

  wardCode!: string | null;
  areaCode!: string | null;
  lsoaCode!: string | null;
  boundarySetId!: string;
}

@ObjectType({ description: 'What passed between a ward and one of another set (the crosswalk, EPSG:27700).' })
export class WardShare {
  @Field(() => Ward, { description: 'The ward on the other side of the change.' })
  ward!: Ward;

  @Field(() => Float, { description: 'Land that passed, km².' })
  landSqKm!: number;

  @Field(() => Float, {
    description:
      "Share (0 to 1) of this ward's land that passed: of the old ward's land for successors, of the new ward's for predecessors.",
  })
  landShare!: number;

  @Field(() => Float, { description: 'Residents (mid-2020) on that land, apportioned through LSOAs by land.' })
  residents!: number;

  @Field(() => Float, {
    description: "Share (0 to 1) of this ward's residents that passed, on the same side as landShare.",
  })
  residentsShare!: number;
}

@InputType({ description: 'A WGS 84 point.' })
export class PointInput {
  @Field(() => Float, { description: 'Longitude, -180 to 180.' })
  lon!: number;

  @Field(() => Float, { description: 'Latitude, -90 to 90.' })
  lat!: number;
}

@InputType({ description: 'Which wards to list.' })
export class WardFilter {
  @Field(() => String, {
    nullable: true,
    description: 'The wards in force on this day (YYYY-MM-DD); default today, so the current set.',
  })
  asOf?: string | null;

  @Field(() => String, { nullable: true, description: 'The wards of this boundary set (boundarySets lists them).' })
  boundarySet?: string | null;

  @Field(() => String, { nullable: true, description: 'Only the wards of this area.' })
  areaCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Only wards whose name contains this (any case).' })
  nameContains?: string | null;
}
