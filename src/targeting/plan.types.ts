import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

import { AllocationResult, AllocationRule, ProposeAllocationInput } from './allocation.types';
import { NeedLevel } from './need.types';

/** Longest title, and longest decidedBy. */
export const MAX_PLAN_TITLE = 200;
/** Longest note on a plan. */
export const MAX_PLAN_NOTE = 1000;
/** Most plans in one list. */
export const MAX_PLANS = 100;

@InputType({ description: 'An allocation to save as a dated decision.' })
export class SavePlanInput {
  @Field(() => String, { description: `What the plan is, for a list (at most ${MAX_PLAN_TITLE} characters).` })
  title!: string;

  @Field(() => String, {
    description: `Who took the decision: a person, a post or a board, e.g. "Cabinet, 9 March 2016" (at most ${MAX_PLAN_TITLE} characters). Whoever saves it is recorded beside this as recordedBy.`,
  })
  decidedBy!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The day it was decided, YYYY-MM-DD, not after today; default today (UTC).',
  })
  decidedOn?: string | null;

  @Field(() => String, { nullable: true, description: `At most ${MAX_PLAN_NOTE} characters.` })
  note?: string | null;

  @Field(() => ProposeAllocationInput, {
    description:
      "proposeAllocation's input: the hub computes the allocation again as it saves, so the plan holds exactly what the hub answered, on the data of that moment.",
  })
  allocation!: ProposeAllocationInput;
}

@ObjectType({ description: 'A saved allocation: a dated decision, with its input and the answer as computed then.' })
export class AllocationPlan {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: 'Who took the decision, as the recorder gave it.' })
  decidedBy!: string;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  decidedOn!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => String, { description: 'Who saved it: the authenticated caller (api-key:ID (label) or jwt:SUBJECT).' })
  recordedBy!: string;

  @Field(() => String, { description: 'When it was saved, ISO 8601.' })
  recordedAt!: string;

  @Field(() => NeedLevel)
  level!: NeedLevel;

  @Field(() => String, { description: 'The ward set of the ranking.' })
  boundarySet!: string;

  @Field(() => String, {
    description:
      'The AllocationInput as given (defaults filled in), as JSON: send it to proposeAllocation to compute it again on today’s data.',
  })
  input!: string;

  @Field(() => AllocationResult, { description: 'The answer as computed when saved, unchanged since.' })
  allocation!: AllocationResult;

  @Field(() => Boolean, {
    description:
      'Whether incidents, boundaries, LSOAs or deprivation figures have changed since it was saved (the hub’s data version moved), so that proposeAllocation with the same input may now answer differently.',
  })
  dataChangedSince!: boolean;
}

export enum LineChange {
  ADDED = 'ADDED',
  DROPPED = 'DROPPED',
  CHANGED = 'CHANGED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(LineChange, {
  name: 'LineChange',
  description:
    'What happened to a unit between two plans: ADDED (only in the later plan), DROPPED (only in the earlier), CHANGED (rank, posts, pounds, rule or pair differ), UNCHANGED.',
});

@ObjectType({ description: 'One unit in two plans: what it had, what it has, and what moved.' })
export class PlanLineChange {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => LineChange)
  change!: LineChange;

  @Field(() => Int, { nullable: true, description: 'Null when the unit was not in that plan.' })
  rankBefore!: number | null;

  @Field(() => Int, { nullable: true })
  rankAfter!: number | null;

  @Field(() => Float, { description: '0 when not in that plan.' })
  postsBefore!: number;

  @Field(() => Float)
  postsAfter!: number;

  @Field(() => Int, { description: '0 when not in that plan.' })
  poundsBefore!: number;

  @Field(() => Int)
  poundsAfter!: number;

  @Field(() => AllocationRule, { nullable: true })
  ruleBefore!: AllocationRule | null;

  @Field(() => AllocationRule, { nullable: true })
  ruleAfter!: AllocationRule | null;

  @Field(() => String, { nullable: true, description: 'The code of the unit sharing its officer.' })
  pairBefore!: string | null;

  @Field(() => String, { nullable: true })
  pairAfter!: string | null;

  @Field(() => String, { description: 'What moved, in words ("posts 0.5 → 1 (SHARED_PAIR → DEDICATED); …").' })
  what!: string;
}

@ObjectType({ description: 'Two plans side by side: the later one against the earlier.' })
export class PlanComparison {
  @Field(() => AllocationPlan)
  plan!: AllocationPlan;

  @Field(() => AllocationPlan, {
    nullable: true,
    description: 'The plan compared against; null when the plan is the first of its level and ward set.',
  })
  previous!: AllocationPlan | null;

  @Field(() => [String], {
    description: 'What differs in the input: edition, weights, period, priority units, posts, budget, pairing.',
  })
  inputChanges!: string[];

  @Field(() => [PlanLineChange], {
    description: "Every unit of either plan: the later plan's lines in its order, then the dropped ones.",
  })
  lines!: PlanLineChange[];

  @Field(() => String, { description: 'The comparison in a sentence, for a report.' })
  summary!: string;
}
