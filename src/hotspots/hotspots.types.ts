import type { Geometry, Point, Polygon } from 'geojson';
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

import { Disclosure } from '../auth/disclosure';
import { GeoJSONScalar } from '../geo/geojson.scalar';

export enum CellShape {
  SQUARE = 'square',
  HEXAGON = 'hexagon',
}
registerEnumType(CellShape, { name: 'CellShape', description: 'Cells laid in British National Grid metres.' });

export enum BoundaryLevel {
  WARD = 'ward',
  AREA = 'area',
  POLICE_NEIGHBOURHOOD = 'police_neighbourhood',
}
registerEnumType(BoundaryLevel, { name: 'BoundaryLevel' });

@InputType({
  description:
    'What to analyse and where. The period is required; the first extent given wins (polygon, bbox, areas, wards), else the whole city.',
})
export class AnalysisInput {
  @Field(() => String, {
    nullable: true,
    description:
      'The ward set whose wards and areas the analysis works on (boundarySets lists them); default the current set. On an earlier set, incidents are counted on the wards of their month, over the months the set was in force.',
  })
  boundarySet?: string | null;

  @Field(() => String, { description: 'First month, YYYY-MM.' })
  from!: string;

  @Field(() => String, { description: 'Last month, YYYY-MM (inclusive).' })
  to!: string;

  @Field(() => [String], { nullable: true, description: 'Category slugs; all when absent.' })
  categories?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Sources (police.uk, synthetic-police.uk, …); all when absent.',
  })
  sources?: string[] | null;

  @Field(() => [String], { nullable: true })
  areaCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Wards of the boundary set analysed.' })
  wardCodes?: string[] | null;

  @Field(() => [Float], { nullable: true, description: '[west, south, east, north] in WGS 84 degrees.' })
  bbox?: number[] | null;

  @Field(() => GeoJSONScalar, { nullable: true, description: 'A GeoJSON Polygon or MultiPolygon.' })
  within?: Geometry | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      "Leave out of the extent every unit (ward of the current set, police neighbourhood of a current layer) with a coverage gap in any month of the period for any source asked (all sources when none is named): a month in which it holds no incident of the source while exp(−expected) < 0.001, expected being the city's count times the unit's population share (dataQuality's coverage states the test). The whole unit is removed, for every month and source; parameters.extent names the units removed.",
  })
  coveredOnly?: boolean;
}

@InputType({ description: 'Getis-Ord Gi* hot-spot analysis over a grid.' })
export class HotspotInput extends AnalysisInput {
  @Field(() => CellShape, { defaultValue: CellShape.SQUARE })
  cellShape!: CellShape;

  @Field(() => Float, {
    defaultValue: 250,
    description: 'Square side, or hexagon edge (centre to corner), in metres: 25 to 5,000.',
  })
  cellSizeMetres!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Fixed distance band in metres, at least the cell size; by default 1.5 × size for squares, 2 × size for hexagons.',
  })
  bandMetres?: number | null;

  @Field(() => Boolean, {
    defaultValue: true,
    description: 'Judge significance on Benjamini-Hochberg false-discovery-rate adjusted p-values.',
  })
  fdr!: boolean;
}

@InputType({ description: 'DBSCAN density clusters (ST_ClusterDBSCAN in EPSG:27700).' })
export class ClusterInput extends AnalysisInput {
  @Field(() => Float, { defaultValue: 100, description: 'Neighbourhood radius in metres, 1 to 5,000.' })
  epsMetres!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Incidents within epsMetres (the point included) that make a core point, 2 to 10,000. When absent, chosen from the data: the smallest count that no point of a uniform background at the analysed density would reach with probability under 0.1 % (Cluster.minPointsRule states it).',
  })
  minPoints?: number | null;
}

@ObjectType({ description: 'The parameters a hot-spot analysis used, defaults filled in.' })
export class HotspotParameters {
  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;

  @Field(() => [String], { nullable: true })
  categories!: string[] | null;

  @Field(() => [String], { nullable: true })
  sources!: string[] | null;

  @Field(() => String, { description: 'What the cells were laid over.' })
  extent!: string;

  @Field(() => CellShape)
  cellShape!: CellShape;

  @Field(() => Float)
  cellSizeMetres!: number;

  @Field(() => Float)
  bandMetres!: number;

  @Field(() => String, { description: 'How the band was chosen.' })
  bandRule!: string;

  @Field(() => Boolean)
  fdr!: boolean;

  @Field(() => Boolean, { description: 'Whether only significant cells (confidence not 0) were returned.' })
  significantOnly!: boolean;

  @Field(() => String, { description: 'The ward set the cells, wards and areas are of (boundarySets lists them).' })
  boundarySet!: string;
}

@ObjectType({ description: 'One grid cell with its Gi* result.' })
export class HotspotCell {
  @Field(() => String, { description: 'i:j, the cell index in the grid.' })
  id!: string;

