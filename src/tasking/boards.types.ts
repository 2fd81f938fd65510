import type { MultiPolygon } from 'geojson';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

import { GeoJSONScalar } from '../geo/geojson.scalar';

import { ProgressStatus } from './progress';
import { AgencyKind, MemberRole, PlaceInput, UnitLevel } from './tasking.types';

/** GraphQL types of agencies, boards, and neighbourhood plans with their priorities. */

/** Longest name of a board, agency or member, and longest title of a plan or priority. */
export const MAX_NAME = 200;
/** Longest meeting notes. */
export const MAX_NOTES = 5000;
/** Most units one board covers. */
export const MAX_UNITS = 50;
/** Most categories one priority names. */
export const MAX_PRIORITY_CATEGORIES = 40;
/** The range a priority's target may take, in per cent: from "down to none" to eleven times as many. */
export const TARGET_RANGE = [-100, 1000] as const;

registerEnumType(ProgressStatus, {
  name: 'ProgressStatus',
  description:
    'ON_TRACK or OFF_TRACK against the target; NO_BASELINE when the same months of the year before had no incident; TOO_EARLY when the hub holds no month of the plan year yet.',
});

@InputType({ description: 'A new agency.' })
export class CreateAgencyInput {
  @Field(() => String, {
    description: 'Upper case, digits and _, 2 to 40 characters, starting with a letter: e.g. DERBY_HOMES.',
  })
  code!: string;

  @Field(() => String, { description: `Unique, at most ${MAX_NAME} characters.` })
  name!: string;

  @Field(() => AgencyKind)
  kind!: AgencyKind;
}

@InputType({ description: 'A unit a board covers.' })
export class BoardUnitInput {
  @Field(() => UnitLevel)
  level!: UnitLevel;

  @Field(() => String, {
    description: "A ward code of the current set, an area code, or a current police neighbourhood's id.",
  })
  code!: string;
}

@InputType({ description: 'A new board and the units it covers.' })
export class CreateBoardInput {
  @Field(() => String, { description: `Unique, at most ${MAX_NAME} characters.` })
  name!: string;

  @Field(() => [BoardUnitInput], { description: `1 to ${MAX_UNITS} units, all of one level.` })
  units!: BoardUnitInput[];
}

@InputType({ description: 'A member of a board, by role. No contact details: a name or a post only.' })
export class BoardMemberInput {
  @Field(() => MemberRole)
  role!: MemberRole;

  @Field(() => String, {
    description: `A name or a post ("Ward councillor, Arboretum"), at most ${MAX_NAME} characters; an e-mail address or a phone number is refused.`,
  })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The code of the agency they represent, if any.' })
  agency?: string | null;
}

@InputType({ description: 'A meeting held.' })
export class MeetingInput {
  @Field(() => String, {
    description: 'The day it was held, YYYY-MM-DD, from 2000-01-01 to today (UTC): meetings are recorded once held.',
  })
  heldOn!: string;

  @Field(() => String, { nullable: true, description: `At most ${MAX_NOTES} characters.` })
  notes?: string | null;
}

@InputType({ description: 'A priority of a neighbourhood plan.' })
export class PlanPriorityInput {
  @Field(() => String, { description: `At most ${MAX_NAME} characters, e.g. "ASB around the bus station".` })
  title!: string;

  @Field(() => [String], {
    defaultValue: [],
    description: `Category slugs (at most ${MAX_PRIORITY_CATEGORIES}); none for every category.`,
  })
  categories!: string[];

  @Field(() => PlaceInput, {
    description:
      'Where: a drawn polygon, a ward, an area, a police neighbourhood or a board (a street-scene report is one incident, not a place for a yearly target). Kept as its footprint.',
  })
  place!: PlaceInput;

  @Field(() => String, { description: 'The code of the agency that leads on it.' })
  leadAgency!: string;

  @Field(() => Float, {
    description: `The target change on the same months of the year before, in per cent, from ${TARGET_RANGE[0]} to ${TARGET_RANGE[1]}: -20 for "down 20 %".`,
  })
  targetChangePercent!: number;
}

@ObjectType({ description: 'A unit a board covers.' })
export class BoardUnit {
  @Field(() => UnitLevel)
  level!: UnitLevel;

  @Field(() => String, { description: "A ward or area code, or a police neighbourhood's id." })
  code!: string;

  @Field(() => String, { nullable: true, description: 'Null only if the unit has since left the hub.' })
  name!: string | null;
}

@ObjectType({ description: 'A member of a board by role. The hub holds no contact details for anyone.' })
export class BoardMember {
  @Field(() => ID)
  id!: string;

  @Field(() => MemberRole)
  role!: MemberRole;

  @Field(() => String, { description: 'A name or a post.' })
  name!: string;

  agencyCode!: string | null;
}

@ObjectType({ description: 'A meeting of a board.' })
export class BoardMeeting {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  heldOn!: string;

  @Field(() => String, { nullable: true })
  notes!: string | null;

  @Field(() => String, { description: 'Who recorded it: the authenticated caller.' })
  recordedBy!: string;
}

@ObjectType({
  description: 'A neighbourhood board: one per ward in Derby, or per area or police neighbourhood elsewhere.',
})
export class Board {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Who created it: the authenticated caller.' })
  createdBy!: string;

  @Field(() => String, { description: 'When, ISO 8601.' })
  createdAt!: string;
}

@ObjectType({ description: "A board's twelve-month neighbourhood plan: a few priorities for one calendar year." })
export class NeighbourhoodPlan {
  @Field(() => ID)
  id!: string;

  boardId!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: 'Who created it: the authenticated caller.' })
  createdBy!: string;

  @Field(() => String, { description: 'When, ISO 8601.' })
  createdAt!: string;
}

@ObjectType({ description: 'One priority of a plan: incidents of some categories in a place, a lead, a target.' })
export class PlanPriority {
  @Field(() => ID)
  id!: string;

  planId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => [String], { description: 'Category slugs; empty for every category.' })
  categories!: string[];

  @Field(() => String, {
    description:
      'What the place was: polygon, ward, area, policeNeighbourhood, board, hotspot, cluster or cross_boundary.',
  })
  placeKind!: string;

  @Field(() => String, { nullable: true, description: 'What it was made from (a code or id); null for a polygon.' })
  placeRef!: string | null;

  @Field(() => GeoJSONScalar, { description: 'The footprint counted in: a MultiPolygon, WGS 84.' })
  footprint!: MultiPolygon;

  leadAgency!: string;

  @Field(() => Float, { description: 'Per cent on the same months of the year before (-20: down 20 %).' })
  targetChangePercent!: number;
}

@ObjectType({
  description:
    "A priority's progress, counted from incidents: its categories inside its footprint from January of the plan year to the last month counted, against the same months a year before.",
})
export class PriorityProgress {
  @Field(() => String, { description: 'YYYY-MM: January of the plan year.' })
  from!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM: the last month counted; null when too early.' })
  to!: string | null;

  @Field(() => String)
  baselineFrom!: string;

  @Field(() => String, { nullable: true })
  baselineTo!: string | null;

  @Field(() => Int)
  count!: number;

  @Field(() => Int)
  baselineCount!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Change on the year before in per cent, to 0.1; null without a baseline or when too early.',
  })
  changePercent!: number | null;

  @Field(() => Float)
  targetChangePercent!: number;

  @Field(() => ProgressStatus)
  status!: ProgressStatus;

  @Field(() => String, { description: 'The same in words, saying when the numbers are small.' })
  reading!: string;
}
