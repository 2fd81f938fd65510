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
