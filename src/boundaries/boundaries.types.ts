import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

import { Disclosure } from '../auth/disclosure';
import { Area, Ward } from '../geography/geography.types';

@ObjectType({ description: 'A police Safer Neighbourhood Team area (one version of its layer).' })
export class PoliceNeighbourhood {
  @Field(() => ID)
  id!: number;

  @Field(() => String, { description: 'data.police.uk neighbourhood id, e.g. SN-01 (SYN-nn in the demo layer).' })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'data.police.uk force id.' })
  force!: string;

  @Field(() => Boolean, { description: 'True for the demo layer made from LSOAs: not real police boundaries.' })
  synthetic!: boolean;

  layerId!: number;
}

@ObjectType({
  description: "A ward a police neighbourhood overlaps, with the share of the neighbourhood's land in it.",
})
export class WardOverlap {
  wardCode!: string;

  @Field(() => Ward)
  ward!: Ward;

  @Field(() => Float, { description: '0 to 1, of the neighbourhood (EPSG:27700 areas).' })
  share!: number;
}

@ObjectType({ description: 'An area and a police neighbourhood that overlap.' })
export class AlignmentPair {
  @Field(() => Area)
  area!: Area;

  @Field(() => PoliceNeighbourhood)
  policeNeighbourhood!: PoliceNeighbourhood;

  @Field(() => Float, { description: 'Land they share, km² (EPSG:27700).' })
  landSqKm!: number;

  @Field(() => Float, { description: "Shared land as a share of the area's." })
  shareOfArea!: number;

  @Field(() => Float, { description: "Shared land as a share of the neighbourhood's." })
  shareOfNeighbourhood!: number;

  @Field(() => Float, { description: 'Mid-2020 residents they share (LSOAs split by land where cut).' })
  population!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Incidents of the period assigned to both; null when withheld (1 to 4, for callers without credentials).',
  })
  incidents!: number | null;
}

@ObjectType({ description: "One area's match with the police neighbourhoods." })
export class AreaAlignment {
  @Field(() => Area)
  area!: Area;

  @Field(() => Float)
  population!: number;

  @Field(() => [PoliceNeighbourhood], {
    description: 'Police neighbourhoods whose largest share of population lies in this area, best first.',
  })
  policeNeighbourhoods!: PoliceNeighbourhood[];

  @Field(() => [PoliceNeighbourhood], { deprecationReason: 'Use policeNeighbourhoods: the same list.' })
  neighbourhoods!: PoliceNeighbourhood[];

  @Field(() => Float, {
    description: 'Population intersection over union of the area and those neighbourhoods (1: they coincide).',
  })
  score!: number;
}

@ObjectType()
export class NeighbourhoodShare {
  @Field(() => PoliceNeighbourhood)
  policeNeighbourhood!: PoliceNeighbourhood;

  @Field(() => Float, { description: "Share of the ward's land in the neighbourhood." })
  share!: number;
}

@ObjectType()
export class WardAlignment {
  @Field(() => Ward)
  ward!: Ward;

  @Field(() => [NeighbourhoodShare], {
    description: 'The police neighbourhoods the ward falls in, largest share first.',
  })
  policeNeighbourhoods!: NeighbourhoodShare[];

  @Field(() => [NeighbourhoodShare], { deprecationReason: 'Use policeNeighbourhoods: the same list.' })
  neighbourhoods!: NeighbourhoodShare[];
}

@ObjectType({ description: 'How well the areas line up with the police neighbourhoods.' })
export class BoundaryAlignment {
  @Field(() => String)
  force!: string;

  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;

  @Field(() => String, { description: 'The ward set whose wards and areas were aligned (boundarySets lists them).' })
  boundarySet!: string;

  @Field(() => [String], {
    description: 'Months of the period whose incidents are not counted: the ward set was not in force then.',
  })
  monthsNotOnSet!: string[];

  @Field(() => Float, {
    description: 'The grouping as a whole: population-weighted mean of the areas’ scores, 0 to 1.',
  })
  score!: number;

  @Field(() => String, { description: 'How the score is measured.' })
  measure!: string;

  @Field(() => Disclosure, { description: 'Whether small incident counts were withheld from this caller.' })
  disclosure!: Disclosure;

  @Field(() => [AlignmentPair])
  pairs!: AlignmentPair[];

  @Field(() => [AreaAlignment])
  areas!: AreaAlignment[];

  @Field(() => [WardAlignment])
  wards!: WardAlignment[];
}

@InputType({ description: 'Put a ward in an area.' })
export class WardAreaInput {
  @Field(() => String)
  wardCode!: string;

  @Field(() => String)
  areaCode!: string;
}

@ObjectType()
export class WardMoveResult {
  @Field(() => Ward)
  ward!: Ward;

  @Field(() => Area)
  from!: Area;

  @Field(() => Area)
  to!: Area;
}

@ObjectType({ description: 'What setWardAreas changed.' })
export class WardAreasResult {
  @Field(() => String, { description: 'The id the audit trail records these moves under.' })
  changeSet!: string;

  @Field(() => [WardMoveResult])
  moves!: WardMoveResult[];

  @Field(() => Int, { description: 'Incidents whose area changed with the wards.' })
  incidentsReassigned!: number;

  @Field(() => String, { description: 'The ward set whose wards were grouped (boundarySets lists them).' })
  boundarySet!: string;
}

export enum AlignmentWeight {
  POPULATION = 'population',
  LAND = 'land',
  INCIDENTS = 'incidents',
}
registerEnumType(AlignmentWeight, {
  name: 'AlignmentWeight',
  description: 'What the alignment score weighs: residents, land or incidents.',
});

@ObjectType()
export class ProposedArea {
  @Field(() => Area)
  area!: Area;

  @Field(() => [Ward])
  wards!: Ward[];
}

@ObjectType({ description: 'The grouping of wards into areas that best matches the police neighbourhoods.' })
export class ProposedGrouping {
  @Field(() => AlignmentWeight)
  weight!: AlignmentWeight;

  @Field(() => String, { description: 'How the grouping was found, and what is guaranteed.' })
  method!: string;

  @Field(() => Int, { description: 'Contiguous groupings examined.' })
  examined!: number;

  @Field(() => Float, {
    description: 'The proposed grouping’s alignment score (the boundaryAlignment measure, with this weight).',
  })
  score!: number;

  @Field(() => Float, { description: 'The current grouping’s score, same measure.' })
  currentScore!: number;

  @Field(() => [ProposedArea])
  areas!: ProposedArea[];

  @Field(() => [WardMoveResult], { description: 'Wards that would move.' })
  moves!: WardMoveResult[];

  @Field(() => String, { description: 'The ward set whose wards were grouped (boundarySets lists them).' })
  boundarySet!: string;
}
