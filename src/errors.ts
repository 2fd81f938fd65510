/**
 * Domain errors. Each says what was expected and what came; src/graphql/errors.ts maps each
 * class to a stable `extensions.code` in one place.
 */

/** A code, name or id that names nothing in the hub. */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** A longitude or latitude that is not a WGS 84 coordinate. */
export class InvalidCoordinatesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCoordinatesError';
  }
}

/** GeoJSON that breaks RFC 7946 (wrong type, open ring, out-of-range or non-finite numbers). */
export class InvalidGeoJSONError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidGeoJSONError';
  }
}

/** A request over one of the hub's stated limits (list sizes, page sizes, simplification). */
export class LimitExceededError extends Error {
  constructor(what: string, limit: string, got: string | number) {
    super(`${what} must be ${limit}, got ${got}`);
    this.name = 'LimitExceededError';
  }
}

/** An edition of the Indices of Deprivation the hub does not hold. */
export class UnknownEditionError extends Error {
  constructor(editions: readonly number[], got: number) {
    super(`edition must be one of ${editions.join(', ')} (English Indices of Deprivation), got ${got}`);
    this.name = 'UnknownEditionError';
  }
}

/** A period that is not YYYY-MM to YYYY-MM, or ends before it starts. */
export class InvalidPeriodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPeriodError';
  }
}

/** A category slug the hub does not have. */
export class UnknownCategoryError extends Error {
  constructor(slugs: readonly string[], hint = 'the categories query lists them') {
    super(
      `unknown incident categor${slugs.length === 1 ? 'y' : 'ies'} ${slugs.map((s) => `"${s}"`).join(', ')}; ${hint}`,
    );
    this.name = 'UnknownCategoryError';
  }
}

/** A source the hub neither holds rows from nor knows (known: the ones it accepts). */
export class UnknownSourceError extends Error {
  constructor(known: readonly string[], got: readonly string[]) {
    super(
      `sources must be among those the hub holds or knows (${known.join(', ') || 'none yet'}), got ${got.map((s) => `"${s}"`).join(', ')}`,
    );
    this.name = 'UnknownSourceError';
  }
}

/** A street-scene status change the workflow does not allow. */
export class IllegalStatusChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IllegalStatusChangeError';
  }
}

/** A pagination cursor this hub did not hand out. */
export class InvalidCursorError extends Error {
  constructor(cursor: string) {
    super(`after must be a cursor from a previous page's endCursor, got "${cursor}"`);
    this.name = 'InvalidCursorError';
  }
}

/** A query parameter the endpoint does not take, or one given a value it cannot use (OGC API Features). */
export class InvalidParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidParameterError';
  }
}

/** A response format the caller asked for (Accept or `f`) that the hub does not produce. */
export class NotAcceptableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotAcceptableError';
  }
}

/** A date that is not a calendar day (YYYY-MM-DD) or falls before every boundary set held. */
export class InvalidDateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidDateError';
  }
}

/** A code from one boundary set where another set's code is required (a 2013 ward for wardChange's 2023 side). */
export class WrongBoundarySetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WrongBoundarySetError';
  }
}

/** A ward or area code in a filter that names nothing. */
export class UnknownCodeError extends Error {
  constructor(what: string, codes: readonly string[]) {
    super(`unknown ${what} code(s) ${codes.map((c) => `"${c}"`).join(', ')}; the ${what}s query lists them`);
    this.name = 'UnknownCodeError';
  }
}

/** A street-scene report missing what it needs (a description). */
export class InvalidReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidReportError';
  }
}

/** An analysis parameter outside what the hub will compute (cell size, band, cell count). */
export class AnalysisLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnalysisLimitError';
  }
}

/** A need-index or priority input the hub cannot use: a weight, component, tier cut or count out of range. */
export class InvalidNeedInputError extends Error {
  /**
   * @param field where in the input, e.g. "weights[1].weight"
   * @param limit what it must be, e.g. "at least 0"
   */
  constructor(field: string, limit: string, got: string | number) {
    super(`${field} must be ${limit}, got ${got}`);
    this.name = 'InvalidNeedInputError';
  }
}

/** The command that imports a police neighbourhood layer, named in every error that needs one. */
const IMPORT_LAYER_COMMAND = 'npm run import:neighbourhoods';

/** An analysis against a force with no current police neighbourhood layer: over a limit of the data held. */
export class NoLayerError extends AnalysisLimitError {
  /** @param where what the layer must also do, e.g. " overlapping the areas" */
  constructor(force: string, where = '') {
    super(
      `force "${force}" has no current police neighbourhood layer${where}; import one with ${IMPORT_LAYER_COMMAND}`,
    );
    this.name = 'NoLayerError';
  }
}

/** A grouping of wards into areas that leaves an area empty or in pieces, or names unknown codes. */
export class InvalidGroupingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidGroupingError';
  }
}

/**
 * An allocation of posts and money the rules cannot make from what was given (more dedicated
 * units than posts, posts left over, an odd number of units to pair, a budget below its floors).
 */
export class AllocationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AllocationError';
  }
}

/**
 * A place for a task or a priority that cannot be one: not exactly one kind given, an invalid
 * polygon, one mostly outside the city, a board without units, a report that is not a
 * street-scene report.
 */
export class InvalidPlaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPlaceError';
  }
}

/** A name or key that must be unique and is taken (a board's name, an agency's code, a board's plan for a year). */
export class AlreadyExistsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AlreadyExistsError';
  }
}

/**
 * A follow-up question (taskEffect, problemsNotResolved) asked of something it cannot answer: a
 * task that is not done, a number of months or a list size out of range.
 */
export class InvalidFollowUpError extends Error {
  /** @param field where in the input, e.g. "months" */
  constructor(field: string, limit: string, got: string | number) {
    super(`${field} must be ${limit}, got ${got}`);
    this.name = 'InvalidFollowUpError';
  }
}

/** Credentials that were sent but are not valid (unknown or revoked key, bad or expired token). */
export class UnauthenticatedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

/** A field or action the caller's role may not use. */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** A request whose estimated cost is over the caller's limit for one request. */
export class CostLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CostLimitError';
  }
}

/** A caller over their budget for the current minute. */
export class RateLimitedError extends Error {
  constructor(
    message: string,
    /** Seconds until the budget allows the request again. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'RateLimitedError';
  }
}

/** The database cannot be reached now (not yet connected, restarting, or down). */
export class ServiceUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceUnavailableError';
  }
}

/** The embedded database's queue is full: the request was not taken, and may be sent again later. */
export class DatabaseBusyError extends Error {
  constructor(
    message: string,
    /** Seconds after which the queue is expected to have room. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'DatabaseBusyError';
  }
}

/** A request that did not finish within the hub's time limit (waiting for its turn included). */
export class TimeLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeLimitError';
  }
}
