import type { Geometry, Point } from 'geojson';
import { Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

import { Disclosure } from '../auth/disclosure';
import { GeoJSONScalar } from '../geo/geojson.scalar';

import { SourceCoverage } from './coverage.types';

export enum IncidentKind {
  CRIME = 'crime',
  ASB = 'asb',
  STREET_SCENE = 'street_scene',
  ENFORCEMENT = 'enforcement',
  FIRE = 'fire',
}
registerEnumType(IncidentKind, { name: 'IncidentKind' });

/** The street-scene workflow; values as stored. */
export enum IssueStatus {
  OPEN = 'open',
  IN_PROGRESS = 'in_progress',
  RESOLVED = 'resolved',
  CLOSED = 'closed',
}
registerEnumType(IssueStatus, { name: 'IssueStatus', description: 'open → in progress → resolved or closed.' });

@ObjectType({ description: 'A kind of incident and the agency that owns it.' })
export class IncidentCategory {
  @Field(() => String, { description: 'e.g. anti-social-behaviour, burglary, fly-tipping.' })
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => IncidentKind)
  kind!: IncidentKind;

  @Field(() => String, {
    description:
      'The code of the agency that owns it (STREETPRIDE, COMMUNITY_SAFETY, POLICE, HOUSING, FIRE_AND_RESCUE, or one an administrator added); `agency` gives the agency.',
  })
  service!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Days within which a report of this kind should be put right; null where no target is set.',
  })
  targetDays!: number | null;

  @Field(() => String, { nullable: true, description: 'The Crime type police.uk files use, where it is one.' })
  policeName!: string | null;
}

@ObjectType({
  description: 'A crime, ASB report, street-scene problem or enforcement action. Reporter contact is never returned.',
})
export class Incident {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'police.uk, synthetic-police.uk, council-report, synthetic-council-report, …' })
  source!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "police.uk's Crime ID (64 hex characters); null for rows without one (anti-social behaviour, reports).",
  })
  crimeId!: string | null;

  categorySlug!: string;

  @Field(() => String, { description: 'YYYY-MM.' })
  month!: string;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When reported, where the source says (not police.uk).',
  })
  occurredAt!: Date | null;

  @Field(() => GeoJSONScalar, { nullable: true, description: 'A GeoJSON Point; null where the source gave none.' })
  point!: Point | null;

  @Field(() => String, { nullable: true, description: 'police.uk\'s "On or near …", or the reported place.' })
  location!: string | null;

  @Field(() => String, { nullable: true, description: 'police.uk last outcome category.' })
  outcome!: string | null;

  @Field(() => IssueStatus, { nullable: true, description: 'Street-scene workflow status; null for police data.' })
  status!: IssueStatus | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  /** Ward and area in the set in force in its month. */
  wardCode!: string | null;
  areaCode!: string | null;
  /** Ward and area in the current set. */
  currentWardCode!: string | null;
  currentAreaCode!: string | null;
  lsoaCode!: string | null;
  policeNeighbourhoodId!: number | null;
}

@ObjectType()
export class IncidentEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Incident)
  node!: Incident;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when the page was asked for after a cursor.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first row's cursor; null on an empty page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType({ description: 'A page of incidents (Relay connection), newest month first.' })
export class IncidentConnection {
  @Field(() => Int, { description: 'All incidents matching the filter, not just this page.' })
  totalCount!: number;

  @Field(() => [IncidentEdge])
  edges!: IncidentEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType({ description: 'Which incidents; every field is optional and they combine with AND.' })
export class IncidentFilter {
  @Field(() => [String], { nullable: true, description: 'Category slugs.' })
  categories?: string[] | null;

  @Field(() => String, { nullable: true, description: 'First month, YYYY-MM.' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Last month, YYYY-MM (inclusive).' })
  to?: string | null;

  @Field(() => [String], { nullable: true })
  wardCodes?: string[] | null;

  @Field(() => [String], { nullable: true })
  areaCodes?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Police neighbourhood ids (the policeNeighbourhoods query).' })
  policeNeighbourhoodIds?: string[] | null;

  @Field(() => [Float], { nullable: true, description: '[west, south, east, north] in WGS 84 degrees.' })
  bbox?: number[] | null;

  @Field(() => GeoJSONScalar, { nullable: true, description: 'A GeoJSON Polygon or MultiPolygon.' })
  within?: Geometry | null;

  @Field(() => [String], { nullable: true })
  sources?: string[] | null;

  @Field(() => [IssueStatus], { nullable: true })
  statuses?: IssueStatus[] | null;
}

@ObjectType()
export class CategoryCount {
  categorySlug!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Null when withheld (counts from 1 to 4, for callers without credentials).',
  })
  count!: number | null;
}

@ObjectType()
export class MonthCount {
  @Field(() => String, { description: 'YYYY-MM' })
  month!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Null when withheld (counts from 1 to 4, for callers without credentials).',
  })
  count!: number | null;
}

