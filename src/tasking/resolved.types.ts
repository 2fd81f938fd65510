import type { Geometry, MultiPolygon } from 'geojson';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

import { GeoJSONScalar } from '../geo/geojson.scalar';
import { BoundaryLevel } from '../hotspots/hotspots.types';

import { EffectVerdict } from './effect';

registerEnumType(EffectVerdict, {
  name: 'EffectVerdict',
  description:
    'What the before/after figures of a finished task say: LIKELY_WORKED, GOT_WORSE, NO_CLEAR_CHANGE, TOO_FEW incidents to judge, TOO_EARLY (the months after closing have not passed).',
});

/** The plain fields of a task that these results carry (the Task type links them by id). */
@ObjectType({ description: "A task as the effect and the problems list read it: its id links to the task's own type." })
export class ProblemTask {
  @Field(() => ID)
  taskId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: 'Agency code.' })
  agency!: string;

  @Field(() => String, { description: 'open, in_progress, done or cancelled.' })
  status!: string;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  dueOn!: string;

  @Field(() => String, { nullable: true, description: 'When it became done or cancelled (ISO 8601).' })
  closedAt!: string | null;

  @Field(() => Boolean, { description: 'Open or in progress with its due date before today (UTC).' })
  overdue!: boolean;

  @Field(() => EffectVerdict, {
    nullable: true,
    description:
      'For a done task on a place with no open task (where the listing rests on it): what taskEffect says over effectMonths; null otherwise (ask taskEffect).',
  })
  effect!: EffectVerdict | null;

  @Field(() => String, { nullable: true, description: "For a done task: taskEffect's reading." })
  effectReading!: string | null;
}

@ObjectType({
  description:
    'Did it work? A finished task: incidents in its footprint before and after, against the rest of the city.',
})
export class TaskEffect {
  @Field(() => ID)
  taskId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: 'Agency code.' })
  agency!: string;

  @Field(() => String)
  status!: string;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  dueOn!: string;

  @Field(() => String, { description: 'ISO 8601.' })
  createdAt!: string;

  @Field(() => String, { description: 'ISO 8601.' })
  closedAt!: string;

  @Field(() => [String], { description: 'The categories counted; empty for all.' })
  categories!: string[];

  @Field(() => GeoJSONScalar)
  footprint!: MultiPolygon;

  @Field(() => Int, { description: 'Months in each period.' })
  months!: number;

  @Field(() => String, {
    description: 'First month before (YYYY-MM): months whole months before the month of creation.',
  })
  beforeFrom!: string;

  @Field(() => String)
  beforeTo!: string;

  @Field(() => String, { description: 'First month after: the month after the month of closing.' })
  afterFrom!: string;

  @Field(() => String)
  afterTo!: string;

  @Field(() => String, { nullable: true, description: 'The latest month the hub holds incidents for.' })
  latestMonth!: string | null;

  @Field(() => Int, { description: 'Incidents inside the footprint, months before.' })
  insideBefore!: number;

  @Field(() => Int)
  insideAfter!: number;

  @Field(() => Int, {
    description: 'Incidents in the rest of the city (every other incident of those months), months before.',
  })
  outsideBefore!: number;

  @Field(() => Int)
  outsideAfter!: number;

  @Field(() => Float, { description: 'Per month.' })
  insideBeforeRate!: number;

  @Field(() => Float)
  insideAfterRate!: number;

  @Field(() => Float)
  outsideBeforeRate!: number;

  @Field(() => Float)
  outsideAfterRate!: number;

  @Field(() => Float, { nullable: true, description: 'insideAfter ÷ insideBefore.' })
  insideRatio!: number | null;

  @Field(() => Float, { nullable: true, description: 'outsideAfter ÷ outsideBefore.' })
  outsideRatio!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'insideRatio ÷ outsideRatio (difference in differences): below 1 the area did better than the city.',
  })
  ratioOfRatios!: number | null;

  @Field(() => Float, { nullable: true, description: '(ratioOfRatios − 1) × 100.' })
  changePercent!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'One-sided p of a fall: P(X ≤ insideAfter), X ~ Binomial(insideBefore + insideAfter, outsideAfter ÷ (outsideBefore + outsideAfter)).',
  })
  pFall!: number | null;

  @Field(() => Float, { nullable: true, description: 'One-sided p of a rise: P(X ≥ insideAfter).' })
  pRise!: number | null;

  @Field(() => EffectVerdict)
  verdict!: EffectVerdict;

  @Field(() => String, { description: 'The figures in one plain sentence.' })
  reading!: string;

  @Field(() => String, { description: 'How the figures were computed.' })
  method!: string;
}

export enum ProblemKind {
  PERSISTENT_HOTSPOT = 'PERSISTENT_HOTSPOT',
  CROSS_BOUNDARY = 'CROSS_BOUNDARY',
  REPORT_PAST_TARGET = 'REPORT_PAST_TARGET',
}
registerEnumType(ProblemKind, {
  name: 'ProblemKind',
  description:
    'PERSISTENT_HOTSPOT: contiguous cells hot at 95 % in most months; CROSS_BOUNDARY: a hot spot over the period split between units; REPORT_PAST_TARGET: a street-scene report open past its category target.',
});

