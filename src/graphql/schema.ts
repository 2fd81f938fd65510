import 'reflect-metadata';

import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';

import { AlignmentResolver } from '../boundaries/alignment.resolver';
import { LocationNeighbourhoodResolver, PoliceNeighbourhoodResolver } from '../boundaries/boundaries.resolver';
import { GroupingResolver } from '../boundaries/grouping.resolver';
import { ProposeResolver } from '../boundaries/propose.resolver';
import { AreaResolver } from '../geography/area.resolver';
import { BoundarySetResolver } from '../geography/boundary-set.resolver';
import { LocateResolver } from '../geography/locate.resolver';
import { LsoaResolver } from '../geography/lsoa.resolver';
import { WardResolver } from '../geography/ward.resolver';
import { HotspotResolver } from '../hotspots/hotspots.resolver';
import { SnappingResolver } from '../hotspots/snapping.resolver';
import { HotspotTrendResolver } from '../hotspots/trends.resolver';
import { IncidentResolver } from '../incidents/incidents.resolver';
import { IssueResolver } from '../incidents/issue.resolver';
import {
  AreaStatsResolver,
  CategoryCountResolver,
  PoliceNeighbourhoodStatsResolver,
  WardStatsResolver,
} from '../incidents/stats.resolver';
import { WardChangeResolver } from '../incidents/ward-change.resolver';
import { AllocationResolver } from '../targeting/allocation.resolver';
import { NeedResolver } from '../targeting/need.resolver';
import { PlanResolver } from '../targeting/plan.resolver';
import { AgencyResolver, CategoryAgencyResolver } from '../tasking/agencies.resolver';
import { BoardMemberResolver, BoardResolver } from '../tasking/boards.resolver';
import { NeighbourhoodPlanResolver, PlanPriorityResolver } from '../tasking/neighbourhood-plans.resolver';
import { ProblemTaskResolver, ResolvedResolver, TaskEffectResolver } from '../tasking/resolved.resolver';
import { TaskResolver } from '../tasking/task.resolver';

/** Every resolver class; a capability adds its own here. */
export const RESOLVERS = [
  BoundarySetResolver,
  WardChangeResolver,
  AreaResolver,
  WardResolver,
  LsoaResolver,
  LocateResolver,
  IncidentResolver,
  IssueResolver,
  WardStatsResolver,
  AreaStatsResolver,
  CategoryCountResolver,
  HotspotResolver,
  HotspotTrendResolver,
  SnappingResolver,
  PoliceNeighbourhoodResolver,
  LocationNeighbourhoodResolver,
  PoliceNeighbourhoodStatsResolver,
  AlignmentResolver,
  GroupingResolver,
  ProposeResolver,
  NeedResolver,
  AllocationResolver,
  PlanResolver,
  AgencyResolver,
  CategoryAgencyResolver,
  BoardResolver,
  BoardMemberResolver,
  NeighbourhoodPlanResolver,
  PlanPriorityResolver,
  TaskResolver,
  ResolvedResolver,
  TaskEffectResolver,
  ProblemTaskResolver,
] as const;

/** Builds the executable schema from the type-graphql resolvers. */
export function buildHubSchema(): Promise<GraphQLSchema> {
  // Inputs are checked by each capability's own rules (with messages that say what was expected
  // and what came), so type-graphql's class-validator integration stays off and uninstalled.
  return buildSchema({ resolvers: RESOLVERS, validate: false });
}

/**
 * The SDL as committed in schema/schema.graphql: sorted, so the file only changes when the API does.
 */
export function printHubSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
