import path from 'node:path';

import type { DataSource } from 'typeorm';

import { BoundariesService } from '../../boundaries/boundaries.service';
import { withTransaction } from '../../db/db';
import { IncidentsService } from '../../incidents/incidents.service';
import { ImportRefusedError } from '../import-refused';
import { allowLongStatements } from '../long-statements';

import { readBoundaryFile } from './read-boundaries';

export interface LayerImport {
  force: string;
  /** YYYY-MM-DD the files were retrieved from data.police.uk, where known. */
  retrievedAt?: string | null;
  /** True for the demo layer: not real police boundaries. */
  synthetic?: boolean;
}

export interface LayerImportResult {
  layerId: number;
  neighbourhoods: number;
  /** Rings closed and outlines repaired, one line each. */
  notes: string[];
  /** Incidents whose police neighbourhood changed with the new layer. */
  incidentsReassigned: number;
}

/**
 * Imports police neighbourhood boundaries as a new current layer for a force, keeping earlier
 * versions. Every file is read first; all is written in one transaction; invalid outlines are
 * repaired with ST_MakeValid and said so; incidents are re-assigned to the new neighbourhoods in
 * the same transaction, whose statements may run past the pool's per-statement limit; anything
 * unreadable or left without area refuses the whole import, writing nothing.
 * @throws ImportRefusedError naming the file and the problem
 */
export async function importNeighbourhoods(
  dataSource: DataSource,
  files: readonly string[],
  options: LayerImport,
): Promise<LayerImportResult> {
  if (options.retrievedAt && !/^\d{4}-\d{2}-\d{2}$/.test(options.retrievedAt)) {
    throw new ImportRefusedError(`--retrieved must be a date as YYYY-MM-DD, got "${options.retrievedAt}"`);
  }
  const read = files.flatMap((file) => readBoundaryFile(file));
  if (read.length === 0) {
    throw new ImportRefusedError('no neighbourhoods in the files given');
  }
  const codes = new Set<string>();
  for (const n of read) {
    if (codes.has(n.code)) {
      throw new ImportRefusedError(`neighbourhood "${n.code}" appears twice; ids must be unique within a layer`);
    }
    codes.add(n.code);
  }
  return withTransaction(dataSource, async (db) => {
    // Re-assigning every incident outlasts a request's limit on a large database; a hub starting
    // on one without a layer would otherwise fail and retry this import for ever.
    await allowLongStatements(db);
    // It ends by re-placing every incident: wait for import batches before writing anything.
    await new IncidentsService(db).holdPlacement();
    const service = new BoundariesService(db);
    const written = await service.writeLayer(
      {
        force: options.force,
        source: files.map((f) => path.basename(f)).join(', '),
        retrievedAt: options.retrievedAt ?? null,
        synthetic: options.synthetic ?? false,
      },
      read.map(({ code, name, geometry }) => ({ code, name, geometry })),
    );
    if (written.empty.length > 0) {
      throw new ImportRefusedError(
        `outline(s) with no area left after repair: ${written.empty.join(', ')}; fix the source`,
      );
    }
    const notes = [...read.flatMap((n) => n.notes), ...written.repaired];
    await service.setNotes(written.id, notes);
    const incidentsReassigned = await new IncidentsService(db).reassign();
    return { layerId: written.id, neighbourhoods: read.length, notes, incidentsReassigned };
  });
}
