import { AlreadyExistsError, InvalidDateError, LimitExceededError, NotFoundError } from '../errors';
import { BoundarySets, checkDay, today } from '../geography/boundary-sets';
import type { HubContext } from '../graphql/context';

import { checkAgency } from './agencies';
import { AgenciesService } from './agencies.service';
import { type BoardMeetingRow, type BoardMemberRow, type BoardRow, BoardsService } from './boards.service';
import {
  Board,
  type BoardMeeting,
  type BoardMember,
  type BoardMemberInput,
  type CreateBoardInput,
  MAX_NAME,
  MAX_NOTES,
  MAX_UNITS,
  type MeetingInput,
} from './boards.types';
import { type MemberRole, UnitLevel } from './tasking.types';
import { memberName, refusingDuplicates, requiredText, serialId } from './tasking-input';

/** The earliest meeting day taken. */
const EARLIEST_MEETING = '2000-01-01';

export const toBoard = (row: BoardRow): Board => ({
  id: row.id,
  name: row.name,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
});

export const toMember = (row: BoardMemberRow): BoardMember => ({ ...row, role: row.role as MemberRole });

export const toMeeting = (row: BoardMeetingRow): BoardMeeting => ({
  id: row.id,
  heldOn: row.heldOn,
  notes: row.notes,
  recordedBy: row.recordedBy,
});

const duplicateName = (name: string) => `a board named "${name}" already exists; the boards query lists them`;

/** Every board, by name. */
export async function listBoards(ctx: HubContext): Promise<Board[]> {
  const rows = await new BoardsService(ctx.db).all();
  rows.forEach((r) => ctx.loaders.boardById.prime(r.id, r));
  return rows.map(toBoard);
}

/**
 * A board by id, from any Db (a mutation reads back what it wrote on its transaction).
 * @throws LimitExceededError for a malformed id; NotFoundError
 */
export async function loadBoard(boards: BoardsService, id: string, name = 'id'): Promise<BoardRow> {
  const missing = `no board has ${name} ${id}; the boards query lists them`;
  const [row] = await boards.byIds([serialId(id, 'a board', name, missing)]);
  if (!row) {
    throw new NotFoundError(missing);
  }
  return row;
}

export async function readBoard(ctx: HubContext, id: string): Promise<Board> {
  return toBoard(await loadBoard(new BoardsService(ctx.db), id));
}

const LEVEL_NAMES: Record<UnitLevel, string> = {
  [UnitLevel.WARD]: 'ward',
  [UnitLevel.AREA]: 'area',
  [UnitLevel.POLICE_NEIGHBOURHOOD]: 'police neighbourhood',
};

/**
 * Checks a board's units: 1 to MAX_UNITS, all of one level, none twice, each one the hub holds
 * (wards of the current set, areas, current police neighbourhoods).
 * @throws LimitExceededError; NotFoundError naming the first unknown code
 */
async function checkUnits(setId: string, boards: BoardsService, input: CreateBoardInput): Promise<void> {
  const { units } = input;
  if (units.length < 1 || units.length > MAX_UNITS) {
    throw new LimitExceededError('units', `from 1 to ${MAX_UNITS} units`, units.length);
  }
  const levels = [...new Set(units.map((u) => u.level))];
  if (levels.length > 1) {
    throw new LimitExceededError(
      'units',
      'all of one level (a board covers wards, areas or police neighbourhoods)',
      levels.map((l) => LEVEL_NAMES[l]).join(' and '),
    );
  }
  const codes = units.map((u) => u.code);
  const twice = codes.find((c, i) => codes.indexOf(c) !== i);
  if (twice !== undefined) {
    throw new LimitExceededError('units', 'different units', `${JSON.stringify(twice.slice(0, 64))} twice`);
  }
  const known = new Set(await boards.knownUnits(setId, levels[0], codes));
  const unknown = codes.find((c) => !known.has(c));
  if (unknown !== undefined) {
    const where =
      levels[0] === UnitLevel.POLICE_NEIGHBOURHOOD
        ? 'current police neighbourhood has id'
        : levels[0] === UnitLevel.WARD
          ? `ward of ${setId} (the current set) has code`
          : 'area has code';
    throw new NotFoundError(`units: no ${where} ${JSON.stringify(unknown.slice(0, 64))}`);
  }
}

/**
 * Adds a board covering the units given, recording the caller.
 * @throws LimitExceededError for a bad name or units; NotFoundError for an unknown unit;
 *   AlreadyExistsError for a name taken (also when another request takes it first)
 */
