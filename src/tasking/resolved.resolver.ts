import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';

import type { HubContext } from '../graphql/context';

import { EFFECT_MONTHS } from './effect';
import { taskEffect } from './effect.service';
import { problemsNotResolved } from './not-resolved.service';
import { ProblemsInput, ProblemsNotResolved, TaskEffect } from './resolved.types';

@Resolver()
export class ResolvedResolver {
  @Query(() => TaskEffect, {
    description:
      'Did it work? For a done task: incidents in its footprint over the months before it was created and after it closed, against the same months in the rest of the city (a difference in differences with an exact test and a plain reading). NOT_FOUND for an unknown task; BAD_USER_INPUT for a task not done.',
  })
  taskEffect(
    @Arg('taskId', () => ID) taskId: string,
    @Arg('months', () => Int, {
      defaultValue: EFFECT_MONTHS.default,
      description: `Months before and after, ${EFFECT_MONTHS.min} to ${EFFECT_MONTHS.max}.`,
    })
    months: number,
    @Ctx() ctx: HubContext,
  ): Promise<TaskEffect> {
    return taskEffect(ctx, taskId, months);
  }

  @Query(() => ProblemsNotResolved, {
    description:
      "Problems not being resolved, for a board: persistent and cross-boundary hot spots with no task, an overdue task, or done tasks that brought no fall; street-scene reports open past their category's target. Ranked, each with its reasons and tasks.",
  })
  problemsNotResolved(
    @Arg('input', () => ProblemsInput, { nullable: true, description: 'Every field has a default; so has the whole.' })
    input: ProblemsInput | null,
    @Ctx() ctx: HubContext,
  ): Promise<ProblemsNotResolved> {
    return problemsNotResolved(ctx, input ?? {});
  }
}
