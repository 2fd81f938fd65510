import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';

import type { HubContext } from '../graphql/context';

import { toAgency } from './agencies';
import { toBoard } from './boards';
import { Board, NeighbourhoodPlan, PlanPriority, PlanPriorityInput, PriorityProgress } from './boards.types';
import {
  addPlanPriority,
  createNeighbourhoodPlan,
  priorityProgress,
  readNeighbourhoodPlan,
  removePlanPriority,
  toPriority,
} from './neighbourhood-plans';
import { Agency } from './tasking.types';

@Resolver(() => NeighbourhoodPlan)
export class NeighbourhoodPlanResolver {
  @Query(() => NeighbourhoodPlan, { description: 'A neighbourhood plan by id.' })
  neighbourhoodPlan(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<NeighbourhoodPlan> {
    return readNeighbourhoodPlan(ctx, id);
  }

  @Mutation(() => NeighbourhoodPlan, {
    description:
      "Adds a board's plan for a calendar year, recording the authenticated caller; a second plan for the same board and year is refused with BAD_USER_INPUT.",
  })
  createNeighbourhoodPlan(
    @Arg('boardId', () => ID) boardId: string,
    @Arg('year', () => Int, { description: '2000 to 2100.' }) year: number,
    @Arg('title', () => String) title: string,
    @Ctx() ctx: HubContext,
  ): Promise<NeighbourhoodPlan> {
    return createNeighbourhoodPlan(ctx, boardId, year, title);
  }

  @Mutation(() => PlanPriority, {
    description: 'Adds a priority to a plan: categories, a place (kept as its footprint), a lead agency and a target.',
  })
  addPlanPriority(
    @Arg('planId', () => ID) planId: string,
    @Arg('input', () => PlanPriorityInput) input: PlanPriorityInput,
    @Ctx() ctx: HubContext,
  ): Promise<PlanPriority> {
    return addPlanPriority(ctx, planId, input);
  }

  @Mutation(() => NeighbourhoodPlan, { description: 'Removes a priority from its plan; returns the plan.' })
  removePlanPriority(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<NeighbourhoodPlan> {
    return removePlanPriority(ctx, id);
  }

  @FieldResolver(() => Board)
  async board(@Root() plan: NeighbourhoodPlan, @Ctx() { loaders }: HubContext): Promise<Board> {
    const row = await loaders.boardById.load(plan.boardId);
    // neighbourhood_plan.board_id is a foreign key (deleting a board deletes its plans).
    return toBoard(row as NonNullable<typeof row>);
  }

  @FieldResolver(() => [PlanPriority], { description: 'Its priorities, in the order they were added.' })
  async priorities(@Root() plan: NeighbourhoodPlan, @Ctx() { loaders }: HubContext): Promise<PlanPriority[]> {
    return (await loaders.prioritiesByPlan.load(plan.id)).map(toPriority);
  }
}

@Resolver(() => PlanPriority)
export class PlanPriorityResolver {
  @FieldResolver(() => Agency, { description: 'The agency that leads on it.' })
  async leadAgency(@Root() priority: PlanPriority, @Ctx() { loaders }: HubContext): Promise<Agency> {
    const row = await loaders.agencyByCode.load(priority.leadAgency);
    return toAgency(row as NonNullable<typeof row>);
  }

  @FieldResolver(() => PriorityProgress, {
    description:
      'Progress against the target, counted from incidents now: January of the plan year to the month asked (default the latest month the hub holds, at most December) against the same months a year before.',
  })
  progress(
    @Root() priority: PlanPriority,
    @Arg('through', () => String, { nullable: true, description: 'YYYY-MM: the last month to count.' })
    through: string | null | undefined,
    @Ctx() ctx: HubContext,
  ): Promise<PriorityProgress> {
    return priorityProgress(ctx, priority, through ?? null);
  }
}