export enum ProblemReason {
  NO_OPEN_TASK = 'NO_OPEN_TASK',
  OVERDUE_TASK = 'OVERDUE_TASK',
  FINISHED_WITHOUT_FALL = 'FINISHED_WITHOUT_FALL',
  PAST_TARGET = 'PAST_TARGET',
}
registerEnumType(ProblemReason, {
  name: 'ProblemReason',
  description:
    'NO_OPEN_TASK: no task on it at all (open, in progress or done); OVERDUE_TASK: an open or in-progress task past its due date; FINISHED_WITHOUT_FALL: its done tasks did not bring a fall (taskEffect NO_CLEAR_CHANGE, GOT_WORSE or TOO_FEW) and none is open; PAST_TARGET: a report open past its target days.',
});

@ObjectType({ description: 'A unit a problem lies in.' })
export class ProblemUnit {
  @Field(() => String, { description: 'ward, area or police_neighbourhood.' })
  level!: string;

  @Field(() => String)
  code!: string;
}

@ObjectType({ description: 'A problem not being resolved, with the reasons it is listed.' })
export class UnresolvedProblem {
  @Field(() => Int, { description: '1 for the highest score.' })
  rank!: number;

  @Field(() => ProblemKind)
  kind!: ProblemKind;

  @Field(() => [ProblemReason])
  reasons!: ProblemReason[];

  @Field(() => String, { description: 'The reasons in words.' })
  why!: string;

  @Field(() => Float, { description: 'The ranking score (rule in the result).' })
  score!: number;

  @Field(() => GeoJSONScalar, {
    description: 'Cells as a MultiPolygon; a report as its point (published point below officer).',
  })
  geometry!: Geometry;

  @Field(() => Int, { description: 'Incidents in the place over the period (1 for a report).' })
  incidents!: number;

  @Field(() => Int, { nullable: true, description: 'Persistent hot spots: months any of its cells was hot.' })
  significantMonths!: number | null;

  @Field(() => [ProblemUnit])
  units!: ProblemUnit[];

  @Field(() => [ProblemTask], { description: 'Tasks (not cancelled) whose footprint shares ground with it.' })
  tasks!: ProblemTask[];

  @Field(() => ID, { nullable: true, description: 'Reports: the incident id.' })
  reportId!: string | null;

  @Field(() => String, { nullable: true, description: 'Reports: the category.' })
  category!: string | null;

  @Field(() => Int, { nullable: true, description: "Reports: the category's target days." })
  targetDays!: number | null;

  @Field(() => Float, { nullable: true, description: 'Reports: days open so far.' })
  daysOpen!: number | null;
}

@ObjectType({ description: 'What problemsNotResolved analysed, defaults filled in.' })
export class ProblemsParameters {
  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;

  @Field(() => Int, { description: 'A cell is persistent when hot at 95 % in at least this many of the months.' })
  minSignificantMonths!: number;

  @Field(() => BoundaryLevel)
  level!: BoundaryLevel;

  @Field(() => Float)
  cellSizeMetres!: number;

  @Field(() => Int, { description: 'Months before and after by which done tasks are judged.' })
  effectMonths!: number;

  @Field(() => String, { description: 'Whole city, a board, or a polygon.' })
  extent!: string;

  @Field(() => String, { description: 'How problems are ranked.' })
  scoreRule!: string;
}

@ObjectType({ description: 'Problems not being resolved: for a board.' })
export class ProblemsNotResolved {
  @Field(() => ProblemsParameters)
  parameters!: ProblemsParameters;

  @Field(() => [UnresolvedProblem], { description: 'Highest score first, at most `first`.' })
  problems!: UnresolvedProblem[];

  @Field(() => Int, { description: 'Problems listed before the cut to `first`.' })
  total!: number;

  @Field(() => [String])
  warnings!: string[];
}

@InputType({ description: 'Where and when to look for problems not being resolved; every field has a default.' })
export class ProblemsInput {
  @Field(() => String, {
    nullable: true,
    description: 'First month, YYYY-MM; default 11 months before `to` (a year).',
  })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Last month, YYYY-MM; default the latest month the hub holds.' })
  to?: string | null;

  @Field(() => BoundaryLevel, {
    defaultValue: BoundaryLevel.WARD,
    description: 'The units cross-boundary issues are split between.',
  })
  level?: BoundaryLevel;

  @Field(() => ID, { nullable: true, description: "A board: only problems inside its units' footprint." })
  board?: string | null;

  @Field(() => GeoJSONScalar, {
    nullable: true,
    description: 'A GeoJSON Polygon or MultiPolygon to look in instead of a board.',
  })
  within?: Geometry | null;

  @Field(() => [String], { nullable: true, description: 'Category slugs; all when absent.' })
  categories?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Sources; all when absent.' })
  sources?: string[] | null;

  @Field(() => Float, { defaultValue: 250, description: 'Square cell side in metres for the hot-spot analyses.' })
  cellSizeMetres?: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Months (of the period) a cell must be hot to be persistent; default three quarters, rounded up.',
  })
  minSignificantMonths?: number | null;

  @Field(() => Int, {
    defaultValue: 3,
    description: 'Months before and after by which done tasks are judged, 1 to 24.',
  })
  effectMonths?: number;

  @Field(() => Int, { defaultValue: 100, description: 'Most problems returned, 1 to 500.' })
  first?: number;

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      "Leave out of the hot-spot analyses' extent every unit with a coverage gap in the period, as the analyses' coveredOnly does; parameters.extent names the units removed. Street-scene reports past target are listed wherever they are: each is a report, not a density.",
  })
  coveredOnly?: boolean;
}
