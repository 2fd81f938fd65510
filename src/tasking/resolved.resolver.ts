import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';

import { NotFoundError } from '../errors';
import type { HubContext } from '../graphql/context';

import { EFFECT_MONTHS } from './effect';
import { taskEffect } from './effect.service';
import { problemsNotResolved } from './not-resolved.service';
import { ProblemsInput, ProblemsNotResolved, ProblemTask, TaskEffect } from './resolved.types';
import { Task } from './task.types';
import { toTask } from './tasks';

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

/** The task an answer names, through the request's loader (one statement for every task of a list). */
async function taskOf(ctx: HubContext, id: string): Promise<Task> {
  const row = await ctx.loaders.taskById.load(id);
  if (!row) {
    // Read a moment ago by the same request: only a concurrent delete gets here.
    throw new NotFoundError(`no task has id ${id}; the tasks query lists them`);
  }
  return toTask(row);
}

@Resolver(() => TaskEffect)
export class TaskEffectResolver {
  @FieldResolver(() => Task, { description: 'The task itself, with its footprint, source and history.' })
  task(@Root() effect: TaskEffect, @Ctx() ctx: HubContext): Promise<Task> {
    return taskOf(ctx, effect.taskId);
  }
}

@Resolver(() => ProblemTask)
export class ProblemTaskResolver {
  @FieldResolver(() => Task, { description: 'The task itself, with its footprint, source and history.' })
  task(@Root() problem: ProblemTask, @Ctx() ctx: HubContext): Promise<Task> {
    return taskOf(ctx, problem.taskId);
  }
}
