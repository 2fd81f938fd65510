import { BoundariesService } from '../boundaries/boundaries.service';
import { importNeighbourhoods } from '../boundaries/import-snt';
import type { OpenDatabase } from '../db/database';
import { IncidentsService } from '../incidents/incidents.service';
import { log } from '../log';
import { DEFAULT_MANIFEST } from '../paths';

import { countUnits, loadGeodata, summarise } from './geodata/load';
import { incidentFilesOf, neighbourhoodLayerOf } from './geodata/read';
import { importPoliceFiles, summariseImport } from './police/import-police';

/**
 * Fills a new database with what every hub needs before incidents can be placed: Derby's
 * reference geography and the demo police neighbourhood layer (each only when absent), and,
 * for a hub's first start, the real police.uk month that ships in geodata/.
 * @param withSampleIncidents import the shipped police.uk month when there are no incidents
 */
export async function ensureReferenceData(database: OpenDatabase, withSampleIncidents: boolean): Promise<void> {
  if ((await countUnits(database.db)).wards === 0) {
    log.info('new database: loading the reference geography from geodata/');
    const report = await loadGeodata(database.dataSource, {
      manifestPath: DEFAULT_MANIFEST,
      onProgress: (step) => log.info(step),
    });
    log.info(summarise(report));
  }
  const layer = neighbourhoodLayerOf(DEFAULT_MANIFEST);
  if (layer && !(await new BoundariesService(database.db).hasAnyLayer())) {
    const imported = await importNeighbourhoods(database.dataSource, [layer.file], layer);
    log.info(
      `police neighbourhoods: ${imported.neighbourhoods} loaded${layer.synthetic ? ' (SYNTHETIC demo layer)' : ''}`,
    );
  }
  if (withSampleIncidents && !(await new IncidentsService(database.db).hasAny())) {
    log.info('no incidents yet: importing the real police.uk month that ships in geodata/');
    const result = await importPoliceFiles(database.dataSource, incidentFilesOf(DEFAULT_MANIFEST));
    log.info(summariseImport(result));
  }
}
