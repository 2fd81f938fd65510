import type { Geometry } from 'geojson';
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';

import { GeoJSONScalar } from '../geo/geojson.scalar';
import { BoundaryLevel } from '../hotspots/hotspots.types';

@ObjectType({ description: 'A month in which a unit held no incident of a source where the city rate expects some.' })
export class CoverageGapMonth {
  @Field(() => String, { description: 'YYYY-MM' })
  month!: string;

  @Field(() => Int, { description: "The source's incidents placed in a unit of this level that month, city-wide." })
  cityCount!: number;

  @Field(() => Float, { description: "cityCount × the unit's share (of population, or of land: see basis)." })
  expected!: number;

  @Field(() => Float, { description: 'exp(−expected): the Poisson probability of no incident at the city rate.' })
  probabilityOfNone!: number;
}

@ObjectType({
  description: 'A unit that holds no incident of a source in months where the rest of the city holds many.',
})
export class CoverageGap {
  @Field(() => BoundaryLevel, { description: 'WARD (current set) or POLICE_NEIGHBOURHOOD (current layer).' })
  level!: BoundaryLevel;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, {
    description:
      "What the unit's share is of: population (mid-2020, LSOAs apportioned by land), or area when the hub holds no population.",
  })
  basis!: string;

  @Field(() => [CoverageGapMonth], { description: 'The months of the gap, oldest first.' })
  months!: CoverageGapMonth[];
}

@ObjectType({ description: "Where and when a source's data is missing: its span, and the units without it." })
export class SourceCoverage {
  @Field(() => String, { nullable: true, description: 'First month with rows of the source, anywhere in the hub.' })
  firstMonth!: string | null;

  @Field(() => String, { nullable: true, description: 'Last month with rows of the source, anywhere in the hub.' })
  lastMonth!: string | null;

  @Field(() => Boolean, { description: 'Whether the source starts after the first month of the period, inside it.' })
  startsInPeriod!: boolean;

  @Field(() => Boolean, { description: 'Whether the source stops before the last month of the period, inside it.' })
  stopsInPeriod!: boolean;

  @Field(() => [CoverageGap], {
    description: 'Units of the extent with a gap (the test is in rule), wards first, by code.',
  })
  gaps!: CoverageGap[];

  @Field(() => String, { description: 'The test that marks a gap.' })
  rule!: string;
}

@InputType({
  description:
    'Where to look for coverage gaps; the first given wins (polygon, bbox, areas, wards), else the whole city. Units whose land overlaps it are reported.',
})
export class CoverageExtent {
  @Field(() => [String], { nullable: true, description: 'Areas of the current ward set.' })
  areaCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Wards of the current ward set.' })
  wardCodes?: string[] | null;

  @Field(() => [Float], { nullable: true, description: '[west, south, east, north] in WGS 84 degrees.' })
  bbox?: number[] | null;

  @Field(() => GeoJSONScalar, { nullable: true, description: 'A GeoJSON Polygon or MultiPolygon.' })
  within?: Geometry | null;
}
