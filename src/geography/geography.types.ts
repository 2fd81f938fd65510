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

@ObjectType({ description: 'A neighbourhood area: a group of wards with a neighbourhood manager.' })
export class Area {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Where the grouping comes from (the shipped one is illustrative).' })
  description!: string;
}

@ObjectType({ description: 'An electoral ward (ONS 2013 boundaries); each belongs to exactly one area.' })
export class Ward {
  @Field(() => String, { description: 'ONS ward code, e.g. E05001770.' })
  code!: string;

  @Field(() => String)
  name!: string;

  areaCode!: string;

  @Field(() => Float, { description: 'Land area in km², computed in EPSG:27700.' })
  areaSqKm!: number;

  @Field(() => GeoJSONScalar, { description: 'The centroid as a GeoJSON Point.' })
  centroid!: Point;
}

@ObjectType({ description: 'A Lower Layer Super Output Area (2011 set).' })
export class Lsoa {
  @Field(() => String, { description: 'ONS LSOA code, e.g. E01013453.' })
  code!: string;

  @Field(() => String, { description: 'ONS name, e.g. "Derby 013A".' })
  name!: string;

  wardCode!: string;

  @Field(() => Int, { description: 'ONS mid-2020 population estimate.' })
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
  @Field(() => String, { nullable: true, description: 'Only the wards of this area.' })
  areaCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Only wards whose name contains this (any case).' })
  nameContains?: string | null;
}
