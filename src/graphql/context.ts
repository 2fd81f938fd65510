import type { Db } from '../db/db';
import { createGeographyLoaders } from '../geography/geography.loaders';
import { GeographyService } from '../geography/geography.service';

/**
 * Builds every loader for one request. Called from the Apollo context function, so caches
 * never outlive a request nor leak between callers (DataLoader README, "per request").
 * @param db the database handle the request runs on
 */
export function createLoaders(db: Db) {
  return { ...createGeographyLoaders(new GeographyService(db)) };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** What every resolver receives. Later: the caller's role, for access rules. */
export interface HubContext {
  loaders: Loaders;
  geography: GeographyService;
}

/**
 * The context of one GraphQL request.
 * @param db the pooled database, or a transaction in tests
 */
export function createContext(db: Db): HubContext {
  return { loaders: createLoaders(db), geography: new GeographyService(db) };
}
