import { type Bench, type BenchResult, ensureBenchIncidents, measure } from '../../bench/harness';
import type { Caller } from '../auth/caller';
import { createDataSource } from '../db/data-source';

import type { TileFilter } from './filters';
import { LAYERS } from './layers';
import type { TileAddress } from './tile';
import { TileServer } from './tile-server';

/** Incidents in the database (BENCH_ROWS, default 1,000,000): the synthetic file bench:hotspots imports. */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);

/** Derby Cathedral's tiles: the city centre, where the synthetic incidents are densest. */
const Z12: TileAddress = { z: 12, x: 2031, y: 1335 };
const Z14: TileAddress = { z: 14, x: 8124, y: 5342 };

const analyst: Caller = { role: 'analyst', identity: 'benchmark', limitKey: 'benchmark' };
const publicCaller: Caller = { role: 'public', identity: 'anonymous', limitKey: 'benchmark-public' };
const free = async () => undefined;

/**
 * Tile benchmarks on ROWS synthetic incidents over 24 months (2039-2040), imported unless the
 * database already holds them. "Cold" cases use a new tile server each run (empty caches), so
 * they time the data version read, the statement and the encoding; the cached case times a
 * tile served again by the same server (the version read and a cache hit).
 */
export const tilesBench: Bench = async (url, database) => {
  const dataSource = createDataSource(url, database === 'embedded' ? 1 : 4);
  await dataSource.initialize();
  const results: BenchResult[] = [];
  try {
    await ensureBenchIncidents(dataSource, ROWS, `the ${database} database for the tile benchmarks`);
    const encoder = database === 'embedded' ? 'javascript' : 'postgis';
    const fresh = () => new TileServer({ dataSource, encoder, pointMinZoom: 14 });
    const size = `${ROWS.toLocaleString('en-GB')} incidents`;
    const year: TileFilter = { from: '2040-01', to: '2040-12', categories: null, cellSize: null };
    const all: TileFilter = { from: null, to: null, categories: null, cellSize: null };
    const hot: TileFilter = { ...year, cellSize: 250 };
    const tile = (
      server: TileServer,
      layer: 'incidents' | 'hotspots',
      at: TileAddress,
      filter: TileFilter,
      caller: Caller,
    ) => server.serve({ layer: LAYERS[layer], tile: at, filter, caller, spend: free });
    results.push(
      await measure(`tiles (${encoder}): z12 incident tile, analyst cells, 12 months`, database, size, () =>
        tile(fresh(), 'incidents', Z12, year, analyst),
      ),
      await measure(`tiles (${encoder}): z12 incident tile, analyst cells, all 24 months`, database, size, () =>
        tile(fresh(), 'incidents', Z12, all, analyst),
      ),
      await measure(`tiles (${encoder}): z12 incident tile, public cells, 12 months`, database, size, () =>
        tile(fresh(), 'incidents', Z12, year, publicCaller),
      ),
      await measure(`tiles (${encoder}): z14 incident tile, analyst points, 12 months`, database, size, () =>
        tile(fresh(), 'incidents', Z14, year, analyst),
      ),
      await measure(
        `tiles (${encoder}): z14 hot-spot tile, cold (city-wide Gi* 250 m, 12 months)`,
        database,
        size,
        () => tile(fresh(), 'hotspots', Z14, hot, publicCaller),
        5,
        1,
      ),
    );
    const warm = fresh();
    await tile(warm, 'hotspots', Z14, hot, publicCaller);
    results.push(
      await measure(`tiles (${encoder}): z14 hot-spot tile, from the cache`, database, size, () =>
        tile(warm, 'hotspots', Z14, hot, publicCaller),
      ),
    );
  } finally {
    await dataSource.destroy();
  }
  return results;
};
