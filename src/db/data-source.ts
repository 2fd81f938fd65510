import 'reflect-metadata';

import { DataSource } from 'typeorm';

import { Geography1763884800000 } from '../../migrations/1763884800000-Geography';
import { Incidents1763971200000 } from '../../migrations/1763971200000-Incidents';
import { PoliceNeighbourhoods1764057600000 } from '../../migrations/1764057600000-PoliceNeighbourhoods';
import { AccessAndAudit1764144000000 } from '../../migrations/1764144000000-AccessAndAudit';
import { PlacementAndCells1764230400000 } from '../../migrations/1764230400000-PlacementAndCells';
import { BoundarySetsOverTime1764316800000 } from '../../migrations/1764316800000-BoundarySetsOverTime';
import { DataVersion1764403200000 } from '../../migrations/1764403200000-DataVersion';
import { AllocationPlans1764576000000 } from '../../migrations/1764576000000-AllocationPlans';
import { Tasking1764662400000 } from '../../migrations/1764662400000-Tasking';
import { SummaryTables1764748800000 } from '../../migrations/1764748800000-SummaryTables';
import { PlaceKinds1764835200000 } from '../../migrations/1764835200000-PlaceKinds';
import { CellMonthCounts1764921600000 } from '../../migrations/1764921600000-CellMonthCounts';
import { DataVersionLookups1765008000000 } from '../../migrations/1765008000000-DataVersionLookups';
import { IncidentPointsIndex1765094400000 } from '../../migrations/1765094400000-IncidentPointsIndex';
import { ApiKeyEntity } from '../auth/api-key.entity';
import { PoliceNeighbourhoodEntity } from '../boundaries/police-neighbourhood.entity';
import { PoliceNeighbourhoodLayerEntity } from '../boundaries/police-neighbourhood-layer.entity';
import { WardAreaChangeEntity } from '../boundaries/ward-area-change.entity';
import { AreaEntity } from '../geography/area.entity';
import { BoundarySetEntity } from '../geography/boundary-set.entity';
import { LsoaEntity } from '../geography/lsoa.entity';
import { LsoaDeprivationEntity } from '../geography/lsoa-deprivation.entity';
import { LsoaWardLookupEntity } from '../geography/lsoa-ward-lookup.entity';
import { LsoaWardShareEntity } from '../geography/lsoa-ward-share.entity';
import { WardEntity } from '../geography/ward.entity';
import { WardAdjacencyEntity } from '../geography/ward-adjacency.entity';
import { WardCrosswalkEntity } from '../geography/ward-crosswalk.entity';
import { IncidentCellCountEntity } from '../hotspots/incident-cell-count.entity';
import { ImportRunEntity } from '../incidents/import-run.entity';
import { IncidentEntity } from '../incidents/incident.entity';
import { IncidentCategoryEntity } from '../incidents/incident-category.entity';
import { IncidentMonthCountEntity } from '../incidents/incident-month-count.entity';
import { IncidentStatusChangeEntity } from '../incidents/incident-status-change.entity';
import { log } from '../log';
import { AllocationPlanEntity } from '../targeting/plan.entity';
import { AgencyEntity } from '../tasking/agency.entity';
import { BoardEntity, BoardMeetingEntity, BoardMemberEntity, BoardUnitEntity } from '../tasking/board.entity';
import { NeighbourhoodPlanEntity, PlanPriorityEntity } from '../tasking/neighbourhood-plan.entity';
import { TaskEntity, TaskStatusChangeEntity } from '../tasking/task.entity';
import { DataVersionEntity } from '../tiles/data-version.entity';

import { isUnavailable } from './availability';

/** Every entity, for the DataSource and the migration drift check. */
export const ENTITIES = [
  BoundarySetEntity,
  AreaEntity,
  WardEntity,
  LsoaEntity,
  LsoaDeprivationEntity,
  LsoaWardShareEntity,
  LsoaWardLookupEntity,
  WardCrosswalkEntity,
  IncidentCategoryEntity,
  IncidentEntity,
  IncidentStatusChangeEntity,
  ImportRunEntity,
  PoliceNeighbourhoodLayerEntity,
  PoliceNeighbourhoodEntity,
  WardAreaChangeEntity,
  ApiKeyEntity,
  DataVersionEntity,
  AllocationPlanEntity,
  AgencyEntity,
  BoardEntity,
  BoardUnitEntity,
  BoardMemberEntity,
  BoardMeetingEntity,
  NeighbourhoodPlanEntity,
  PlanPriorityEntity,
  TaskEntity,
  TaskStatusChangeEntity,
  IncidentMonthCountEntity,
  WardAdjacencyEntity,
  IncidentCellCountEntity,
];

