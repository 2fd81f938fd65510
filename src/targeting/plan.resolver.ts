import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';

import type { HubContext } from '../graphql/context';

import { NeedLevel } from './need.types';
import { AllocationPlan, MAX_PLANS, PlanComparison, SavePlanInput } from './plan.types';
import { comparePlan, listPlans, readPlan, savePlan } from './plan-analysis';

@Resolver()
export class PlanResolver {
  @Mutation(() => AllocationPlan, {
    description:
      'Saves an allocation as a dated plan: who decided it and when, the input, and the answer computed from it now (as proposeAllocation gives it), recording the authenticated caller. Input proposeAllocation refuses, or a bad title, date or note, is refused with BAD_USER_INPUT and nothing is saved.',
  })
  savePlan(@Arg('input', () => SavePlanInput) input: SavePlanInput, @Ctx() ctx: HubContext): Promise<AllocationPlan> {
    return savePlan(ctx, input);
  }

  @Query(() => AllocationPlan, { description: 'A saved plan, exactly as it was saved.' })
  plan(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<AllocationPlan> {
    return readPlan(ctx, id);
  }

  @Query(() => [AllocationPlan], { description: 'Saved plans, latest decision first (then latest saved).' })
  plans(
    @Arg('level', () => NeedLevel, { nullable: true }) level: NeedLevel | null,
    @Arg('boundarySet', () => String, { nullable: true, description: 'Only plans ranking this ward set.' })
    boundarySet: string | null,
    @Arg('first', () => Int, { defaultValue: 20, description: `From 1 to ${MAX_PLANS}.` }) first: number,
    @Ctx() ctx: HubContext,
  ): Promise<AllocationPlan[]> {
    // A nullable argument left out arrives undefined.
    return listPlans(ctx, level ?? null, boundarySet ?? null, first);
  }

  @Query(() => PlanComparison, {
    description:
      'What moved between a plan and an earlier one (by default the latest plan of the same level and ward set decided before it): the inputs that differ and, unit by unit, posts, pounds, rule, pair and rank before and after.',
  })
  planComparison(
    @Arg('id', () => ID) id: string,
    @Arg('previousId', () => ID, {
      nullable: true,
      description: 'The plan to compare against; default the one before.',
    })
    previousId: string | null,
    @Ctx() ctx: HubContext,
  ): Promise<PlanComparison> {
    return comparePlan(ctx, id, previousId ?? null);
  }
}
