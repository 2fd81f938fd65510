import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';

import type { HubContext } from '../graphql/context';

import { toAgency } from './agencies';
import {
  addBoardMember,
  createBoard,
  createWardBoards,
  listBoards,
  readBoard,
  recordMeeting,
  removeBoardMember,
  toMeeting,
  toMember,
} from './boards';
import {
  Board,
  BoardMeeting,
  BoardMember,
  BoardMemberInput,
  BoardUnit,
  CreateBoardInput,
  MeetingInput,
  NeighbourhoodPlan,
} from './boards.types';
import { toPlan } from './neighbourhood-plans';
import { Agency, type UnitLevel } from './tasking.types';

@Resolver(() => Board)
export class BoardResolver {
  @Query(() => [Board], { description: 'Every neighbourhood board, by name.' })
  boards(@Ctx() ctx: HubContext): Promise<Board[]> {
    return listBoards(ctx);
  }

  @Query(() => Board, { description: 'A board by id.' })
  board(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<Board> {
    return readBoard(ctx, id);
  }

  @Mutation(() => Board, {
    description:
      'Adds a board covering units of one level (wards of the current set, areas or police neighbourhoods), recording the authenticated caller. An unknown unit is NOT_FOUND; a name already taken is BAD_USER_INPUT.',
  })
  createBoard(@Arg('input', () => CreateBoardInput) input: CreateBoardInput, @Ctx() ctx: HubContext): Promise<Board> {
    return createBoard(ctx, input);
  }

  @Mutation(() => [Board], {
    description:
      "One board per ward of the current set that no board covers yet, named after the ward (Derby's one board per ward, in one call); returns the boards made. Refused, nothing made, when another board already has a ward's name.",
  })
  createWardBoards(@Ctx() ctx: HubContext): Promise<Board[]> {
    return createWardBoards(ctx);
  }

  @Mutation(() => BoardMember, {
    description: 'Adds a member to a board by role: a name or a post, no contact details.',
  })
  addBoardMember(
    @Arg('boardId', () => ID) boardId: string,
    @Arg('input', () => BoardMemberInput) input: BoardMemberInput,
    @Ctx() ctx: HubContext,
  ): Promise<BoardMember> {
    return addBoardMember(ctx, boardId, input);
  }

  @Mutation(() => Board, { description: 'Removes a member from their board; returns the board.' })
  removeBoardMember(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<Board> {
    return removeBoardMember(ctx, id);
  }

  @Mutation(() => BoardMeeting, {
    description: 'Records a meeting held (today or before), recording the authenticated caller.',
  })
  recordMeeting(
    @Arg('boardId', () => ID) boardId: string,
    @Arg('input', () => MeetingInput) input: MeetingInput,
    @Ctx() ctx: HubContext,
  ): Promise<BoardMeeting> {
    return recordMeeting(ctx, boardId, input);
  }

  @FieldResolver(() => [BoardUnit], { description: 'The units it covers.' })
  async units(@Root() board: Board, @Ctx() { loaders }: HubContext): Promise<BoardUnit[]> {
    const rows = await loaders.unitsByBoard.load(board.id);
    return rows.map((r) => ({ level: r.level as UnitLevel, code: r.code, name: r.name }));
  }

  @FieldResolver(() => [BoardMember], { description: 'Its members by role, then name.' })
  async members(@Root() board: Board, @Ctx() { loaders }: HubContext): Promise<BoardMember[]> {
    return (await loaders.membersByBoard.load(board.id)).map(toMember);
  }

  @FieldResolver(() => [BoardMeeting], { description: 'Its meetings, latest first.' })
  async meetings(@Root() board: Board, @Ctx() { loaders }: HubContext): Promise<BoardMeeting[]> {
    return (await loaders.meetingsByBoard.load(board.id)).map(toMeeting);
  }

  @FieldResolver(() => [NeighbourhoodPlan], { description: 'Its neighbourhood plans, latest year first.' })
  async plans(@Root() board: Board, @Ctx() { loaders }: HubContext): Promise<NeighbourhoodPlan[]> {
    return (await loaders.plansByBoard.load(board.id)).map(toPlan);
  }
}

@Resolver(() => BoardMember)
export class BoardMemberResolver {
  @FieldResolver(() => Agency, { nullable: true, description: 'The agency they represent, if any.' })
  async agency(@Root() member: BoardMember, @Ctx() { loaders }: HubContext): Promise<Agency | null> {
    if (member.agencyCode === null) {
      return null;
    }
    const row = await loaders.agencyByCode.load(member.agencyCode);
    return row && toAgency(row);
  }
}