  @Field(() => GeoJSONScalar)
  geometry!: Polygon;

  @Field(() => Int, {
    nullable: true,
    description: 'Incidents in the cell; null when withheld (1 to 4, for callers without credentials).',
  })
  count!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Gi* z-score (from the exact counts); null where undefined (every cell the same count).',
  })
  zScore!: number | null;

  @Field(() => Float, { nullable: true, description: 'Two-sided p-value.' })
  pValue!: number | null;

  @Field(() => Float, { nullable: true, description: 'Benjamini-Hochberg adjusted p-value (q-value).' })
  fdrPValue!: number | null;

  @Field(() => Int, { description: '+3/−3 at 99 %, ±2 at 95 %, ±1 at 90 %, 0 not significant (after FDR when on).' })
  confidence!: number;

  @Field(() => Int, { description: 'Cells within the band, not counting itself.' })
  neighbourCount!: number;

  wardCodes!: string[];
  areaCodes!: string[];
  /** The ward set of its wards and areas. */
  boundarySetId!: string;
}

@ObjectType({ description: 'A Gi* hot-spot analysis.' })
export class HotspotResult {
  @Field(() => HotspotParameters)
  parameters!: HotspotParameters;

  @Field(() => [HotspotCell])
  cells!: HotspotCell[];

  @Field(() => [String], { description: 'Anything the analyst should know (an undefined statistic, an empty period).' })
  warnings!: string[];

  @Field(() => Disclosure, { description: 'Whether small cell counts were withheld from this caller.' })
  disclosure!: Disclosure;
}

@ObjectType({ description: 'The share of an analysed place that falls in one ward, area or police neighbourhood.' })
export class BoundaryShare {
  @Field(() => BoundaryLevel)
  level!: BoundaryLevel;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => Float, { description: '0 to 1.' })
  share!: number;
}

@ObjectType()
export class CategoryTally {
  @Field(() => String)
  category!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'A DBSCAN density cluster of incidents.' })
export class Cluster {
  @Field(() => Int, { description: 'Its number in this run.' })
  id!: number;

  @Field(() => String, {
    description:
      'Names the cluster across runs of the same analysis on the same data: a hash of its incident ids, so it changes when its incidents do. A task or priority is made from it with PlaceInput.cluster.',
  })
  key!: string;

  @Field(() => GeoJSONScalar, { description: 'Convex hull of its incidents.' })
  hull!: Geometry;

  @Field(() => GeoJSONScalar)
  centroid!: Point;

  @Field(() => Int)
  count!: number;

  @Field(() => [CategoryTally], { description: 'Largest first.' })
  categories!: CategoryTally[];

  @Field(() => String)
  firstMonth!: string;

  @Field(() => String)
  lastMonth!: string;

  @Field(() => [BoundaryShare], { description: 'Every ward and area its incidents fall in, with counts and shares.' })
  boundaries!: BoundaryShare[];

  @Field(() => String, { description: 'The ward set whose wards and areas it names (boundarySets lists them).' })
  boundarySet!: string;

  @Field(() => Int, { description: "The minPoints DBSCAN ran with: the caller's, or chosen from the data." })
  minPoints!: number;

  @Field(() => String, { description: 'How minPoints was chosen, with the numbers.' })
  minPointsRule!: string;

  @Field(() => Float, { description: "Its hull's area as a share of the extent's, 0 to 1." })
  extentShare!: number;

  @Field(() => Boolean, {
    description:
      'Its hull covers more than half the extent: background density, not a place (minPoints is too low for the data).',
  })
  coversMostOfExtent!: boolean;
}

@ObjectType({ description: 'DBSCAN clusters with what the analyst should know about them.' })
export class ClusterResult {
  @Field(() => [Cluster], { description: 'Largest first, as the clusters query lists them.' })
  clusters!: Cluster[];

  @Field(() => [String], {
    description:
      "Anything the analyst should know, such as a radius below the typical spacing of a snapped source's points.",
  })
  warnings!: string[];
}

@ObjectType({ description: 'A hot spot or cluster whose incidents fall in more than one unit.' })
export class CrossBoundaryIssue {
  @Field(() => String, {
    description:
      'Names the issue across runs of the same analysis on the same data: the kind and a hash of its cell ids (HOTSPOT) or of its incident ids (CLUSTER, the key of the cluster), so it changes when the issue does. A task or priority is made from it with PlaceInput.crossBoundary.',
  })
  key!: string;

  @Field(() => String, { description: 'HOTSPOT (contiguous significant hot cells) or CLUSTER.' })
  kind!: string;

  @Field(() => GeoJSONScalar)
  geometry!: Geometry;

  @Field(() => Int)
  incidents!: number;

  @Field(() => Float, { description: 'Hot spots: the highest confidence level of their cells (1 to 3); clusters: 1.' })
  significance!: number;

