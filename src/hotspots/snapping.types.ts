import type { Geometry } from 'geojson';
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';

import { GeoJSONScalar } from '../geo/geojson.scalar';

@InputType({
  description:
    'Where to measure snapping: the first extent given wins (polygon, bbox, areas, wards), else the whole city; sources default to all.',
})
export class SnappingInput {
  @Field(() => [String], {
    nullable: true,
    description:
      'Sources the hub holds rows from or knows (police.uk, synthetic-police.uk, council-report); all when absent.',
  })
  sources?: string[] | null;

  @Field(() => String, { nullable: true, description: 'The ward set whose wards and areas make the extent.' })
  boundarySet?: string | null;

  @Field(() => [String], { nullable: true })
  areaCodes?: string[] | null;

  @Field(() => [String], { nullable: true })
  wardCodes?: string[] | null;

  @Field(() => [Float], { nullable: true, description: '[west, south, east, north] in WGS 84 degrees.' })
  bbox?: number[] | null;

  @Field(() => GeoJSONScalar, { nullable: true, description: 'A GeoJSON Polygon or MultiPolygon.' })
  within?: Geometry | null;
}

@ObjectType({
  description:
    "How far one source's points are snapped to shared points in an extent and period: police.uk publishes each crime at one of a few thousand anonymous map points.",
})
export class SourceSnapping {
  @Field(() => String)
  source!: string;

  @Field(() => Boolean, {
    description: 'Whether its points are snapped (shared map points or published grid points), by snappedRule.',
  })
  snapped!: boolean;

  @Field(() => String, { description: 'Why snapped is what it is: the known source, or the rule for an unknown one.' })
  snappedRule!: string;

  @Field(() => Int, { description: 'Incidents of the source in the extent and period.' })
  incidents!: number;

  @Field(() => Int, { description: 'Distinct points they lie at (as the caller sees them).' })
  distinctPoints!: number;

  @Field(() => Float)
  meanPerPoint!: number;

  @Field(() => Float)
  medianPerPoint!: number;

  @Field(() => Int)
  maxPerPoint!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Typical spacing of its points: the median distance in metres (British National Grid) from each distinct point to the nearest other; null with fewer than two points. Cells or DBSCAN radii below it measure where points were put, not where incidents happened.',
  })
  spacingMetres!: number | null;
}
