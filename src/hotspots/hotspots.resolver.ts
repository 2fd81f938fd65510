import type { MultiPolygon } from 'geojson';
import { Arg, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';

import { seesExactPoints } from '../auth/caller';
import { Disclosing } from '../auth/disclosure';
import { AnalysisLimitError } from '../errors';
import { Area, Ward } from '../geography/geography.types';
import type { HubContext } from '../graphql/context';

import { checkDbscan, clustersFrom, hotSpotGroups, hotspots, LIMITS, shares, toScope } from './analysis';
import { HotspotsService } from './hotspots.service';
import {
  BoundaryLevel,
  Cluster,
  ClusterInput,
  CrossBoundaryIssue,
  HotspotCell,
  HotspotInput,
  HotspotResult,
} from './hotspots.types';

@Resolver(() => HotspotCell)
export class HotspotResolver {
  @Query(() => HotspotResult, {
    description: 'Getis-Ord Gi* hot spots over square or hexagonal cells (zero cells included).',
  })
  async hotspots(
    @Arg('input', () => HotspotInput) input: HotspotInput,
    @Arg('significantOnly', () => Boolean, {
      defaultValue: false,
      description: `Return only the cells with a non-zero confidence (all cells are still analysed). A response holds at most ${LIMITS.maxReturnedCells} cells.`,
    })
    significantOnly: boolean,
    @Ctx() { db, loaders, caller }: HubContext,
  ): Promise<HotspotResult> {
    const { result } = await hotspots(input, new HotspotsService(db), loaders, seesExactPoints(caller));
    const cells = significantOnly ? result.cells.filter((c) => c.confidence !== 0) : result.cells;
    if (cells.length > LIMITS.maxReturnedCells) {
      throw new AnalysisLimitError(
        `the analysis found ${cells.length} ${significantOnly ? 'significant ' : ''}cells and a response holds at most ${LIMITS.maxReturnedCells}: ${significantOnly ? '' : 'ask for significantOnly, or '}use larger cells or a smaller extent`,
      );
    }
    const disclosing = new Disclosing(caller);
    return {
      ...result,
      parameters: { ...result.parameters, significantOnly },
      cells: cells.map((c) => ({ ...c, count: disclosing.count(c.count as number) })),
      disclosure: disclosing.disclosure,
    };
  }

  @Query(() => [Cluster], {
    description: 'DBSCAN density clusters of incidents (ST_ClusterDBSCAN in EPSG:27700), largest first.',
  })
  async clusters(
    @Arg('input', () => ClusterInput) input: ClusterInput,
    @Ctx() { db, loaders, caller }: HubContext,
  ): Promise<Cluster[]> {
    checkDbscan(input.epsMetres, input.minPoints);
    const service = new HotspotsService(db);
    const exact = seesExactPoints(caller);
    const { scope } = await toScope(input, service, loaders, exact);
    const found = await clustersFrom(
      await service.clusterMembers(scope, input.epsMetres, input.minPoints),
      service,
      loaders,
      exact,
    );
    return found.sort((a, b) => b.count - a.count || a.id - b.id);
  }

  @Query(() => [CrossBoundaryIssue], {
    description:
      'Hot spots (contiguous cells hot at 95 % or more) and DBSCAN clusters whose incidents fall in more than one unit at the level asked, ranked by incidents × significance, each with the parties and a proposed lead.',
  })
  async crossBoundaryIssues(
    @Arg('input', () => HotspotInput) input: HotspotInput,
    @Arg('level', () => BoundaryLevel) level: BoundaryLevel,
    @Arg('epsMetres', () => Float, { defaultValue: 100, description: 'DBSCAN radius for the clusters.' })
    epsMetres: number,
    @Arg('minPoints', () => Int, { defaultValue: 10 }) minPoints: number,
    @Arg('includeClusters', () => Boolean, {
      defaultValue: true,
      description: 'Also run DBSCAN over the extent (the slow part on large data); false lists hot spots only.',
    })
    includeClusters: boolean,
    @Ctx() { db, loaders, caller }: HubContext,
  ): Promise<CrossBoundaryIssue[]> {
    if (level === BoundaryLevel.POLICE_NEIGHBOURHOOD) {
      throw new AnalysisLimitError(
        'level POLICE_NEIGHBOURHOOD needs the police neighbourhood layer, which this hub does not hold yet; use WARD or AREA',
      );
    }
    checkDbscan(epsMetres, minPoints);
    const service = new HotspotsService(db);
    const exact = seesExactPoints(caller);
    const { result, rows, scope } = await hotspots(input, service, loaders, exact);
    const groups = hotSpotGroups(result.cells, rows, input.cellShape, input.cellSizeMetres);
    const wanted = groups.flat().map((k) => ({ i: rows[k].i, j: rows[k].j }));
    const split =
      wanted.length > 0 ? await service.cellUnits(scope, input.cellShape, input.cellSizeMetres, wanted) : [];
    const issues: CrossBoundaryIssue[] = [];
    for (const group of groups) {
      const ids = new Set(group.map((k) => `${rows[k].i}:${rows[k].j}`));
      const counts = new Map<string, number>();
      for (const r of split) {
        const code = level === BoundaryLevel.WARD ? r.wardCode : r.areaCode;
        if (code && ids.has(`${r.i}:${r.j}`)) {
          counts.set(code, (counts.get(code) ?? 0) + r.n);
        }
      }
      if (counts.size > 1) {
        const parties = await shares(level, counts, loaders);
        const incidents = parties.reduce((s, p) => s + p.count, 0);
        const significance = Math.max(...group.map((k) => result.cells[k].confidence));
        const geometry: MultiPolygon = {
          type: 'MultiPolygon',
          coordinates: group.map((k) => rows[k].geometry.coordinates),
        };
        issues.push({
          kind: 'HOTSPOT',
          geometry,
          incidents,
          significance,
          score: incidents * significance,
          parties,
          lead: parties[0],
        });
      }
    }
    const clusters = includeClusters
      ? await clustersFrom(await service.clusterMembers(scope, epsMetres, minPoints), service, loaders, exact)
      : [];
    for (const cluster of clusters) {
      const parties = cluster.boundaries.filter((b) => b.level === level);
      if (parties.length > 1) {
        issues.push({
          kind: 'CLUSTER',
          geometry: cluster.hull,
          incidents: cluster.count,
          significance: 1,
          score: cluster.count,
          parties,
          lead: parties[0],
        });
      }
    }
    return issues.sort((a, b) => b.score - a.score);
  }

  @FieldResolver(() => [Ward], { description: 'Wards the cell overlaps.' })
  async wards(@Root() cell: HotspotCell, @Ctx() { loaders }: HubContext): Promise<Ward[]> {
    return (await loaders.wardByCode.loadMany(cell.wardCodes)) as Ward[];
  }

  @FieldResolver(() => [Area], { description: 'Areas the cell overlaps.' })
  async areas(@Root() cell: HotspotCell, @Ctx() { loaders }: HubContext): Promise<Area[]> {
    return (await loaders.areaByCode.loadMany(cell.areaCodes)) as Area[];
  }
}
