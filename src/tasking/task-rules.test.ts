import { addDays, canMove, overdueOn, type TaskDays, TRANSITIONS, weekLists, weekOf } from './task-rules';
import { TaskStatus } from './tasking.types';

const open = (dueOn: string, createdOn = '2026-01-01'): TaskDays => ({
  status: TaskStatus.OPEN,
  dueOn,
  createdOn,
  closedOn: null,
});

describe('weekOf: Monday to Sunday', () => {
  it.each([
    // A week across the year end, seen from each of its days.
    ['2026-12-28', '2026-12-28', '2027-01-03'],
    ['2026-12-31', '2026-12-28', '2027-01-03'],
    ['2027-01-01', '2026-12-28', '2027-01-03'],
    ['2027-01-03', '2026-12-28', '2027-01-03'],
    ['2027-01-04', '2027-01-04', '2027-01-10'],
    // Across a month end, and around a leap day.
    ['2026-12-03', '2026-11-30', '2026-12-06'],
    ['2028-02-29', '2028-02-28', '2028-03-05'],
    ['2028-03-01', '2028-02-28', '2028-03-05'],
    ['2027-03-01', '2027-03-01', '2027-03-07'],
  ])('the week of %s runs from %s to %s', (day, monday, sunday) => {
    expect(weekOf(day)).toEqual({ monday, sunday });
  });

  it('moves days across month, year and leap-day ends', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
});

describe('overdueOn: open at the end of the day and due before it', () => {
  it.each([
    // due, day, overdue?
    ['2026-12-31', '2026-12-31', false],
    ['2026-12-31', '2027-01-01', true],
    ['2026-11-30', '2026-12-01', true],
    ['2026-12-01', '2026-11-30', false],
    ['2028-02-28', '2028-02-29', true],
    ['2028-02-29', '2028-02-29', false],
    ['2028-02-29', '2028-03-01', true],
    ['2027-02-28', '2027-03-01', true],
  ])('a task due %s, on %s: %s', (due, day, overdue) => {
    expect(overdueOn(open(due), day)).toBe(overdue);
  });

  it('is never overdue once closed, and was overdue on the days before it closed', () => {
    const closed: TaskDays = {
      status: TaskStatus.DONE,
      dueOn: '2026-12-30',
      createdOn: '2026-12-01',
      closedOn: '2027-01-02',
    };
    expect(overdueOn(closed, '2026-12-31')).toBe(true);
    expect(overdueOn(closed, '2027-01-01')).toBe(true);
    expect(overdueOn(closed, '2027-01-02')).toBe(false);
    expect(overdueOn({ ...closed, status: TaskStatus.CANCELLED }, '2027-01-05')).toBe(false);
  });

  it('is not overdue before it was created', () => {
    expect(overdueOn(open('2026-12-30', '2027-01-02'), '2027-01-01')).toBe(false);
  });
});

describe('weekLists', () => {
  it('sorts tasks into open, overdue, due this week and done last week across the year end', () => {
    const tasks: TaskDays[] = [
      open('2026-12-24'), // 0: overdue
      open('2027-01-03'), // 1: due this week (Sunday), not overdue
      { status: TaskStatus.IN_PROGRESS, dueOn: '2026-12-28', createdOn: '2026-12-01', closedOn: null }, // 2: due Monday, overdue on the 1st
      { status: TaskStatus.DONE, dueOn: '2026-12-23', createdOn: '2026-12-01', closedOn: '2026-12-27' }, // 3: done last week (Sunday)
      { status: TaskStatus.DONE, dueOn: '2026-12-20', createdOn: '2026-12-01', closedOn: '2026-12-20' }, // 4: done two weeks ago
      { status: TaskStatus.CANCELLED, dueOn: '2026-12-29', createdOn: '2026-12-01', closedOn: '2026-12-22' }, // 5: cancelled
      { status: TaskStatus.DONE, dueOn: '2026-12-31', createdOn: '2026-12-01', closedOn: '2026-12-29' }, // 6: due and done this week
      { status: TaskStatus.DONE, dueOn: '2027-01-05', createdOn: '2026-12-01', closedOn: '2026-12-21' }, // 7: done last week (Monday)
      open('2027-01-02', '2027-01-02'), // 8: created after the day asked
      { status: TaskStatus.CANCELLED, dueOn: '2026-12-30', createdOn: '2026-12-01', closedOn: '2027-01-02' }, // 9: cancelled after it
    ];
    expect(weekLists(tasks, '2027-01-01')).toEqual({
      monday: '2026-12-28',
      sunday: '2027-01-03',
      open: [0, 1, 2, 9],
      overdue: [0, 2, 9],
      dueThisWeek: [1, 2, 6, 9],
      doneLastWeek: [3, 7],
    });
  });
});

describe('TRANSITIONS', () => {
  it('allows exactly OPEN → IN_PROGRESS/DONE/CANCELLED and IN_PROGRESS → DONE/CANCELLED', () => {
    const statuses = Object.values(TaskStatus);
    const allowed = statuses.flatMap((from) => statuses.filter((to) => canMove(from, to)).map((to) => `${from}>${to}`));
    expect(allowed.sort()).toEqual(
      ['open>in_progress', 'open>done', 'open>cancelled', 'in_progress>done', 'in_progress>cancelled'].sort(),
    );
    expect(TRANSITIONS[TaskStatus.DONE]).toEqual([]);
  });
});
