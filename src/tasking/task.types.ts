import type { MultiPolygon } from 'geojson';
import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from 'type-graphql';

import { GeoJSONScalar } from '../geo/geojson.scalar';
import { Incident } from '../incidents/incidents.types';

import { Agency, MemberRole, PlaceInput, TaskStatus, UnitLevel } from './tasking.types';

/** Longest task title. */
export const MAX_TASK_TITLE = 200;
/** Longest note on a status change (and so the outcome). */
export const MAX_TASK_NOTE = 2000;
/** Most tasks in one page. */
export const MAX_TASKS = 100;
/** Most linked incidents listed at once. */
export const MAX_TASK_INCIDENTS = 500;

@InputType({ description: 'A task to create: a place, an agency asked to act, a role, a due day.' })
export class CreateTaskInput {
  @Field(() => PlaceInput, { description: 'Where: its footprint is kept, and it pre-fills what is not given.' })
  place!: PlaceInput;

  @Field(() => String, {
    nullable: true,
    description: `At most ${MAX_TASK_TITLE} characters; default from the place (taskDraft shows it).`,
  })
  title?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Agency code; default the place's (a report's owning agency, an analysis place's lead agency). Refused when neither is known.",
  })
  agency?: string | null;

  @Field(() => MemberRole, { description: 'The role of whoever owns it in the agency or on the board.' })
  ownerRole!: MemberRole;

  @Field(() => ID, { nullable: true, description: 'The board that tasked it; default the place when it is a board.' })
  board?: string | null;

  @Field(() => String, { description: 'YYYY-MM-DD, today (UTC) or later.' })
  dueOn!: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Incident categories it concerns (empty for all); default the place’s.',
  })
  categories?: string[] | null;
}

@ObjectType({ description: 'The unit a task is for.' })
export class TaskUnit {
  @Field(() => UnitLevel)
  level!: UnitLevel;

  @Field(() => String, { description: 'A ward or area code, or a police neighbourhood id.' })
  code!: string;
}

@ObjectType({ description: 'What a task was made from.' })
export class TaskSource {
  @Field(() => String, {
    description: 'hotspot, cluster, cross_boundary, report, ward, area, policeNeighbourhood, board or polygon.',
  })
  kind!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'A code or id; for hot cells, a cluster or a cross-boundary issue, the PlaceInput field as JSON (the analysis input and the cell ids or key), which can be sent again; null for a drawn polygon.',
  })
  ref!: string | null;
}

@ObjectType({ description: "What a task made from a place would be: the place's footprint and pre-filled fields." })
export class TaskDraft {
  @Field(() => GeoJSONScalar)
  footprint!: MultiPolygon;

  @Field(() => TaskSource)
  source!: TaskSource;

  @Field(() => String)
  title!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The agency code pre-filled, or null when the place names none.',
  })
  agency!: string | null;

  @Field(() => TaskUnit, { nullable: true })
  unit!: TaskUnit | null;

  @Field(() => [String])
  categories!: string[];

  @Field(() => String, { description: 'How the agency was chosen, or that it must be given.' })
  agencyRule!: string;
}

@ObjectType({ description: 'One change of a task’s status.' })
export class TaskStatusChange {
  @Field(() => TaskStatus, { nullable: true, description: 'Null for the task’s creation.' })
  from!: TaskStatus | null;

  @Field(() => TaskStatus)
  to!: TaskStatus;

  @Field(() => GraphQLISODateTime)
  changedAt!: Date;

  @Field(() => String, { description: 'The authenticated caller (api-key:ID (label) or jwt:SUBJECT).' })
  changedBy!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType({ description: 'An agency asked to act on a place, by a due day, with its status history.' })
export class Task {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  agencyCode!: string;

  @Field(() => Agency)
  agency!: Agency;

  @Field(() => MemberRole)
  ownerRole!: MemberRole;

  @Field(() => ID, { nullable: true })
  boardId!: string | null;

  @Field(() => String, { nullable: true })
  boardName!: string | null;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  dueOn!: string;

  @Field(() => TaskStatus)
  status!: TaskStatus;

  @Field(() => Boolean, { description: 'Still open (OPEN or IN_PROGRESS) and due before today (UTC).' })
  overdue!: boolean;

  @Field(() => String, { nullable: true, description: 'The note given when it was finished or cancelled.' })
  outcome!: string | null;

  @Field(() => TaskSource)
  source!: TaskSource;

  @Field(() => GeoJSONScalar, { description: 'A MultiPolygon, kept as made.' })
  footprint!: MultiPolygon;

  @Field(() => TaskUnit, { nullable: true })
  unit!: TaskUnit | null;

  @Field(() => [String], { description: 'Incident categories it concerns; empty for all.' })
  categories!: string[];

  @Field(() => String)
  createdBy!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it became DONE or CANCELLED.' })
  closedAt!: Date | null;
}

@ObjectType({ description: 'Incidents inside a task’s footprint over a period, of its categories.' })
export class TaskIncidents {
  @Field(() => String, { description: 'First month counted, YYYY-MM.' })
  from!: string;

  @Field(() => String, { description: 'Last month counted, YYYY-MM.' })
  to!: string;

  @Field(() => Int, { description: 'How many, all of them.' })
  count!: number;

  @Field(() => [Incident], { description: 'The first of them, newest month first.' })
  incidents!: Incident[];
}

@ObjectType({ description: 'A page of tasks.' })
export class TaskPage {
  @Field(() => [Task])
  tasks!: Task[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last.' })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}

@ObjectType({ description: 'A board’s weekly tasking view.' })
export class TaskingView {
  @Field(() => ID)
  boardId!: string;

  @Field(() => String, { description: 'The day the view is as of (YYYY-MM-DD, UTC).' })
  asOf!: string;

  @Field(() => String, { description: 'Monday of its week.' })
  weekStart!: string;

  @Field(() => String, { description: 'Sunday of its week.' })
  weekEnd!: string;

  @Field(() => [Task], { description: 'Open (OPEN or IN_PROGRESS) at the end of asOf, earliest due first.' })
  open!: Task[];

  @Field(() => [Task], { description: 'Of those, due before asOf.' })
  overdue!: Task[];

  @Field(() => [Task], {
    description: 'Due Monday to Sunday of the week, created and not cancelled by asOf (done ones included).',
  })
  dueThisWeek!: Task[];

  @Field(() => [Task], { description: 'Finished (DONE) in the week before.' })
  doneLastWeek!: Task[];
}
