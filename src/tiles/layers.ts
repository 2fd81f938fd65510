/** The layers the hub serves as vector tiles, each the name of its URL and of its one MVT layer. */
export const LAYER_IDS = ['wards', 'areas', 'lsoas', 'police-neighbourhoods', 'incidents', 'hotspots'] as const;

export type LayerId = (typeof LAYER_IDS)[number];

/** What a layer is, for TileJSON and the README: its properties (name to type and meaning) and zooms. */
export interface TileLayer {
  id: LayerId;
  description: string;
  /** TileJSON `fields`: property name to its type and meaning. */
  fields: Record<string, string>;
  minzoom: number;
  maxzoom: number;
  /** Whether what a tile holds depends on the caller's role (then it is cached privately). */
  byCaller: boolean;
  /** Rate-limit points a tile costs (a hot-spot analysis computed for it costs what the GraphQL query does). */
  cost: number;
  /** Query-string parameters the layer takes; any other is refused. */
  parameters: readonly string[];
}

/** Whether a text names a layer. */
export function isLayerId(value: string): value is LayerId {
  return (LAYER_IDS as readonly string[]).includes(value);
}

const boundary = (id: LayerId, description: string, fields: Record<string, string>): TileLayer => ({
  id,
  description,
  fields,
  minzoom: 0,
  maxzoom: 16,
  byCaller: false,
  cost: 1,
  parameters: [],
});

/** The catalogue. Property names and types are the same on the server (ST_AsMVT) and embedded (geojson-vt) paths. */
export const LAYERS: Record<LayerId, TileLayer> = {
  wards: boundary('wards', "Wards of the current set (today's wards).", {
    code: 'String: ONS ward code',
    name: 'String: ward name',
    areaCode: 'String: code of the area the ward belongs to',
    boundarySet: 'String: the ward set (e.g. ons-wards-2023)',
  }),
  areas: boundary('areas', 'Areas: the union of their wards in the current set.', {
    code: 'String: area code',
    name: 'String: area name',
  }),
  lsoas: boundary('lsoas', 'LSOAs of the current LSOA set with deprivation and population.', {
    code: 'String: ONS LSOA code',
    name: 'String: LSOA name',
    imdDecile: 'Number: Index of Multiple Deprivation decile, 1 = most deprived 10 % in England (latest edition held)',
    imdEdition: 'Number: the edition of the English Indices of Deprivation the decile is from',
    population: 'Number: ONS mid-2020 population estimate',
  }),
  'police-neighbourhoods': boundary(
    'police-neighbourhoods',
    "Police neighbourhoods of each force's current layer (a synthetic layer says so).",
    {
      id: 'Number: the hub id of the neighbourhood (policeNeighbourhood(id) in GraphQL)',
      code: "String: the force's neighbourhood code",
      name: 'String: neighbourhood name',
      force: 'String: police force',
      synthetic: 'Boolean: true for a demonstration layer made by the hub, not the police',
    },
  ),
  incidents: {
    id: 'incidents',
    description:
      'Incidents: counts per grid cell (square polygons) below the point zoom, points from it for analysts and above; public callers get cells at every zoom, never finer than about 300 m (Web Mercator) and with counts from 1 to 4 left out.',
    fields: {
      count: 'Number: incidents in the cell (cells only; absent when withheld, 1 to 4, for public callers)',
      id: 'String: incident id (points only)',
      category: 'String: category slug (points only)',
      month: 'String: YYYY-MM (points only)',
      source: 'String: where the row came from, e.g. police.uk, synthetic-police.uk (points only)',
    },
    minzoom: 0,
    maxzoom: 18,
    byCaller: true,
    cost: 2,
    parameters: ['from', 'to', 'categories'],
  },
  hotspots: {
    id: 'hotspots',
    description:
      'Cells of a city-wide Getis-Ord Gi* hot-spot analysis (the GraphQL hotspots query, square cells, default band, FDR on), for the period, categories and cell size in the query string.',
    fields: {
      id: 'String: cell id i:j',
      count: 'Number: incidents in the cell (absent when withheld, 1 to 4, for public callers)',
      zScore: 'Number: Gi* z-score (absent where undefined)',
      pValue: 'Number: two-sided p-value (absent where undefined)',
      confidence: 'Number: confidence bin, ±3 at 99 %, ±2 at 95 %, ±1 at 90 %, 0 not significant',
    },
    minzoom: 10,
    maxzoom: 18,
    byCaller: true,
    cost: 2,
    parameters: ['from', 'to', 'categories', 'cellSize'],
  },
};
