import type { TileLayer } from './layers';

/** Attribution of every layer: the boundaries, deprivation and population figures, and incidents. */
export const ATTRIBUTION =
  'Contains National Statistics and OS data © Crown copyright and database right; public sector information licensed under the Open Government Licence v3.0. Police data: data.police.uk, Open Government Licence v3.0; rows from synthetic-police.uk are synthetic.';

/** The whole Web Mercator world, for a hub with no wards loaded yet. */
const WORLD: [number, number, number, number] = [-180, -85.051129, 180, 85.051129];

/**
 * A TileJSON 3.0.0 document for one layer.
 * @param baseUrl the hub's address as the client reached it (scheme and host)
 * @param query the layer's filter as a canonical query string, carried into the tile URL
 * @param bounds the city's extent in WGS 84, or null for the world
 */
export function tileJson(
  layer: TileLayer,
  baseUrl: string,
  query: string,
  bounds: [number, number, number, number] | null,
): Record<string, unknown> {
  const [w, s, e, n] = bounds ?? WORLD;
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return {
    tilejson: '3.0.0',
    name: `neighbourhood hub ${layer.id}`,
    description: layer.description,
    version: '1.0.0',
    attribution: ATTRIBUTION,
    scheme: 'xyz',
    tiles: [`${baseUrl}/tiles/${layer.id}/{z}/{x}/{y}.mvt${query ? `?${query}` : ''}`],
    minzoom: layer.minzoom,
    maxzoom: layer.maxzoom,
    bounds: [w, s, e, n].map(round),
    center: [round((w + e) / 2), round((s + n) / 2), bounds ? Math.max(12, layer.minzoom) : layer.minzoom],
    vector_layers: [
      {
        id: layer.id,
        description: layer.description,
        fields: layer.fields,
        minzoom: layer.minzoom,
        maxzoom: layer.maxzoom,
      },
    ],
  };
}