@ObjectType({ description: 'Incident figures for a ward or area over a period.' })
export class IncidentStats {
  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Incidents in the period; null when withheld (counts from 1 to 4, for callers without credentials).',
  })
  total!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Incidents per 1,000 residents (mid-2020 population); null when total is withheld.',
  })
  ratePer1000!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Lower end of the exact (Garwood) 95 % confidence interval of ratePer1000: the total treated as a Poisson count, the population as known. Null exactly when ratePer1000 is (an interval would reveal a withheld count).',
  })
  ratePer1000Low!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Upper end of the same 95 % interval; above 0 even when the total is 0 (3.69 incidents over the population). Null exactly when ratePer1000 is.',
  })
  ratePer1000High!: number | null;

  @Field(() => [CategoryCount], { description: 'Counts by category, largest first.' })
  byCategory!: CategoryCount[];

  @Field(() => [MonthCount], { description: 'Every month of the period, zeros included.' })
  byMonth!: MonthCount[];

  @Field(() => Int, {
    nullable: true,
    description:
      'The same months a year earlier; null when withheld (counts from 1 to 4, for callers without credentials).',
  })
  previousYearTotal!: number | null;

  @Field(() => Int, { nullable: true, description: 'total − previousYearTotal; null when either is withheld.' })
  change!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Change in per cent; null when a year earlier had none or either total is withheld.',
  })
  changePercent!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Street-scene issues open or in progress now; null when withheld (counts from 1 to 4, for callers without credentials).',
  })
  openIssues!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Median days since those were reported; null when none or withheld.',
  })
  openIssuesMedianAgeDays!: number | null;

  @Field(() => Disclosure, { description: 'Whether small counts were withheld from this caller.' })
  disclosure!: Disclosure;

  @Field(() => String, {
    nullable: true,
    description:
      "The ward set the counts are on (the ward's or area's own set); null for police neighbourhoods, whose counts do not depend on wards.",
  })
  boundarySet!: string | null;

  @Field(() => [String], {
    description:
      "Months of the period the set was not in force in, counted as zero: a ward or area of an earlier set holds only its own months' incidents (ask on the current set, or wardChange, for a trend across the change).",
  })
  monthsNotOnSet!: string[];
}

@ObjectType()
export class SourceQuality {
  @Field(() => String)
  source!: string;

  @Field(() => Int)
  rows!: number;

  @Field(() => [String], { description: 'Months of the period with rows from this source.' })
  monthsPresent!: string[];

  @Field(() => [String], { description: 'Months of the period with none.' })
  monthsMissing!: string[];

  @Field(() => Int)
  rowsWithoutLocation!: number;

  @Field(() => Int, { description: 'Rows whose published LSOA code is not the LSOA their point falls in.' })
  lsoaMismatches!: number;

  @Field(() => SourceCoverage, {
    description:
      "The source's span, and the units of the extent that hold none of its incidents in months where the rest of the city holds many.",
  })
  coverage!: SourceCoverage;
}

@ObjectType({ description: 'How complete and consistent the incident data is over a period.' })
export class DataQuality {
  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;

  @Field(() => [SourceQuality])
  sources!: SourceQuality[];
}

@ObjectType({ description: "One step of a street-scene report's workflow." })
export class StatusChange {
  @Field(() => IssueStatus, { nullable: true })
  from!: IssueStatus | null;

  @Field(() => IssueStatus)
  to!: IssueStatus;

  @Field(() => GraphQLISODateTime)
  changedAt!: Date;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Who made the change (api-key:ID (label) or jwt:SUBJECT); null for bulk imports.',
  })
  changedBy!: string | null;
}

@InputType({ description: 'A street-scene problem reported to the council.' })
export class ReportIssueInput {
  @Field(() => String, { description: 'A street-scene, enforcement or fire category slug, e.g. fly-tipping.' })
  category!: string;

  @Field(() => Float)
  lon!: number;

  @Field(() => Float)
  lat!: number;

  @Field(() => String)
  description!: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was reported; now when absent.' })
  reportedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Stored for officers; never returned by any query.' })
  reporterContact?: string | null;
}
