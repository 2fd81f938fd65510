import { Field, Float, ID, ObjectType } from 'type-graphql';

import { Ward } from '../geography/geography.types';

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
