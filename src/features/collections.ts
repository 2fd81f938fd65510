import type { Geometry } from 'geojson';

import type { Caller } from '../auth/caller';
import { seesExactPoints } from '../auth/caller';
import { ruleFor } from '../auth/policy';
import { atLeast, type Role } from '../auth/roles';
import { InvalidParameterError } from '../errors';

import type { FeaturesService, Page } from './features.service';
import { type BBox, filterValues, monthStart, type RawQuery, single, type TimeInterval } from './params';

/** What every items request carries besides the collection's own property filters. */
export interface ItemsRequest {
  query: RawQuery;
  bbox: BBox | null;
  datetime: TimeInterval | null;
  caller: Caller;
}

/** A feature before links are added: RFC 7946 with a stable id. */
export interface PlainFeature {
  type: 'Feature';
  id: string;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

/** One collection the API serves. */
export interface CollectionDef {
  id: string;
  title: string;
  description: string;
  /** The lowest role that may read it (the GraphQL query it mirrors). */
  role: Role;
  /** GeoJSON geometry type of its features, for the OpenAPI document and QGIS. */
  geometryType: 'MultiPolygon' | 'Point';
  /** Property filters: query parameter (= property name) to a one-line description. */
  queryables: Record<string, string>;
  /** Other parameters its items (and item) endpoints take, with their descriptions. */
  extraParameters: Record<string, string>;
  /** Parameters an item by id takes besides `f`. */
  itemParameters: readonly string[];
  /** Whether `datetime` filters it (otherwise every feature matches, as the standard says). */
  temporal: boolean;
  /** Rate-limit points one feature costs: about what GraphQL prices the same fields at. */
  featureCost: number;
  /** A page of its features; `id` restricts it to the one feature of that id. */
  load(
    service: FeaturesService,
    request: ItemsRequest,
    id: string | null,
    page: Page,
  ): Promise<{ features: PlainFeature[]; matched: number }>;
}

/** A property filter's values, or null when the parameter is absent; `normalise` fixes case. */
function values(query: RawQuery, name: string, normalise: (v: string) => string = (v) => v): string[] | null {
  const text = single(query, name);
  return text === undefined ? null : filterValues(name, text).map(normalise);
}

const upper = (v: string) => v.toUpperCase();
const lower = (v: string) => v.toLowerCase();

/**
 * The ward set asked for by `boundarySet`, checked against the sets held.
 * @throws InvalidParameterError naming the value when the hub holds no such ward set
 */
async function wardSet(service: FeaturesService, query: RawQuery): Promise<string | null> {
  const id = single(query, 'boundarySet');
  if (id === undefined) {
    return null;
  }
  if (!(await service.holdsWardSet(id))) {
    throw new InvalidParameterError(
      `boundarySet must name a ward boundary set the hub holds (GraphQL boundarySets lists them), got "${id.slice(0, 60)}"`,
    );
  }
  return id;
}

const feature = (id: string, geometry: Geometry | null, properties: Record<string, unknown>): PlainFeature => ({
  type: 'Feature',
  id,
  geometry,
  properties,
});

const BOUNDARY_SET = {
  boundarySet:
    'A ward boundary set id (ons-wards-2013 or ons-wards-2023); the current set when absent. An item by id takes it only for areas.',
};

const wards: CollectionDef = {
  id: 'wards',
  title: 'Wards',
  description:
    "Derby's electoral wards: today's set unless boundarySet names another, with their area, land and mid-2020 residents (LSOA populations shared by land).",
  role: 'public',
  geometryType: 'MultiPolygon',
  queryables: { code: 'ONS ward code, e.g. E05015511', area_code: 'Area code: NORTH, EAST, SOUTH or WEST' },
  extraParameters: BOUNDARY_SET,
  itemParameters: [],
  temporal: false,
  featureCost: 8,
  async load(service, { query, bbox }, id, page) {
    const { rows, matched } = await service.wards(
      {
        id,
        boundarySet: id ? null : await wardSet(service, query),
        codes: values(query, 'code', upper),
        areaCodes: values(query, 'area_code', upper),
        bbox,
      },
      page,
    );
    return {
      matched,
      features: rows.map((r) =>
        feature(r.id, r.geometry, {
          code: r.id,
          name: r.name,
          area_code: r.areaCode,
          area_name: r.areaName,
          boundary_set: r.boundarySet,
          valid_from: r.validFrom,
          valid_to: r.validTo,
          area_sq_km: r.areaSqKm,
          population: r.population,
        }),
      ),
    };
  },
};

const areas: CollectionDef = {
  id: 'areas',
  title: 'Areas',
  description:
    'The four neighbourhood-working areas (an illustrative grouping of the wards), each the union of its wards in the current set unless boundarySet names another.',
  role: 'public',
  geometryType: 'MultiPolygon',
  queryables: { code: 'Area code: NORTH, EAST, SOUTH or WEST' },
  extraParameters: BOUNDARY_SET,
  itemParameters: ['boundarySet'],
  temporal: false,
  featureCost: 5,
  async load(service, { query, bbox }, id, page) {
    const { rows, matched } = await service.areas(
      { id, boundarySet: await wardSet(service, query), codes: values(query, 'code', upper), bbox },
      page,
    );
    return {
      matched,
      features: rows.map((r) =>
        feature(r.id, r.geometry, {
          code: r.id,
          name: r.name,
          description: r.description,
          boundary_set: r.boundarySet,
          ward_count: r.wardCount,
        }),
      ),
    };
  },
};

const lsoas: CollectionDef = {
  id: 'lsoas',
  title: 'LSOAs',
  description:
    'Lower layer super output areas of the current (2021) LSOA set, with their best-fit current ward, mid-2020 population and Index of Multiple Deprivation decile (1 = most deprived 10 % in England) of the 2019 and 2025 editions.',
  role: 'public',
  geometryType: 'MultiPolygon',
  queryables: { code: 'ONS LSOA code, e.g. E01013479', ward_code: 'Best-fit ward code (current set)' },
  extraParameters: {},
  itemParameters: [],
  temporal: false,
  featureCost: 8,
  async load(service, { query, bbox }, id, page) {
    const { rows, matched } = await service.lsoas(
      { id, codes: values(query, 'code', upper), wardCodes: values(query, 'ward_code', upper), bbox },
      page,
    );
    return {
      matched,
      features: rows.map((r) =>
        feature(r.id, r.geometry, {
          code: r.id,
          name: r.name,
          ward_code: r.wardCode,
          population: r.population,
          imd_2019_decile: r.imd2019Decile,
          imd_2025_decile: r.imd2025Decile,
          area_sq_km: r.areaSqKm,
        }),
      ),
    };
  },
};

const policeNeighbourhoods: CollectionDef = {
  id: 'police-neighbourhoods',
  title: 'Police neighbourhoods',
  description:
    "Police Safer Neighbourhood Team areas of each force's current layer; Derby's shipped layer is a SYNTHETIC demo (synthetic: true). Feature ids are force:code.",
  role: 'public',
  geometryType: 'MultiPolygon',
  queryables: { code: 'Neighbourhood code, e.g. SYN-01', force: 'Police force, e.g. derbyshire' },
  extraParameters: {},
  itemParameters: [],
  temporal: false,
  featureCost: 5,
  async load(service, { query, bbox }, id, page) {
    const { rows, matched } = await service.policeNeighbourhoods(
      { id, codes: values(query, 'code'), forces: values(query, 'force', lower), bbox },
      page,
    );
    return {
      matched,
      features: rows.map((r) =>
        feature(r.id, r.geometry, { code: r.code, name: r.name, force: r.force, synthetic: r.synthetic }),
      ),
    };
  },
};

/** Whether a caller may read one field of the GraphQL Incident type: the same table decides here. */
const mayRead = (caller: Caller, field: string) => {
  const rule = ruleFor('Incident', field);
  return rule !== undefined && atLeast(caller.role, rule.role);
};

const incidents: CollectionDef = {
  id: 'incidents',
  title: 'Incidents',
  description:
    'Crime and anti-social behaviour (police.uk) and street-scene reports, newest month first, as the GraphQL incidents query gives them to the caller: for analysts and above; a street-scene report at the centre of its 100 m grid cell unless the caller is an officer. datetime filters on the month.',
  role: ruleFor('Query', 'incidents')?.role ?? 'admin',
  geometryType: 'Point',
  queryables: {
    category: 'Category slug, e.g. burglary or anti-social-behaviour',
    source: 'Source, e.g. police.uk or council-report',
    status: 'Street-scene workflow status: open, in_progress, resolved or closed',
    ward_code: 'Ward code of any set (the ward of its month or of today)',
    area_code: 'Area code (current set)',
  },
  extraParameters: {},
  itemParameters: [],
  temporal: true,
  featureCost: 15,
  async load(service, { query, bbox, datetime, caller }, id, page) {
    if (id !== null && !/^[1-9]\d{0,17}$/.test(id)) {
      // Ids are PostgreSQL bigints: anything else names no incident, and never reaches SQL.
      return { features: [], matched: 0 };
    }
    const exactPoints = seesExactPoints(caller);
    // An incident's time is its month: it matches when its month meets the interval (in UTC).
    const { rows, matched } = await service.incidents(
      {
        exactPoints,
        categories: values(query, 'category', lower),
        from: datetime && datetime.start !== null ? monthStart(datetime.start) : null,
        to: datetime && datetime.end !== null ? monthStart(datetime.end) : null,
        wardCodes: values(query, 'ward_code', upper),
        areaCodes: values(query, 'area_code', upper),
        policeNeighbourhoodIds: null,
        bbox,
        within: null,
        sources: values(query, 'source'),
        statuses: values(query, 'status', lower),
      },
      id,
      page,
    );
    const officer = mayRead(caller, 'description') && mayRead(caller, 'occurredAt');
    return {
      matched,
      features: rows.map((r) =>
        feature(r.id, r.point, {
          category: r.categorySlug,
          source: r.source,
          synthetic: r.source.startsWith('synthetic-'),
          month: r.month,
          location: r.location,
          outcome: r.outcome,
          status: r.status,
          crime_id: r.crimeId,
          ward_code: r.wardCode,
          area_code: r.areaCode,
          current_ward_code: r.currentWardCode,
          current_area_code: r.currentAreaCode,
          lsoa_code: r.lsoaCode,
          police_neighbourhood: r.policeNeighbourhoodCode,
          ...(officer ? { occurred_at: r.occurredAt?.toISOString() ?? null, description: r.description } : {}),
        }),
      ),
    };
  },
};

/** Every collection, in the order /collections lists them. */
export const COLLECTIONS: readonly CollectionDef[] = [wards, areas, lsoas, policeNeighbourhoods, incidents];

/** Whether a caller may read a collection. */
export function mayReadCollection(caller: Caller, collection: CollectionDef): boolean {
  return atLeast(caller.role, collection.role);
}
