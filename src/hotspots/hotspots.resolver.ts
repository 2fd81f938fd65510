import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';

import { Area, Ward } from '../geography/geography.types';
import type { HubContext } from '../graphql/context';

import { clusterAnalysis, clusters } from './clusters';
import { crossBoundaryAnalysis, crossBoundaryIssues } from './cross-boundary';
import { GRID_LIMITS, hotspotsFor } from './grid';
import {
  BoundaryLevel,
  Cluster,
  ClusterInput,
  ClusterResult,
  CrossBoundaryIssue,
  CrossBoundaryResult,
  HotspotCell,
  HotspotInput,
  HotspotResult,
} from './hotspots.types';

/** The arguments of crossBoundaryIssues and crossBoundaryAnalysis, one list for both. */
@ArgsType()
class CrossBoundaryArgs {
  @Field(() => HotspotInput)
  input!: HotspotInput;

  @Field(() => BoundaryLevel)
  level!: BoundaryLevel;

  @Field(() => Float, { defaultValue: 100, description: 'DBSCAN radius for the clusters.' })
  epsMetres!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'DBSCAN minimum points; when absent, chosen from the data as in ClusterInput.minPoints.',
  })
  minPoints?: number | null;

  @Field(() => Boolean, {
    defaultValue: true,
    description: 'Also run DBSCAN over the extent (the slow part on large data); false lists hot spots only.',
  })
  includeClusters!: boolean;
}

const clusteringOf = (args: CrossBoundaryArgs) =>
  args.includeClusters ? { epsMetres: args.epsMetres, minPoints: args.minPoints ?? null } : null;

@Resolver(() => HotspotCell)
export class HotspotResolver {
  @Query(() => HotspotResult, {
    description: 'Getis-Ord Gi* hot spots over square or hexagonal cells (zero cells included).',
  })
  hotspots(
    @Arg('input', () => HotspotInput) input: HotspotInput,
    @Arg('significantOnly', () => Boolean, {
      defaultValue: false,
      description: `Return only the cells with a non-zero confidence (all cells are still analysed). A response holds at most ${GRID_LIMITS.maxReturnedCells} cells.`,
    })
    significantOnly: boolean,
    @Ctx() ctx: HubContext,
  ): Promise<HotspotResult> {
    return hotspotsFor(ctx, input, significantOnly);
  }

  @Query(() => [Cluster], {
    description: 'DBSCAN density clusters of incidents (ST_ClusterDBSCAN in EPSG:27700), largest first.',
  })
  clusters(@Arg('input', () => ClusterInput) input: ClusterInput, @Ctx() ctx: HubContext): Promise<Cluster[]> {
    return clusters(ctx, input);
  }

  @Query(() => ClusterResult, {
    description:
      "As clusters, with warnings (a radius below the typical spacing of a snapped source's points); clusters stays a plain list for existing clients.",
  })
  clusterAnalysis(
    @Arg('input', () => ClusterInput) input: ClusterInput,
    @Ctx() ctx: HubContext,
  ): Promise<ClusterResult> {
    return clusterAnalysis(ctx, input);
  }

  @Query(() => [CrossBoundaryIssue], {
    description:
      'Hot spots (contiguous cells hot at 95 % or more) and DBSCAN clusters whose incidents fall in more than one unit at the level asked, ranked by incidents × significance, each with the parties and a proposed lead.',
  })
  crossBoundaryIssues(
    @Args(() => CrossBoundaryArgs) args: CrossBoundaryArgs,
    @Ctx() ctx: HubContext,
  ): Promise<CrossBoundaryIssue[]> {
    return crossBoundaryIssues(ctx, args.input, args.level, clusteringOf(args));
  }

  @Query(() => CrossBoundaryResult, {
    description:
      'As crossBoundaryIssues, with warnings (coverage gaps, cells or a radius below the spacing of snapped points); crossBoundaryIssues stays a plain list for existing clients.',
  })
  crossBoundaryAnalysis(
    @Args(() => CrossBoundaryArgs) args: CrossBoundaryArgs,
    @Ctx() ctx: HubContext,
  ): Promise<CrossBoundaryResult> {
    return crossBoundaryAnalysis(ctx, args.input, args.level, clusteringOf(args));
  }

  @FieldResolver(() => [Ward], { description: 'Wards of the set analysed the cell overlaps.' })
  async wards(@Root() cell: HotspotCell, @Ctx() { loaders }: HubContext): Promise<Ward[]> {
    return (await loaders.wardByCode.loadMany(cell.wardCodes)) as Ward[];
  }

  @FieldResolver(() => [Area], { description: 'Areas the cell overlaps, made of the wards of the set analysed.' })
  async areas(@Root() cell: HotspotCell, @Ctx() { loaders }: HubContext): Promise<Area[]> {
    const areas = (await loaders.areaByCode.loadMany(cell.areaCodes)) as Area[];
    return areas.map((area) => ({ ...area, boundarySetId: cell.boundarySetId }));
  }
}
