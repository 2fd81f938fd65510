import type { Geometry } from 'geojson';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';

import { GeoJSONScalar } from '../geo/geojson.scalar';

import { ClusterPlaceInput, CrossBoundaryPlaceInput, HotspotPlaceInput } from './analysis-place.types';

/** Shared by every part of tasking: agencies, the levels boards cover, roles, task statuses, places. */

export enum AgencyKind {
  COUNCIL_SERVICE = 'council_service',
  POLICE = 'police',
  HOUSING = 'housing',
  FIRE = 'fire',
  HEALTH = 'health',
  VOLUNTARY = 'voluntary',
}
registerEnumType(AgencyKind, { name: 'AgencyKind', description: 'What kind of body an agency is.' });

@ObjectType({ description: 'An agency that owns kinds of incident and takes tasks.' })
export class Agency {
  @Field(() => String, { description: 'Upper-case code, e.g. STREETPRIDE, POLICE.' })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => AgencyKind)
  kind!: AgencyKind;
}

export enum UnitLevel {
  WARD = 'ward',
  AREA = 'area',
  POLICE_NEIGHBOURHOOD = 'policeNeighbourhood',
}
registerEnumType(UnitLevel, {
  name: 'UnitLevel',
  description: "The units a board covers or a task is for: the current set's wards or areas, or police neighbourhoods.",
});

export enum MemberRole {
  COUNCILLOR = 'councillor',
  POLICE_INSPECTOR = 'police_inspector',
  AGENCY_OFFICER = 'agency_officer',
  RESIDENT = 'resident',
}
registerEnumType(MemberRole, {
  name: 'MemberRole',
  description: 'The role a board member holds, or a task owner acts in.',
});

export enum TaskStatus {
  OPEN = 'open',
  IN_PROGRESS = 'in_progress',
  DONE = 'done',
  CANCELLED = 'cancelled',
}
registerEnumType(TaskStatus, {
  name: 'TaskStatus',
  description: 'OPEN → IN_PROGRESS → DONE, or CANCELLED from OPEN or IN_PROGRESS.',
});

@InputType({
  description:
    'A place, as exactly one of: a drawn polygon, a ward, an area, a police neighbourhood, a board (the union of its units), a street-scene report (50 m around its exact point), hot cells, a cluster or a cross-boundary issue (found again by running their analysis).',
})
export class PlaceInput {
  @Field(() => GeoJSONScalar, {
    nullable: true,
    description: 'A GeoJSON Polygon or MultiPolygon (RFC 7946, WGS 84), valid, at least half inside the city.',
  })
  polygon?: Geometry | null;

  @Field(() => String, { nullable: true, description: 'A ward code of the current set.' })
  ward?: string | null;

  @Field(() => String, { nullable: true, description: 'An area code.' })
  area?: string | null;

  @Field(() => ID, { nullable: true, description: 'A current police neighbourhood id.' })
  policeNeighbourhood?: string | null;

  @Field(() => ID, { nullable: true, description: 'A board id.' })
  board?: string | null;

  @Field(() => ID, { nullable: true, description: 'A street-scene report (incident id).' })
  report?: string | null;

  @Field(() => HotspotPlaceInput, { nullable: true, description: 'Hot cells of a Gi* analysis (their union).' })
  hotspot?: HotspotPlaceInput | null;

  @Field(() => ClusterPlaceInput, { nullable: true, description: "A DBSCAN cluster (its incidents' convex hull)." })
  cluster?: ClusterPlaceInput | null;

  @Field(() => CrossBoundaryPlaceInput, {
    nullable: true,
    description: "A cross-boundary issue (its cells, or its cluster's hull), with its proposed lead unit.",
  })
  crossBoundary?: CrossBoundaryPlaceInput | null;
}
