import { Field, Float, Int, ObjectType } from 'type-graphql';

import { Ward } from '../geography/geography.types';

@ObjectType({ description: 'A current ward that took part of an old one, with what passed to it.' })
export class WardChangeShare {
  @Field(() => Ward)
  ward!: Ward;

  @Field(() => Float, { description: "Share (0 to 1) of the old ward's land it took (EPSG:27700)." })
  landShare!: number;

  @Field(() => Float, { description: "Share (0 to 1) of the old ward's residents it took (mid-2020, through LSOAs)." })
  residentsShare!: number;

  @Field(() => Float, {
    description:
      "Share (0 to 1) of this ward's own residents who live on the old ward's land: the weight its counts carry back.",
  })
  residentsShareOfCurrent!: number;

  @Field(() => Int, {
    description: 'Incidents placed in the old ward (in its own months) that sit in this ward today.',
  })
  incidents!: number;

  @Field(() => Float, { description: "Share (0 to 1) of the old ward's incidents that sit in this ward today." })
  incidentsShare!: number;
}

@ObjectType({ description: 'One month of an old ward across the change: observed, or estimated on the current wards.' })
export class WardChangeMonth {
  @Field(() => String)
  month!: string;

  @Field(() => Float, { description: 'Incidents: a whole count where observed, fractional where estimated.' })
  count!: number;

  @Field(() => Boolean, { description: "True after the old ward's set ended: apportioned from the current wards." })
  estimated!: boolean;
}

@ObjectType({
  description: "An old ward's incidents over a period that may straddle the change, re-estimated on the current set.",
})
export class WardChangeFigures {
  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;

  @Field(() => Float, { description: 'Observed plus estimated.' })
  total!: number;

  @Field(() => Int, { description: "Incidents placed in the old ward in its set's months." })
  observed!: number;

  @Field(() => Float, { description: 'The estimate for the months after its set ended.' })
  estimated!: number;

  @Field(() => [WardChangeMonth], { description: 'Every month of the period.' })
  months!: WardChangeMonth[];
}

@ObjectType({
  description:
    "Which current wards took an old ward's land, residents and incidents, and its figures re-estimated on them.",
})
export class WardChange {
  @Field(() => Ward, { description: 'The old ward.' })
  ward!: Ward;

  @Field(() => String, { description: 'The current ward set its successors belong to.' })
  boundarySet!: string;

  @Field(() => [WardChangeShare], { description: 'Its successors, largest share of land first.' })
  successors!: WardChangeShare[];

  @Field(() => String, { description: 'How figures after the change are re-estimated.' })
  method!: string;
}