/** Every migration in order; listed rather than globbed so ts-jest and dist/ load the same set. */
export const MIGRATIONS = [
  Geography1763884800000,
  Incidents1763971200000,
  PoliceNeighbourhoods1764057600000,
  AccessAndAudit1764144000000,
  PlacementAndCells1764230400000,
  BoundarySetsOverTime1764316800000,
  DataVersion1764403200000,
  AllocationPlans1764576000000,
  Tasking1764662400000,
  SummaryTables1764748800000,
  PlaceKinds1764835200000,
  CellMonthCounts1764921600000,
  DataVersionLookups1765008000000,
  IncidentPointsIndex1765094400000,
];

/** Memory each sort or hash of a hub session on a server may use before spilling to disk. */
export const SESSION_WORK_MEM = '32MB';

/** Longest a single statement may run before PostgreSQL cancels it (no request runs unbounded). */
export const STATEMENT_TIMEOUT_MS = 60_000;

/** How long a pool connection is waited for before the request fails (SERVICE_UNAVAILABLE). */
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * The same wait on the embedded database. PGlite is one connection serving one statement at a
 * time, so a statement queued behind a long one of the same request (a resolver's Promise.all)
 * or of a test beside it is normal there, not a sign of a database away; requests are bounded by
 * the embedded queue's time limit (src/http/embedded-queue.ts), not by the pool. At 5 s, a busy
 * machine made the second statement of a boundary alignment fail SERVICE_UNAVAILABLE.
 */
const EMBEDDED_CONNECT_TIMEOUT_MS = 120_000;

/**
 * Builds the one DataSource the app, the CLI scripts and the tests use. Never synchronises:
 * the schema comes only from migrations.
 * @param url postgres:// URL of a server or of the embedded database's socket
 * @param poolSize connections in the pool
 * @param server a PostgreSQL server: a statement with no answer a little after the statement
 *   timeout (a frozen or unreachable server) fails on the client too. PGlite has no timeout of
 *   its own and may legitimately be busy, so it is given none.
 * @param batch (with `server`) for an administrator's batch job, whose transactions lift the
 *   statement timeout (src/ingest/long-statements.ts): no client-side limit either, or a
 *   re-placement of a million incidents is abandoned by the client at 65 s and retried for ever.
 */
export function createDataSource(url: string, poolSize = 8, server = false, batch = false): DataSource {
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
    connectTimeoutMS: server ? CONNECT_TIMEOUT_MS : EMBEDDED_CONNECT_TIMEOUT_MS,
    poolErrorHandler: (err: Error) =>
      isUnavailable(err)
        ? log.warn({ err }, 'an idle database connection was lost; the next request opens a new one')
        : log.error({ err }, 'database pool error'),
    extra: {
      max: poolSize,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout: STATEMENT_TIMEOUT_MS,
      // TCP keep-alive notices a server that vanished without closing; set on PGlite's Unix
      // socket it upset the multiplexer's framing after a failed statement (a test caught it).
      // JIT compiling spent ten times the work of a hot-spot statement (774 ms against 76 ms on
      // the December 2018 month here): the hub's statements are short, so it is off. At the 4 MB
      // default, DBSCAN over a city's year sorted its 500,000 incidents on disk to group them
      // rather than hashing them in memory (1.03 s against 0.75 s, bench/RESULTS.md); 32 MB per
      // sort or hash, times a pool of 8, is a bounded cost on any server that holds the data.
      ...(server ? { keepAlive: true, options: `-c jit=off -c work_mem=${SESSION_WORK_MEM}` } : {}),
      ...(server && !batch ? { query_timeout: STATEMENT_TIMEOUT_MS + 5_000 } : {}),
    },
  });
}
