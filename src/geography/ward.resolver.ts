import type { Geometry } from 'geojson';
import { Arg, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';

import { NotFoundError } from '../errors';
import { GeoJSONScalar } from '../geo/geojson.scalar';
import type { HubContext } from '../graphql/context';

import { toBoundarySet } from './boundary-set.resolver';
import { editionInfo } from './deprivation';
import { checkSimplify, toSummary } from './geography.fields';
import { Area, BoundarySet, DeprivationSummary, Lsoa, Ward, WardFilter, WardShare } from './geography.types';

@Resolver(() => Ward)
export class WardResolver {
  @Query(() => [Ward], {
    description:
      'Wards of one set, by name (the current set unless asOf or boundarySet says otherwise), optionally of one area or matching a name.',
  })
  async wards(
    @Arg('filter', () => WardFilter, { nullable: true }) filter: WardFilter | null,
    @Ctx() { geography, loaders }: HubContext,
  ): Promise<Ward[]> {
    const set = (await loaders.wardSets()).choose(filter ?? {});
    const rows = await geography.wards({ ...filter, setId: set.id });
    rows.forEach((row) => loaders.wardByCode.prime(row.code, row));
    return rows;
  }

  @Query(() => Ward, {
    description:
      'One ward by ONS code, of any set held; with asOf, only if it was in force that day. NOT_FOUND when there is none.',
  })
  async ward(
    @Arg('code', () => String) code: string,
    @Arg('asOf', () => String, { nullable: true, description: 'A day (YYYY-MM-DD) the ward must have been in force.' })
    asOf: string | null,
    @Ctx() { loaders }: HubContext,
  ): Promise<Ward> {
    const sets = await loaders.wardSets();
    const inForce = asOf ? sets.inForce(asOf) : null;
    const ward = await loaders.wardByCode.load(code);
    if (!ward) {
      throw new NotFoundError(
        `No ward with code "${code.slice(0, 64)}"; ward codes look like E05015511 (current) or E05001770 (2013)`,
      );
    }
    if (inForce && ward.boundarySetId !== inForce.id) {
      const own = sets.byId(ward.boundarySetId);
      throw new NotFoundError(
        `ward ${code} (${ward.name}) belongs to ${own.id}, in force ${own.validFrom} to ${own.validTo ?? 'today'}, not on ${asOf}, ` +
          `when ${inForce.id} was in force; its successors or predecessors field names the wards that cover it then`,
      );
    }
    return ward;
  }

  @FieldResolver(() => Area, { description: 'Its area, made of the wards of its own set.' })
  async area(@Root() ward: Ward, @Ctx() { loaders }: HubContext): Promise<Area> {
    const area = (await loaders.areaByCode.load(ward.areaCode)) as Area;
    return { ...area, boundarySetId: ward.boundarySetId };
  }

  @FieldResolver(() => BoundarySet, { description: 'The boundary set it belongs to, with the period it was in force.' })
  async boundarySet(@Root() ward: Ward, @Ctx() { loaders }: HubContext): Promise<BoundarySet> {
    return toBoundarySet((await loaders.wardSets()).byId(ward.boundarySetId));
  }

  @FieldResolver(() => String, { description: "First day in force (its set's, from the ONS code history)." })
  async validFrom(@Root() ward: Ward, @Ctx() { loaders }: HubContext): Promise<string> {
    return (await loaders.wardSets()).byId(ward.boundarySetId).validFrom;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Last day in force; null for a ward of the current set.',
  })
  async validTo(@Root() ward: Ward, @Ctx() { loaders }: HubContext): Promise<string | null> {
    return (await loaders.wardSets()).byId(ward.boundarySetId).validTo;
  }

  @FieldResolver(() => [WardShare], {
    description:
      'The wards of the next set that took its land, largest share first, with the share of its land and residents each took; empty for a ward of the current set.',
  })
  async successors(@Root() ward: Ward, @Ctx() { loaders }: HubContext): Promise<WardShare[]> {
    const rows = await loaders.successors.load(ward.code);
    const wards = await loaders.wardByCode.loadMany(rows.map((r) => r.toCode));
    return rows.map((r, i) => ({
      ward: wards[i] as Ward,
      landSqKm: r.landSqKm,
      landShare: r.landShareOfFrom,
      residents: r.residents,
      residentsShare: r.residentsShareOfFrom,
    }));
  }

  @FieldResolver(() => [WardShare], {
    description:
      'The wards of the previous set its land came from, largest share first, with the share of its own land and residents that came from each; empty for the oldest set.',
  })
  async predecessors(@Root() ward: Ward, @Ctx() { loaders }: HubContext): Promise<WardShare[]> {
    const rows = await loaders.predecessors.load(ward.code);
    const wards = await loaders.wardByCode.loadMany(rows.map((r) => r.fromCode));
    return rows.map((r, i) => ({
      ward: wards[i] as Ward,
      landSqKm: r.landSqKm,
      landShare: r.landShareOfTo,
      residents: r.residents,
      residentsShare: r.residentsShareOfTo,
    }));
  }

  @FieldResolver(() => Float, { description: 'Mid-2020 population: its LSOAs, apportioned by area where split.' })
  population(@Root() ward: Ward, @Ctx() { loaders }: HubContext): Promise<number> {
    return loaders.wardPopulation.load(ward.code);
  }

  @FieldResolver(() => GeoJSONScalar, { nullable: true, description: 'Its outline (RFC 7946).' })
  geometry(
    @Root() ward: Ward,
    @Arg('simplifyMetres', () => Float, { defaultValue: 0, description: 'Tolerance in metres, 0 to 1000.' })
    simplifyMetres: number,
    @Ctx() { loaders }: HubContext,
  ): Promise<Geometry | null> {
    return loaders.outline.load({ unit: 'ward', code: ward.code, simplifyMetres: checkSimplify(simplifyMetres) });
  }

  @FieldResolver(() => [Ward], { description: 'Wards sharing a boundary line with it, by name.' })
  async neighbours(@Root() ward: Ward, @Ctx() { loaders }: HubContext): Promise<Ward[]> {
    const codes = await loaders.neighbourCodes.load(ward.code);
    return (await loaders.wardByCode.loadMany(codes)) as Ward[];
  }

  @FieldResolver(() => [Lsoa], { description: 'Its LSOAs by the ONS best-fit lookup.' })
  lsoas(@Root() ward: Ward, @Ctx() { loaders }: HubContext): Promise<Lsoa[]> {
    return loaders.lsoasByWard.load(ward.code);
  }

  @FieldResolver(() => DeprivationSummary, { nullable: true, description: 'Indices of Deprivation over its LSOAs.' })
  async deprivation(
    @Root() ward: Ward,
    @Arg('edition', () => Int, { defaultValue: 2019, description: '2015, 2019 or 2025.' }) edition: number,
    @Ctx() { loaders }: HubContext,
  ): Promise<DeprivationSummary | null> {
    editionInfo(edition);
    return toSummary(await loaders.deprivationRollup.load({ level: 'ward', code: ward.code, edition }), edition);
  }
}
