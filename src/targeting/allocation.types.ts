import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

import { NeedParameters, PriorityInput } from './need.types';

/** The engine's pairing rules (allocation.ts), as a GraphQL enum. */
export enum PairingRule {
  NEIGHBOURS = 'NEIGHBOURS',
  SAME_AREA = 'SAME_AREA',
  SIMILAR_NEED = 'SIMILAR_NEED',
}
registerEnumType(PairingRule, {
  name: 'PairingRule',
  description:
    'How the half-post units are paired, one officer to a pair, by an exact search over every split: NEIGHBOURS most pairs of wards sharing a boundary, then most in the same area, then the least gap in need order; SAME_AREA most pairs in the same area first, then sharing a boundary; SIMILAR_NEED the least gap in need order (1st with 2nd, 3rd with 4th, …). NEIGHBOURS and SAME_AREA are for wards only.',
});

export enum AllocationRule {
  DEDICATED = 'DEDICATED',
  SHARED_PAIR = 'SHARED_PAIR',
  HALF_POST = 'HALF_POST',
  BUDGET_ONLY = 'BUDGET_ONLY',
}
registerEnumType(AllocationRule, {
  name: 'AllocationRule',
  description:
    'The rule that gave a unit what it got: DEDICATED a whole post (one of the top units), SHARED_PAIR half a post shared with its pair, HALF_POST half a post not shared (no pairing rule), BUDGET_ONLY money only (the posts ran out).',
});

export enum PairLink {
  BOUNDARY = 'BOUNDARY',
  AREA = 'AREA',
  NONE = 'NONE',
}
registerEnumType(PairLink, {
  name: 'PairLink',
  description:
    'What the two units of a pair have in common: BOUNDARY a boundary line (whatever their areas), AREA only an area, NONE neither (one officer travels between them).',
});

@InputType({
  description: 'Whole pounds: the total, and the floor every priority unit gets before the rest is spread by need.',
})
export class AllocationBudgetInput {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  floor!: number;
}

@InputType('AllocationInput', {
  description: 'Officer posts and money for the priority units of a ranking, and the rules.',
})
export class ProposeAllocationInput {
  @Field(() => PriorityInput, { description: 'The ranking: its top n units are the ones allocated to.' })
  priority!: PriorityInput;

  @Field(() => Float, { description: 'Officer posts in all, in halves (7, 6.5).' })
  posts!: number;

  @Field(() => Int, { description: 'How many of the top units get a whole post each.' })
  dedicated!: number;

  @Field(() => PairingRule, {
    nullable: true,
    description: "How the other units' half posts are paired; null: each half post stands alone.",
  })
  pairing?: PairingRule | null;

  @Field(() => AllocationBudgetInput)
  budget!: AllocationBudgetInput;
}

@ObjectType({ description: 'The unit sharing a line’s officer.' })
export class AllocationPair {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType({ description: "One priority unit's share, and why." })
export class AllocationLine {
  @Field(() => Int, { description: 'Its rank in the priority ranking (1 = most need).' })
  rank!: number;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Float, { description: 'Its need index, as priorityNeighbourhoods gives it.' })
  need!: number;

  @Field(() => Float, { description: '1, 0.5 or 0.' })
  posts!: number;

  @Field(() => Int, { description: 'Whole pounds: the floor and its share of the rest by need.' })
  pounds!: number;

  @Field(() => AllocationRule)
  rule!: AllocationRule;

  @Field(() => AllocationPair, { nullable: true, description: 'The unit sharing its officer (SHARED_PAIR only).' })
  pair!: AllocationPair | null;

  @Field(() => PairLink, { nullable: true })
  pairLink!: PairLink | null;

  @Field(() => String, { description: 'Its rank, its need, the rule, its pair and its pounds, in a sentence.' })
  why!: string;
}

@ObjectType({ description: 'What the lines add up to: exactly the posts and pounds given.' })
export class AllocationTotals {
  @Field(() => Int)
  units!: number;

  @Field(() => Float)
  posts!: number;

  @Field(() => Int)
  pounds!: number;
}

@ObjectType({ description: 'The budget as given.' })
export class AllocationBudget {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  floor!: number;
}

@ObjectType({ description: 'Posts and money over the priority units, one line each, in need order.' })
export class AllocationResult {
  @Field(() => NeedParameters, { description: 'The ranking the priority units come from (edition, preset, weights).' })
  parameters!: NeedParameters;

  @Field(() => Int, { description: 'How many priority units (the top n of the ranking).' })
  n!: number;

  @Field(() => String, { description: 'How ties in the ranking are broken.' })
  tieRule!: string;

  @Field(() => Float)
  posts!: number;

  @Field(() => Int)
  dedicated!: number;

  @Field(() => PairingRule, { nullable: true })
  pairing!: PairingRule | null;

  @Field(() => AllocationBudget)
  budget!: AllocationBudget;

  @Field(() => String, { description: 'The method in a few sentences, for a report.' })
  method!: string;

  @Field(() => [AllocationLine])
  lines!: AllocationLine[];

  @Field(() => AllocationTotals)
  totals!: AllocationTotals;

  @Field(() => [String], {
    description: 'Pairs with nothing in common, cuts between equal ranks, units left without a post.',
  })
  warnings!: string[];
}
