import { Field, Float, InputType, Int } from 'type-graphql';

import { BoundaryLevel, ClusterInput, HotspotInput } from '../hotspots/hotspots.types';

/** Most cells one hot-spot place names. */
export const MAX_PLACE_CELLS = 500;

/**
 * Hot spots, clusters and cross-boundary issues are computed, not stored: a place made from one
 * names the analysis that found it and what it found, and the hub runs the analysis again to
 * find it (refusing with NOT_FOUND when it is no longer there).
 */
@InputType({
  description:
    'Hot cells of a Gi* analysis: the analysis input (which fixes the grid) and the ids ("i:j") of cells it marks hot at 95 % or more.',
})
export class HotspotPlaceInput {
  @Field(() => HotspotInput)
  analysis!: HotspotInput;

  @Field(() => [String], { description: `From 1 to ${MAX_PLACE_CELLS} cell ids, as the hotspots query gives them.` })
  cells!: string[];
}

@InputType({ description: 'A DBSCAN cluster: the clusters input and the key the clusters query gave it.' })
export class ClusterPlaceInput {
  @Field(() => ClusterInput)
  analysis!: ClusterInput;

  @Field(() => String, { description: 'Cluster.key (a hash of its incidents), not its number in one run.' })
  key!: string;
}

@InputType({
  description:
    'A cross-boundary issue: the crossBoundaryIssues arguments and the key it gave the issue. Hot-spot issues are found without running DBSCAN.',
})
export class CrossBoundaryPlaceInput {
  @Field(() => HotspotInput)
  analysis!: HotspotInput;

  @Field(() => BoundaryLevel)
  level!: BoundaryLevel;

  @Field(() => Float, { defaultValue: 100, description: 'DBSCAN radius, for a CLUSTER issue.' })
  epsMetres!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'DBSCAN minimum points, for a CLUSTER issue; when absent, chosen from the data as crossBoundaryIssues does.',
  })
  minPoints?: number | null;

  @Field(() => String, { description: 'CrossBoundaryIssue.key.' })
  key!: string;
}
