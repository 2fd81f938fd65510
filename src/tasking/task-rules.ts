import { TaskStatus } from './tasking.types';

/**
 * The task workflow and the weekly view's rules, pure so that they are tested on their own.
 * Days are calendar days in UTC, as YYYY-MM-DD (the task table's due-date check uses UTC too).
 */

/**
 * The moves the workflow allows. OPEN → DONE is allowed: a job finished on the first visit (a
 * fly-tip cleared the day it was tasked) need not pass through IN_PROGRESS, and the history still
 * says it went straight from OPEN. DONE and CANCELLED are final; a status never moves to itself.
 */
export const TRANSITIONS: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  [TaskStatus.OPEN]: [TaskStatus.IN_PROGRESS, TaskStatus.DONE, TaskStatus.CANCELLED],
  [TaskStatus.IN_PROGRESS]: [TaskStatus.DONE, TaskStatus.CANCELLED],
  [TaskStatus.DONE]: [],
  [TaskStatus.CANCELLED]: [],
};

export function canMove(from: TaskStatus, to: TaskStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Whether a status closes a task (sets closed_at and takes the note as its outcome). */
export function closes(status: TaskStatus): boolean {
  return status === TaskStatus.DONE || status === TaskStatus.CANCELLED;
}

const DAY_MS = 86_400_000;

function toUtc(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

/** A day moved by whole days, across month, year and leap-day ends. @example addDays('2028-02-28', 1) //= '2028-02-29' */
export function addDays(day: string, days: number): string {
  return new Date(toUtc(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday to Sunday week containing a day. @example weekOf('2027-01-01') //= { monday: '2026-12-28', sunday: '2027-01-03' } */
export function weekOf(day: string): { monday: string; sunday: string } {
  // getUTCDay: Sunday 0 … Saturday 6; Monday-based offset.
  const offset = (new Date(toUtc(day)).getUTCDay() + 6) % 7;
  const monday = addDays(day, -offset);
  return { monday, sunday: addDays(monday, 6) };
}

/** What the weekly view needs of a task: its days, as YYYY-MM-DD in UTC. */
export interface TaskDays {
  status: TaskStatus;
  dueOn: string;
  createdOn: string;
  /** The day it became DONE or CANCELLED; null while open. */
  closedOn: string | null;
}

/** Open on a day: created by then and not closed by the end of it. */
export function openOn(task: TaskDays, day: string): boolean {
  return task.createdOn <= day && (task.closedOn === null || task.closedOn > day);
}

/**
 * Overdue on a day: still open at the end of it and due before it. A task due today is not yet
 * overdue; one closed on its due day never was.
 */
export function overdueOn(task: TaskDays, day: string): boolean {
  return openOn(task, day) && task.dueOn < day;
}

/** The weekly tasking view's lists, as indices into the tasks given. */
export interface WeekLists {
  monday: string;
  sunday: string;
  /** Open (OPEN or IN_PROGRESS) at the end of the day asked. */
  open: number[];
  /** Of those, due before the day asked. */
  overdue: number[];
  /** Due Monday to Sunday of the week, created and not cancelled by the day (done ones show they were done). */
  dueThisWeek: number[];
  /** Finished (DONE, not CANCELLED) in the week before. */
  doneLastWeek: number[];
}

/**
 * Sorts a board's tasks into the weekly view for the week containing `day`, as things stood at
 * the end of `day` (today for the current week). Each list keeps the order the tasks came in.
 */
export function weekLists(tasks: readonly TaskDays[], day: string): WeekLists {
  const { monday, sunday } = weekOf(day);
  const lastMonday = addDays(monday, -7);
  const lastSunday = addDays(monday, -1);
  const pick = (test: (t: TaskDays) => boolean) => tasks.flatMap((t, k) => (test(t) ? [k] : []));
  return {
    monday,
    sunday,
    open: pick((t) => openOn(t, day)),
    overdue: pick((t) => overdueOn(t, day)),
    dueThisWeek: pick(
      (t) =>
        t.createdOn <= day &&
        !(t.status === TaskStatus.CANCELLED && t.closedOn !== null && t.closedOn <= day) &&
        t.dueOn >= monday &&
        t.dueOn <= sunday,
    ),
    doneLastWeek: pick(
      (t) =>
        t.status === TaskStatus.DONE && t.closedOn !== null && t.closedOn >= lastMonday && t.closedOn <= lastSunday,
    ),
  };
}
