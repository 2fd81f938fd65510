// vt-pbf 3 ships no types: the one function the hub uses.
declare module 'vt-pbf' {
  import type { Tile } from 'geojson-vt';

  /** Encodes geojson-vt tiles, one per layer name, as one Mapbox Vector Tile. */
  export function fromGeojsonVt(
    layers: Record<string, Tile>,
    options?: { version?: number; extent?: number },
  ): Uint8Array;
}
