import { BoundariesService } from '../boundaries/boundaries.service';
import { type OpenDatabase, withBatchDataSource } from '../db/database';
import { IncidentsService } from '../incidents/incidents.service';
import { log } from '../log';
import { DEFAULT_MANIFEST } from '../paths';

import { countUnits, loadGeodata, missingWardSets, summarise } from './geodata/load';
import { wardSetsOf } from './geodata/manifest';
import { incidentFilesOf, neighbourhoodLayerOf } from './geodata/read';
import { importPoliceFiles, summariseImport } from './police/import-police';
import { importNeighbourhoods } from './police-neighbourhoods/import-neighbourhoods';

/**
 * Fills a new database with what every hub needs before incidents can be placed: Derby's
 * reference geography (loaded again when a ward set the manifest names is missing, as after an
 * upgrade that brings a new set) and the demo police neighbourhood layer (only when absent), and,
 * for a hub's first start, the real police.uk month that ships in geodata/.
 * Without the geography an import would place no incident and count every row as outside the
 * city, so the import commands call this first too.
 * @param withSampleIncidents import the shipped police.uk month when there are no incidents
 * @param say where progress goes (the log by default; the command-line tools write to stderr)
 */
export async function ensureReferenceData(
  database: OpenDatabase,
  withSampleIncidents: boolean,
  say: (line: string) => void = (line) => log.info(line),
): Promise<void> {
  const missing = await missingWardSets(database.db, wardSetsOf(DEFAULT_MANIFEST));
  if (missing.length > 0) {
    say(
      (await countUnits(database.db)).wards === 0
        ? 'new database: loading the reference geography from geodata/ first'
        : `the database lacks ward set(s) ${missing.join(', ')} that geodata/ ships: loading the reference geography again`,
    );
    const report = await withBatchDataSource(database, (dataSource) =>
      loadGeodata(dataSource, { manifestPath: DEFAULT_MANIFEST, onProgress: say }),
    );
    say(summarise(report));
  }
  const layer = neighbourhoodLayerOf(DEFAULT_MANIFEST);
  if (layer && !(await new BoundariesService(database.db).hasAnyLayer())) {
    // Importing the layer re-assigns every incident to a neighbourhood: minutes at a million.
    const imported = await withBatchDataSource(database, (dataSource) =>
      importNeighbourhoods(dataSource, [layer.file], layer),
    );
    say(`police neighbourhoods: ${imported.neighbourhoods} loaded${layer.synthetic ? ' (SYNTHETIC demo layer)' : ''}`);
  }
  if (withSampleIncidents && !(await new IncidentsService(database.db).hasAny())) {
    say('no incidents yet: importing the real police.uk month that ships in geodata/');
    const result = await withBatchDataSource(database, (dataSource) =>
      importPoliceFiles(dataSource, incidentFilesOf(DEFAULT_MANIFEST)),
    );
    say(summariseImport(result));
  }
}
