import type { Caller } from '../auth/caller';
import { createBoundaryLoaders } from '../boundaries/boundaries.loaders';
import { BoundariesService } from '../boundaries/boundaries.service';
import type { Db } from '../db/db';
import { createGeographyLoaders } from '../geography/geography.loaders';
import { GeographyService } from '../geography/geography.service';
import { createIncidentLoaders } from '../incidents/incidents.loaders';
import { IncidentsService } from '../incidents/incidents.service';
import { createTaskingLoaders } from '../tasking/tasking.loaders';

/**
 * Builds every loader for one request. Called from the Apollo context function, so caches
 * never outlive a request nor leak between callers (DataLoader README, "per request").
 * @param db the database handle the request runs on
 */
export function createLoaders(db: Db) {
  return {
    ...createGeographyLoaders(new GeographyService(db)),
    ...createIncidentLoaders(new IncidentsService(db)),
    ...createBoundaryLoaders(new BoundariesService(db)),
    ...createTaskingLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Runs work in one transaction, handing it a Db bound to it. */
export type Transact = <T>(work: (db: Db) => Promise<T>) => Promise<T>;

/** What every resolver receives. */
export interface HubContext {
  /** Who is asking: their role decides what they see (src/auth/caller.ts), their identity is recorded by writes. */
  caller: Caller;
  /** The request's database handle, for services built per call. */
  db: Db;
  loaders: Loaders;
  geography: GeographyService;
  incidents: IncidentsService;
  /** For mutations: all of a mutation's writes commit together or not at all. */
  transact: Transact;
  /**
   * The data version as read in the same statement as the caller's API key, before anything of
   * the request ran; the response cache labels answers with it instead of reading it again.
   * Absent for other callers, and wherever operations run directly.
   */
  dataStamp?: string;
}

/**
 * The context of one GraphQL request. Loaders and services are made when first used: a request
 * answered from the response cache uses none.
 * @param db the pooled database, or a transaction in tests
 * @param caller who is asking, from src/auth/authenticate.ts
 * @param transact how to open a transaction; by default the work runs on `db` itself (which a
 *   test has already opened a transaction on)
 * @param dataStamp the data version read with the caller's key (HubContext.dataStamp)
 */
export function createContext(
  db: Db,
  caller: Caller,
  transact: Transact = (work) => work(db),
  dataStamp?: string,
): HubContext {
  let loaders: Loaders | undefined;
  let geography: GeographyService | undefined;
  let incidents: IncidentsService | undefined;
  return {
    caller,
    db,
    get loaders() {
      return (loaders ??= createLoaders(db));
    },
    get geography() {
      return (geography ??= new GeographyService(db));
    },
    get incidents() {
      return (incidents ??= new IncidentsService(db));
    },
    transact,
    ...(dataStamp === undefined ? {} : { dataStamp }),
  };
}