  @Field(() => Float, { description: 'incidents × significance; the list is ranked by it.' })
  score!: number;

  @Field(() => [BoundaryShare], { description: 'The units involved at the level asked, largest share first.' })
  parties!: BoundaryShare[];

  @Field(() => BoundaryShare, { description: 'The proposed lead: the unit with the largest share.' })
  lead!: BoundaryShare;

  @Field(() => String, { description: 'The ward set whose wards and areas it names (boundarySets lists them).' })
  boundarySet!: string;

  @Field(() => Int, { nullable: true, description: 'A CLUSTER: the minPoints DBSCAN ran with; null for a HOTSPOT.' })
  minPoints!: number | null;

  @Field(() => String, { nullable: true, description: 'A CLUSTER: how minPoints was chosen; null for a HOTSPOT.' })
  minPointsRule!: string | null;

  @Field(() => Boolean, {
    description:
      'A CLUSTER whose hull covers more than half the extent (background, not a place); false for a HOTSPOT.',
  })
  coversMostOfExtent!: boolean;
}

@ObjectType()
export class MonthTally {
  @Field(() => String)
  month!: string;

  @Field(() => Int, { nullable: true, description: 'Null when withheld (1 to 4, for callers without credentials).' })
  count!: number | null;
}

@ObjectType({ description: 'A hot spot over the period, with its months and its trend.' })
export class HotspotTrend {
  @Field(() => GeoJSONScalar, { description: 'Its cells, as a MultiPolygon.' })
  geometry!: Geometry;

  @Field(() => Int)
  cells!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Incidents over the period; null when withheld (1 to 4, for callers without credentials).',
  })
  total!: number | null;

  @Field(() => [MonthTally])
  months!: MonthTally[];

  @Field(() => Int, {
    description: 'Months in which one of its cells was hot at 95 % or more (Gi* of that month alone).',
  })
  significantMonths!: number;

  @Field(() => String, { description: 'NEW, INTENSIFYING, PERSISTENT, DIMINISHING or SPORADIC (rules in the README).' })
  trend!: string;

  @Field(() => Float, { description: 'Mann-Kendall S over the monthly counts.' })
  mannKendallS!: number;

  @Field(() => Float)
  mannKendallZ!: number;

  @Field(() => Float)
  mannKendallPValue!: number;

  @Field(() => [String])
  wardCodes!: string[];

  @Field(() => String, { description: 'The ward set whose wards and areas it names (boundarySets lists them).' })
  boundarySet!: string;
}

@ObjectType({ description: 'A cell hot in at least the months asked of the last months analysed.' })
export class PersistentCell {
  @Field(() => String)
  id!: string;

  @Field(() => GeoJSONScalar)
  geometry!: Polygon;

  @Field(() => Int, {
    nullable: true,
    description: 'Incidents over the months analysed; null when withheld (1 to 4, for callers without credentials).',
  })
  count!: number | null;

  @Field(() => Int, { description: 'Months in which the cell was hot at 95 % or more.' })
  significantMonths!: number;

  @Field(() => [String])
  wardCodes!: string[];

  @Field(() => [String])
  areaCodes!: string[];

  @Field(() => String, { description: 'The ward set whose wards and areas it names (boundarySets lists them).' })
  boundarySet!: string;
}

@ObjectType({ description: 'How well cells flagged in one period caught the incidents of a later one.' })
export class HotspotAccuracy {
  @Field(() => Int, { description: 'Cells hot at 95 % or more in the flagging period.' })
  flaggedCells!: number;

  @Field(() => Int)
  totalCells!: number;

  @Field(() => Float, { description: 'flaggedCells ÷ totalCells (cells are equal in size).' })
  areaShare!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Incidents of the test period; null when withheld (1 to 4, for callers without credentials).',
  })
  testIncidents!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Of those, in flagged cells; null when withheld (1 to 4, for callers without credentials).',
  })
  capturedIncidents!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Hit rate: capturedIncidents ÷ testIncidents; null when either is withheld.',
  })
  hitRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Predictive Accuracy Index: hit rate ÷ area share; null when nothing was flagged or happened, or a count is withheld.',
  })
  pai!: number | null;

  @Field(() => String, { description: 'The ward set whose wards and areas made the extent (boundarySets lists them).' })
  boundarySet!: string;
}

@ObjectType({ description: 'Problems that cross boundaries, with what the analyst should know about their data.' })
export class CrossBoundaryResult {
  @Field(() => [CrossBoundaryIssue], { description: 'Ranked by score, as crossBoundaryIssues lists them.' })
  issues!: CrossBoundaryIssue[];

  @Field(() => [String], {
    description:
      "Anything the analyst should know: the hot-spot grid's warnings (coverage gaps, months left out, cells below the spacing of snapped points) and a DBSCAN radius below that spacing.",
  })
  warnings!: string[];
}