export async function createBoard(ctx: HubContext, input: CreateBoardInput): Promise<Board> {
  const name = requiredText('name', input.name, MAX_NAME);
  // Read before the transaction: inside it only its own connection may be used (the embedded
  // database has one).
  const set = new BoundarySets(await ctx.geography.boundarySets()).current();
  const row = await refusingDuplicates(
    () =>
      ctx.transact(async (db) => {
        const boards = new BoardsService(db);
        await checkUnits(set.id, boards, input);
        if ((await boards.byNames([name])).length > 0) {
          throw new AlreadyExistsError(duplicateName(name));
        }
        const [board] = await boards.insert([name], ctx.caller.identity);
        await boards.insertUnits(input.units.map((u) => ({ boardId: board.id, level: u.level, code: u.code })));
        return loadBoard(boards, board.id);
      }),
    duplicateName(name),
  );
  return toBoard(row);
}

/**
 * One board per ward of the current set that no board covers yet, named after the ward (Derby's
 * one board per ward, in one call). Wards a board already covers are skipped, so it can be run
 * again after a boundary change.
 * @returns the boards made, by name (none when every ward has one)
 * @throws AlreadyExistsError when a board elsewhere already has a ward's name, nothing made
 */
export async function createWardBoards(ctx: HubContext): Promise<Board[]> {
  const set = new BoundarySets(await ctx.geography.boundarySets()).current();
  const rows = await refusingDuplicates(
    () =>
      ctx.transact(async (db) => {
        const boards = new BoardsService(db);
        const wards = await boards.wardsWithoutBoard(set.id);
        if (wards.length === 0) {
          return [];
        }
        const [taken] = await boards.byNames(wards.map((w) => w.name));
        if (taken) {
          const ward = wards.find((w) => w.name === taken.name);
          throw new AlreadyExistsError(
            `a board named "${taken.name}" already exists (id ${taken.id}) but does not cover ward ${ward?.code}; add the ward to it or rename it, then try again`,
          );
        }
        const made = await boards.insert(
          wards.map((w) => w.name),
          ctx.caller.identity,
        );
        await boards.insertUnits(made.map((b, k) => ({ boardId: b.id, level: UnitLevel.WARD, code: wards[k].code })));
        return boards.byIds(made.map((b) => b.id));
      }),
    'a board named after one of the wards was made meanwhile by another request; try again',
  );
  return rows.map(toBoard).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Adds a member to a board. No contact details: a name or a post only.
 * @throws NotFoundError for an unknown board or agency; LimitExceededError for a bad name
 */
export async function addBoardMember(ctx: HubContext, boardId: string, input: BoardMemberInput): Promise<BoardMember> {
  const name = memberName(input.name, MAX_NAME);
  return ctx.transact(async (db) => {
    const boards = new BoardsService(db);
    await loadBoard(boards, boardId, 'boardId');
    const agency = input.agency ?? null;
    if (agency !== null) {
      await checkAgency(new AgenciesService(db), agency, 'agency');
    }
    const id = await boards.insertMember(boardId, input.role, name, agency);
    const member = (await boards.members([boardId])).find((m) => m.id === id) as BoardMemberRow;
    return toMember(member);
  });
}

/**
 * Removes a member from its board.
 * @returns the board, without them
 * @throws NotFoundError for an unknown member
 */
export async function removeBoardMember(ctx: HubContext, id: string): Promise<Board> {
  const missing = `no board member has id ${id}; a board's members list them`;
  serialId(id, 'a board member', 'id', missing);
  return ctx.transact(async (db) => {
    const boards = new BoardsService(db);
    const boardId = await boards.deleteMember(id);
    if (boardId === undefined) {
      throw new NotFoundError(missing);
    }
    return toBoard(await loadBoard(boards, boardId));
  });
}

/**
 * Records a board's meeting, held on a day from 2000 to today: meetings are recorded once held (a
 * date ahead is a plan, not a meeting).
 * @throws InvalidDateError; LimitExceededError for long notes; NotFoundError for an unknown board
 */
export async function recordMeeting(ctx: HubContext, boardId: string, input: MeetingInput): Promise<BoardMeeting> {
  checkDay(input.heldOn, 'heldOn');
  const day = today();
  if (input.heldOn > day || input.heldOn < EARLIEST_MEETING) {
    throw new InvalidDateError(
      `heldOn must be from ${EARLIEST_MEETING} to today (${day}, UTC): meetings are recorded once held, got ${input.heldOn}`,
    );
  }
  const notes = input.notes?.trim() || null;
  if (notes !== null && notes.length > MAX_NOTES) {
    throw new LimitExceededError('notes', `at most ${MAX_NOTES} characters`, notes.length);
  }
  return ctx.transact(async (db) => {
    const boards = new BoardsService(db);
    await loadBoard(boards, boardId, 'boardId');
    const id = await boards.insertMeeting(boardId, input.heldOn, notes, ctx.caller.identity);
    return toMeeting((await boards.meetings([boardId])).find((m) => m.id === id) as BoardMeetingRow);
  });
}
