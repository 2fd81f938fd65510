import type { Db } from '../db/db';
import { splice, sqlFile } from '../db/sql';

export interface BoardRow {
  id: string;
  name: string;
  createdBy: string;
  createdAt: Date;
}

export interface BoardUnitRow {
  boardId: string;
  level: string;
  code: string;
  /** Null only for a unit whose ward, area or neighbourhood has since left the hub. */
  name: string | null;
}

export interface BoardMemberRow {
  id: string;
  boardId: string;
  role: string;
  name: string;
  agencyCode: string | null;
}

export interface BoardMeetingRow {
  id: string;
  boardId: string;
  heldOn: string;
  notes: string | null;
  recordedBy: string;
  recordedAt: Date;
}

const sql = (name: string) => sqlFile(__dirname, name);
const withColumns = (name: string) => splice(sql(name), { BOARD_COLUMNS: sql('board-columns') });

/** Boards, their units, members and meetings: the only place their SQL runs. */
export class BoardsService {
  constructor(private readonly db: Db) {}

  all(): Promise<BoardRow[]> {
    return this.db.query<BoardRow>(withColumns('boards-all'));
  }

  /** Boards by id, in no particular order; ids that name nothing are left out. */
  byIds(ids: readonly string[]): Promise<BoardRow[]> {
    return this.db.query<BoardRow>(withColumns('boards-by-id'), [ids]);
  }

  /** The boards that already have one of these names. */
  byNames(names: readonly string[]): Promise<{ id: string; name: string }[]> {
    return this.db.query(sql('board-by-name'), [names]);
  }

  /** Adds boards with no units yet; returns their ids and names in the order given. */
  insert(names: readonly string[], createdBy: string): Promise<{ id: string; name: string }[]> {
    return this.db.query(sql('boards-insert'), [names, createdBy]);
  }

  /** Adds units: one per entry, each to its board. */
  async insertUnits(units: readonly { boardId: string; level: string; code: string }[]): Promise<void> {
    await this.db.query(sql('board-units-insert'), [
      units.map((u) => u.boardId),
      units.map((u) => u.level),
      units.map((u) => u.code),
    ]);
  }

  /** Which of the codes name a unit of the level (wards of the ward set `setId`). */
  async knownUnits(setId: string, level: string, codes: readonly string[]): Promise<string[]> {
    const rows = await this.db.query<{ code: string }>(sql('units-known'), [setId, level, codes]);
    return rows.map((r) => r.code);
  }

  wardsWithoutBoard(setId: string): Promise<{ code: string; name: string }[]> {
    return this.db.query(sql('wards-without-board'), [setId]);
  }

  units(boardIds: readonly string[]): Promise<BoardUnitRow[]> {
    return this.db.query<BoardUnitRow>(sql('board-units'), [boardIds]);
  }

  members(boardIds: readonly string[]): Promise<BoardMemberRow[]> {
    return this.db.query<BoardMemberRow>(sql('board-members'), [boardIds]);
  }

  meetings(boardIds: readonly string[]): Promise<BoardMeetingRow[]> {
    return this.db.query<BoardMeetingRow>(sql('board-meetings'), [boardIds]);
  }

  async insertMember(boardId: string, role: string, name: string, agencyCode: string | null): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(sql('member-insert'), [boardId, role, name, agencyCode]);
    return row.id;
  }

  /** Removes a member; returns its board's id, or undefined for an unknown member. */
  async deleteMember(id: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ boardId: string }>(sql('member-delete'), [id]);
    return row?.boardId;
  }

  async insertMeeting(boardId: string, heldOn: string, notes: string | null, createdBy: string): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(sql('meeting-insert'), [boardId, heldOn, notes, createdBy]);
    return row.id;
  }
}
