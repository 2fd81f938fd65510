import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';

import type { HubContext } from '../graphql/context';

import {
  CreateTaskInput,
  MAX_TASK_INCIDENTS,
  MAX_TASKS,
  Task,
  TaskDraft,
  TaskIncidents,
  TaskingView,
  TaskPage,
  TaskStatusChange,
} from './task.types';
import { PlaceInput, TaskStatus } from './tasking.types';
import {
  createTask,
  listTasks,
  readTask,
  taskDraft,
  taskHistory,
  taskIncidents,
  taskingView,
  updateTaskStatus,
} from './tasks';

@Resolver(() => Task)
export class TaskResolver {
  @Mutation(() => Task, {
    description:
      'Creates a task on a place, keeping its footprint; title, agency, unit, categories (and the board, for a board place) default to what the place says (taskDraft shows it). Records the caller as its creator. Refused input (BAD_USER_INPUT, NOT_FOUND) writes nothing.',
  })
  createTask(@Arg('input', () => CreateTaskInput) input: CreateTaskInput, @Ctx() ctx: HubContext): Promise<Task> {
    return createTask(ctx, input);
  }

  @Mutation(() => Task, {
    description:
      'Moves a task: OPEN → IN_PROGRESS, DONE or CANCELLED; IN_PROGRESS → DONE or CANCELLED; DONE and CANCELLED are final. Closing needs a note (the outcome). Every change is recorded with the caller and the time.',
  })
  updateTaskStatus(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => TaskStatus) status: TaskStatus,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: HubContext,
  ): Promise<Task> {
    return updateTaskStatus(ctx, id, status, note ?? null);
  }

  @Query(() => TaskDraft, { description: 'What a task made from a place would be (for a form); writes nothing.' })
  taskDraft(@Arg('place', () => PlaceInput) place: PlaceInput, @Ctx() ctx: HubContext): Promise<TaskDraft> {
    return taskDraft(ctx, place);
  }

  @Query(() => Task)
  task(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<Task> {
    return readTask(ctx, id);
  }

  @Query(() => TaskPage, { description: 'Tasks, newest first.' })
  tasks(
    @Arg('board', () => ID, { nullable: true }) board: string | null,
    @Arg('agency', () => String, { nullable: true }) agency: string | null,
    @Arg('status', () => TaskStatus, { nullable: true }) status: TaskStatus | null,
    @Arg('overdue', () => Boolean, {
      nullable: true,
      description: 'true: only open tasks due before today (UTC); false: only the others.',
    })
    overdue: boolean | null,
    @Arg('first', () => Int, { defaultValue: 20, description: `From 1 to ${MAX_TASKS}.` }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: HubContext,
  ): Promise<TaskPage> {
    // A nullable argument left out arrives undefined.
    return listTasks(ctx, {
      board: board ?? null,
      agency: agency ?? null,
      status: status ?? null,
      overdue: overdue ?? null,
      first,
      after: after ?? null,
    });
  }

  @Query(() => TaskingView, {
    description:
      "A board's weekly tasking view: open, overdue, due this week and done last week, for the Monday-to-Sunday week (UTC) containing the day given.",
  })
  taskingView(
    @Arg('board', () => ID) board: string,
    @Arg('date', () => String, { nullable: true, description: 'YYYY-MM-DD; default today (UTC).' })
    date: string | null,
    @Ctx() ctx: HubContext,
  ): Promise<TaskingView> {
    return taskingView(ctx, board, date ?? null);
  }

  @FieldResolver(() => [TaskStatusChange], { description: 'Every change of status, oldest first, creation included.' })
  history(@Root() task: Task, @Ctx() ctx: HubContext): Promise<TaskStatusChange[]> {
    return taskHistory(ctx, task.id);
  }

  @FieldResolver(() => TaskIncidents, {
    description:
      'Incidents inside the footprint, of its categories (all when none), by month: by default from the month it was created to the month it closed, or this month.',
  })
  incidents(
    @Root() task: Task,
    @Arg('first', () => Int, { defaultValue: 20, description: `How many to list, 0 to ${MAX_TASK_INCIDENTS}.` })
    first: number,
    @Arg('from', () => String, { nullable: true, description: 'First month, YYYY-MM.' }) from: string | null,
    @Arg('to', () => String, { nullable: true, description: 'Last month, YYYY-MM.' }) to: string | null,
    @Ctx() ctx: HubContext,
  ): Promise<TaskIncidents> {
    return taskIncidents(ctx, task, first, from ?? null, to ?? null);
  }
}
