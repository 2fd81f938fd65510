import { Arg, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';

import { seesExactPoints } from '../auth/caller';
import { PoliceNeighbourhood } from '../boundaries/boundaries.types';
import { LimitExceededError } from '../errors';
import { Area, Lsoa, Ward } from '../geography/geography.types';
import type { HubContext, Loaders } from '../graphql/context';
import { coverageExtentOf } from '../hotspots/scope';

import { checkSources, checkThreshold, COVERAGE_THRESHOLD, coverageGaps, coverageRule } from './coverage';
import { CoverageExtent } from './coverage.types';
import { decodeCursor, encodeCursor, toFilterParams } from './incident-filter';
import {
  DataQuality,
  Incident,
  IncidentCategory,
  IncidentConnection,
  IncidentFilter,
  StatusChange,
} from './incidents.types';
import { monthsOf, period } from './period';

/** An area as the API shows it, on the set of the ward it was reached through. */
async function inSetOf(loaders: Loaders, areaCode: string | null, wardCode: string | null): Promise<Area | null> {
  const [area, ward] = await Promise.all([
    areaCode ? loaders.areaByCode.load(areaCode) : null,
    wardCode ? loaders.wardByCode.load(wardCode) : null,
  ]);
  return area && ward ? { ...area, boundarySetId: ward.boundarySetId } : null;
}

/** Largest page of incidents one call returns. */
export const MAX_PAGE_SIZE = 1000;

@Resolver(() => Incident)
export class IncidentResolver {
  @Query(() => IncidentConnection, {
    description: `Incidents matching a filter, newest month first, at most ${MAX_PAGE_SIZE} a page.`,
  })
  async incidents(
    @Arg('filter', () => IncidentFilter, { nullable: true }) filter: IncidentFilter | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Arg('after', () => String, { nullable: true, description: "A previous page's endCursor." }) after: string | null,
    @Ctx() { incidents, loaders, caller }: HubContext,
  ): Promise<IncidentConnection> {
    if (first < 1 || first > MAX_PAGE_SIZE) {
      throw new LimitExceededError('first', `from 1 to ${MAX_PAGE_SIZE}`, first);
    }
    const params = await toFilterParams(filter, loaders, seesExactPoints(caller));
    const cursor = after ? decodeCursor(after) : null;
    const [rows, totalCount] = await Promise.all([incidents.page(params, cursor, first + 1), incidents.count(params)]);
    const page = rows.slice(0, first);
    return {
      totalCount,
      edges: page.map((node) => ({ cursor: encodeCursor(node), node: node as Incident })),
      pageInfo: {
        hasNextPage: rows.length > first,
        hasPreviousPage: cursor !== null,
        startCursor: page.length > 0 ? encodeCursor(page[0]) : null,
        endCursor: page.length > 0 ? encodeCursor(page[page.length - 1]) : null,
      },
    };
  }

  @Query(() => [IncidentCategory], { description: 'Every incident category with the service that owns it.' })
  async categories(@Ctx() { incidents, loaders }: HubContext): Promise<IncidentCategory[]> {
    const rows = await incidents.categories();
    rows.forEach((row) => loaders.categoryBySlug.prime(row.slug, row));
    return rows as IncidentCategory[];
  }

  @Query(() => DataQuality, {
    description:
      'Months present and missing per source, rows without a point, LSOA disagreements, and coverage: where and when a source has no data.',
  })
  async dataQuality(
    @Arg('from', () => String, { description: 'YYYY-MM' }) from: string,
    @Arg('to', () => String, { description: 'YYYY-MM' }) to: string,
    @Arg('sources', () => [String], {
      nullable: true,
      description: 'Sources to report; all the hub holds when absent.',
    })
    sourcesAsked: string[] | null,
    @Arg('extent', () => CoverageExtent, {
      nullable: true,
      description: 'Where coverage gaps are looked for; the whole city when absent.',
    })
    extent: CoverageExtent | null,
    @Arg('coverageThreshold', () => Float, {
      nullable: true,
      description: `The Poisson probability of no incident below which a unit's zero is a gap, 0 < p < 1; default ${COVERAGE_THRESHOLD}.`,
    })
    threshold: number | null,
    @Ctx() ctx: HubContext,
  ): Promise<DataQuality> {
    const { incidents } = ctx;
    const p = period(from, to);
    const months = monthsOf(p);
    const below = checkThreshold(threshold);
    const asked = await checkSources(incidents, sourcesAsked);
    const [rows, spans, gaps] = await Promise.all([
      incidents.quality(`${p.from}-01`, `${p.to}-01`),
      incidents.sourceSpans(),
      coverageExtentOf(ctx, extent).then((e) => coverageGaps(incidents, p, asked, e, below)),
    ]);
    const sources = asked ?? [...new Set([...spans.map((s) => s.source), ...rows.map((r) => r.source)])];
    return {
      from: p.from,
      to: p.to,
      sources: sources.map((source) => {
        const mine = rows.filter((r) => r.source === source);
        const present = new Set(mine.map((r) => r.month));
        const span = spans.find((s) => s.source === source);
        return {
          source,
          rows: mine.reduce((s, r) => s + r.rows, 0),
          monthsPresent: months.filter((m) => present.has(m)),
          monthsMissing: months.filter((m) => !present.has(m)),
          rowsWithoutLocation: mine.reduce((s, r) => s + r.withoutLocation, 0),
          lsoaMismatches: mine.reduce((s, r) => s + r.lsoaMismatches, 0),
          coverage: {
            firstMonth: span?.firstMonth ?? null,
            lastMonth: span?.lastMonth ?? null,
            startsInPeriod: !!span && span.firstMonth > p.from && span.firstMonth <= p.to,
            stopsInPeriod: !!span && span.lastMonth < p.to && span.lastMonth >= p.from,
            gaps: gaps.filter((g) => g.source === source),
            rule: coverageRule(below),
          },
        };
      }),
    };
  }

  @FieldResolver(() => IncidentCategory)
  async category(@Root() incident: Incident, @Ctx() { loaders }: HubContext): Promise<IncidentCategory> {
    return (await loaders.categoryBySlug.load(incident.categorySlug)) as IncidentCategory;
  }

  @FieldResolver(() => Boolean, { description: "True for rows the hub's generator made (synthetic data)." })
  synthetic(@Root() incident: Incident): boolean {
    return incident.source.startsWith('synthetic-');
  }

  @FieldResolver(() => Ward, {
    nullable: true,
    description: 'Its ward in the set in force in its month (a December 2018 crime sits in a 2013 ward).',
  })
  ward(@Root() incident: Incident, @Ctx() { loaders }: HubContext): Promise<Ward | null> | null {
    return incident.wardCode ? loaders.wardByCode.load(incident.wardCode) : null;
  }

  @FieldResolver(() => Area, { nullable: true, description: 'The area of that ward, in that set.' })
  async area(@Root() incident: Incident, @Ctx() { loaders }: HubContext): Promise<Area | null> {
    return inSetOf(loaders, incident.areaCode, incident.wardCode);
  }

  @FieldResolver(() => Ward, {
    nullable: true,
    description: "Its ward in the current set, to read a trend across a boundary change on today's wards.",
  })
  currentWard(@Root() incident: Incident, @Ctx() { loaders }: HubContext): Promise<Ward | null> | null {
    return incident.currentWardCode ? loaders.wardByCode.load(incident.currentWardCode) : null;
  }

  @FieldResolver(() => Area, { nullable: true, description: 'Its area in the current set.' })
  async currentArea(@Root() incident: Incident, @Ctx() { loaders }: HubContext): Promise<Area | null> {
    return inSetOf(loaders, incident.currentAreaCode, incident.currentWardCode);
  }

  @FieldResolver(() => Lsoa, { nullable: true, description: 'The LSOA the point falls in.' })
  lsoa(@Root() incident: Incident, @Ctx() { loaders }: HubContext): Promise<Lsoa | null> | null {
    return incident.lsoaCode ? loaders.lsoaByCode.load(incident.lsoaCode) : null;
  }

  @FieldResolver(() => PoliceNeighbourhood, {
    nullable: true,
    description: "The police neighbourhood of the force's current layer the point falls in.",
  })
  policeNeighbourhood(
    @Root() incident: Incident,
    @Ctx() { loaders }: HubContext,
  ): Promise<PoliceNeighbourhood | null> | null {
    return incident.policeNeighbourhoodId === null
      ? null
      : loaders.policeNeighbourhoodById.load(incident.policeNeighbourhoodId);
  }

  @FieldResolver(() => [StatusChange], { description: 'The workflow so far, oldest first (street-scene reports).' })
  statusHistory(@Root() incident: Incident, @Ctx() { loaders }: HubContext): Promise<StatusChange[]> {
    return loaders.statusHistory.load(incident.id) as Promise<StatusChange[]>;
  }
}
