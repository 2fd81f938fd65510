import type { Geometry } from 'geojson';

import type { Db } from '../db/db';
import { sqlFile } from '../db/sql';

export interface NeighbourhoodRow {
  id: number;
  code: string;
  name: string;
  force: string;
  synthetic: boolean;
  layerId: number;
}

export interface AlignmentPairRow {
  area: string;
  policeNeighbourhoodId: number;
  geometry?: Geometry;
  landSqKm: number;
  shareOfArea: number;
  shareOfNeighbourhood: number;
  population: number;
  incidents: number;
}

/**
 * The ward set an alignment works on and the months whose incidents it counts: `months` null
 * counts none; `monthPlacement` reads each incident's ward and area of its month (an earlier
 * set) rather than those of the current set.
 */
export interface AlignmentScope {
  setId: string;
  monthPlacement: boolean;
  /** First days of the first and last month counted. */
  months: { from: string; to: string } | null;
}

const sql = (name: string) => sqlFile(__dirname, name);
const scopeParams = (s: AlignmentScope) => [s.months?.from ?? null, s.months?.to ?? null, s.setId, s.monthPlacement];

/** Reads and writes police neighbourhood layers. The only place their SQL runs. */
export class BoundariesService {
  constructor(private readonly db: Db) {}

  async hasAnyLayer(): Promise<boolean> {
    return (await this.db.query<{ any: boolean }>(sql('any-layer')))[0].any;
  }

  current(force: string | null): Promise<NeighbourhoodRow[]> {
    return this.db.query<NeighbourhoodRow>(sql('current-neighbourhoods'), [force]);
  }

  byId(ids: readonly number[]): Promise<NeighbourhoodRow[]> {
    return this.db.query<NeighbourhoodRow>(sql('neighbourhoods-by-id'), [ids]);
  }

  wards(ids: readonly number[]): Promise<{ id: number; wardCode: string; share: number }[]> {
    return this.db.query(sql('neighbourhood-wards'), [ids]);
  }

  alignmentPairs(force: string, scope: AlignmentScope): Promise<AlignmentPairRow[]> {
    return this.db.query<AlignmentPairRow>(sql('alignment-pairs'), [force, ...scopeParams(scope)]);
  }

  /** @param setId the ward set whose wards are shared out */
  wardShares(
    force: string,
    setId: string,
  ): Promise<{ wardCode: string; policeNeighbourhoodId: number; share: number }[]> {
    return this.db.query(sql('ward-neighbourhood-shares'), [force, setId]);
  }

  wardWeights(
    force: string,
    scope: AlignmentScope,
  ): Promise<{ ward: string; policeNeighbourhoodId: number; land: number; population: number; incidents: number }[]> {
    return this.db.query(sql('ward-neighbourhood-weights'), [force, ...scopeParams(scope)]);
  }

  populations(ids: readonly number[]): Promise<{ code: string; population: number }[]> {
    return this.db.query(sql('neighbourhood-population'), [ids]);
  }

  locate(points: readonly (readonly [number, number])[]): Promise<{ idx: number; id: number | null }[]> {
    return this.db.query(sql('locate-neighbourhoods'), [points.map((p) => p[0]), points.map((p) => p[1])]);
  }

  /**
   * Writes a new current layer (earlier ones kept) with its neighbourhoods, repairing invalid
   * outlines. Call inside a transaction.
   * @returns the layer id, the repairs made, and the codes left with no area (the caller refuses)
   */
  async writeLayer(
    layer: { force: string; source: string; retrievedAt: string | null; synthetic: boolean },
    neighbourhoods: { code: string; name: string; geometry: Geometry }[],
  ): Promise<{ id: number; repaired: string[]; empty: string[] }> {
    await this.db.query(sql('retire-layers'), [layer.force]);
    const [{ id }] = await this.db.query<{ id: number }>(sql('insert-layer'), [
      layer.force,
      layer.source,
      layer.retrievedAt,
      layer.synthetic,
    ]);
    await this.db.query(sql('insert-neighbourhoods'), [id, JSON.stringify(neighbourhoods)]);
    const invalid = await this.db.query<{ code: string; reason: string }>(sql('invalid-neighbourhoods'), [id]);
    const empty = (await this.db.query<{ code: string }>(sql('repair-neighbourhoods'), [id])).map((r) => r.code);
    return { id, repaired: invalid.map((r) => `${r.code}: ${r.reason} (repaired with ST_MakeValid)`), empty };
  }

  async setNotes(id: number, notes: string[]): Promise<void> {
    await this.db.query(sql('set-layer-notes'), [id, notes.join('\n')]);
  }
}
