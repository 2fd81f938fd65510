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
   * The data version as read before anything of the request ran: in the same statement as the
   * caller's API key, or by the HTTP side's cached-answer path (src/http/cached-answers.ts); the
   * response cache labels answers with it instead of reading it again. Absent otherwise, and
   * wherever operations run directly.
   */
  dataStamp?: string;
  /**
   * Why the cached-answer path refused this request after spending its budget (a spent budget,
   * say): the guard refuses with it rather than check and spend again, so the request is counted
   * once and answered as Apollo answers every refusal.
   */
  refusal?: Error;
}

/** What a request context makes on first use; shared by Apollo's copy of the context (below). */
interface Made {
  loaders?: Loaders;
  geography?: GeographyService;
  incidents?: IncidentsService;
}

/**
 * Loaders and services as getters on the prototype: Apollo copies each request's context with
 * Object.assign (ApolloServer.js, cloneObject), which reads every own enumerable property, so
 * getters of the object itself would make them all for every request, a cached one too. The copy
 * keeps the prototype and shares `made` with the original.
 */
class RequestContext implements HubContext {
  private readonly made: Made = {};

  constructor(
    readonly caller: Caller,
    readonly db: Db,
    readonly transact: Transact,
  ) {}

  get loaders(): Loaders {
    return (this.made.loaders ??= createLoaders(this.db));
  }

  get geography(): GeographyService {
    return (this.made.geography ??= new GeographyService(this.db));
  }

  get incidents(): IncidentsService {
    return (this.made.incidents ??= new IncidentsService(this.db));
  }
}

/**
 * The context of one GraphQL request. Loaders and services are made when first used: a request
 * answered from the response cache uses none.
 * @param db the pooled database, or a transaction in tests
 * @param caller who is asking, from src/auth/authenticate.ts
 * @param transact how to open a transaction; by default the work runs on `db` itself (which a
 *   test has already opened a transaction on)
 * @param found what the HTTP side found out before Apollo: HubContext.dataStamp and .refusal
 */
export function createContext(
  db: Db,
  caller: Caller,
  transact: Transact = (work) => work(db),
  found: Pick<HubContext, 'dataStamp' | 'refusal'> = {},
): HubContext {
  const context: HubContext = new RequestContext(caller, db, transact);
  if (found.dataStamp !== undefined) {
    context.dataStamp = found.dataStamp;
  }
  if (found.refusal !== undefined) {
    context.refusal = found.refusal;
  }
  return context;
}
