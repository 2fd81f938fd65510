import { DataSource } from 'typeorm';

import { Geography1763884800000 } from '../../migrations/1763884800000-Geography';
import { Incidents1763971200000 } from '../../migrations/1763971200000-Incidents';
import { PoliceNeighbourhoods1764057600000 } from '../../migrations/1764057600000-PoliceNeighbourhoods';
import { PoliceNeighbourhoodEntity } from '../boundaries/police-neighbourhood.entity';
import { PoliceNeighbourhoodLayerEntity } from '../boundaries/police-neighbourhood-layer.entity';
import { WardAreaChangeEntity } from '../boundaries/ward-area-change.entity';
import { AreaEntity } from '../geography/area.entity';
import { BoundarySetEntity } from '../geography/boundary-set.entity';
import { LsoaEntity } from '../geography/lsoa.entity';
import { LsoaDeprivationEntity } from '../geography/lsoa-deprivation.entity';
import { LsoaWardShareEntity } from '../geography/lsoa-ward-share.entity';
import { WardEntity } from '../geography/ward.entity';
import { ImportRunEntity } from '../incidents/import-run.entity';
import { IncidentEntity } from '../incidents/incident.entity';
import { IncidentCategoryEntity } from '../incidents/incident-category.entity';
import { IncidentStatusChangeEntity } from '../incidents/incident-status-change.entity';
import { log } from '../log';

import 'reflect-metadata';

/** Every entity, for the DataSource and the migration drift check. */
export const ENTITIES = [
  BoundarySetEntity,
  AreaEntity,
  WardEntity,
  LsoaEntity,
  LsoaDeprivationEntity,
  LsoaWardShareEntity,
  IncidentCategoryEntity,
  IncidentEntity,
  IncidentStatusChangeEntity,
  ImportRunEntity,
  PoliceNeighbourhoodLayerEntity,
  PoliceNeighbourhoodEntity,
  WardAreaChangeEntity,
];

/** Every migration in order; listed rather than globbed so ts-jest and dist/ load the same set. */
export const MIGRATIONS = [Geography1763884800000, Incidents1763971200000, PoliceNeighbourhoods1764057600000];

/** Longest a single statement may run before PostgreSQL cancels it (no request runs unbounded). */
export const STATEMENT_TIMEOUT_MS = 60_000;

/**
 * Builds the one DataSource the app, the CLI scripts and the tests use. Never synchronises:
 * the schema comes only from migrations.
 * @param url postgres:// URL of a server or of the embedded database's socket
 * @param poolSize connections in the pool
 */
export function createDataSource(url: string, poolSize = 8): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
    // node-postgres waits for a free connection forever by default, and an unhandled pool
    // error ends the process: bound the wait and log pool errors instead.
    connectTimeoutMS: 10_000,
    poolErrorHandler: (err: Error) => log.error({ err }, 'database pool error'),
    extra: {
      max: poolSize,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout: STATEMENT_TIMEOUT_MS,
    },
  });
}
