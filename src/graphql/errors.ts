import { GraphQLError, type GraphQLFormattedError } from 'graphql';

import { isUnavailable } from '../db/availability';
import {
  AllocationError,
  AlreadyExistsError,
  AnalysisLimitError,
  CostLimitError,
  DatabaseBusyError,
  ForbiddenError,
  IllegalStatusChangeError,
  InvalidCoordinatesError,
  InvalidCursorError,
  InvalidDateError,
  InvalidFollowUpError,
  InvalidGeoJSONError,
  InvalidGroupingError,
  InvalidNeedInputError,
  InvalidParameterError,
  InvalidPeriodError,
  InvalidPlaceError,
  InvalidReportError,
  LimitExceededError,
  NotAcceptableError,
  NotFoundError,
  RateLimitedError,
  ServiceUnavailableError,
  TimeLimitError,
  UnauthenticatedError,
  UnknownCategoryError,
  UnknownCodeError,
  UnknownEditionError,
  UnknownSourceError,
  WrongBoundarySetError,
} from '../errors';
import { log } from '../log';

type ErrorClass = new (...args: never[]) => Error;

/**
 * The one place a domain error becomes a stable `extensions.code`, with the HTTP status it
 * answers when it refuses a whole request (before any field runs).
 */
const CODES: ReadonlyArray<[ErrorClass, string, number]> = [
  [NotFoundError, 'NOT_FOUND', 404],
  [InvalidCoordinatesError, 'BAD_USER_INPUT', 400],
  [InvalidGeoJSONError, 'BAD_USER_INPUT', 400],
  [LimitExceededError, 'BAD_USER_INPUT', 400],
  [UnknownEditionError, 'BAD_USER_INPUT', 400],
  [InvalidPeriodError, 'BAD_USER_INPUT', 400],
  [UnknownCategoryError, 'BAD_USER_INPUT', 400],
  [UnknownSourceError, 'BAD_USER_INPUT', 400],
  [IllegalStatusChangeError, 'BAD_USER_INPUT', 400],
  [InvalidCursorError, 'BAD_USER_INPUT', 400],
  [UnknownCodeError, 'BAD_USER_INPUT', 400],
  [InvalidDateError, 'BAD_USER_INPUT', 400],
  [WrongBoundarySetError, 'BAD_USER_INPUT', 400],
  [InvalidReportError, 'BAD_USER_INPUT', 400],
  [AnalysisLimitError, 'BAD_USER_INPUT', 400],
  [InvalidGroupingError, 'BAD_USER_INPUT', 400],
  [InvalidNeedInputError, 'BAD_USER_INPUT', 400],
  [InvalidParameterError, 'BAD_USER_INPUT', 400],
  [AllocationError, 'BAD_USER_INPUT', 400],
  [InvalidPlaceError, 'BAD_USER_INPUT', 400],
  [AlreadyExistsError, 'BAD_USER_INPUT', 400],
  [InvalidFollowUpError, 'BAD_USER_INPUT', 400],
  [NotAcceptableError, 'NOT_ACCEPTABLE', 406],
  [UnauthenticatedError, 'UNAUTHENTICATED', 401],
  [ForbiddenError, 'FORBIDDEN', 403],
  [CostLimitError, 'COST_LIMIT_EXCEEDED', 400],
  [RateLimitedError, 'RATE_LIMITED', 429],
  [ServiceUnavailableError, 'SERVICE_UNAVAILABLE', 503],
  [DatabaseBusyError, 'SERVICE_UNAVAILABLE', 503],
  [TimeLimitError, 'TIME_LIMIT_EXCEEDED', 503],
];

function entryOf(error: unknown): [ErrorClass, string, number] | undefined {
  if (isUnavailable(error)) {
    return [ServiceUnavailableError, 'SERVICE_UNAVAILABLE', 503];
  }
  return CODES.find(([cls]) => error instanceof cls);
}

/**
 * The code a domain error maps to, or undefined for anything else. A lost or refused database
 * connection counts as SERVICE_UNAVAILABLE whatever raised it.
 * @example codeOf(new NotFoundError('ward', 'X')) //= 'NOT_FOUND'
 */
export function codeOf(error: unknown): string | undefined {
  return entryOf(error)?.[1];
}

/** The HTTP status for a domain error that refuses a whole request (400 for unknown ones). */
export function statusOf(error: unknown): number {
  return entryOf(error)?.[2] ?? 400;
}

/** What a client is told for an unavailable database, whatever the driver said. */
export const UNAVAILABLE_MESSAGE = 'the database is not available at the moment; try again shortly';

/**
 * A domain error as a GraphQL error that refuses a whole request, with its code and status.
 * @param error a domain error (one CODES names)
 */
export function requestError(error: Error): GraphQLError {
  // Apollo merges `http` into the response head; a headers entry must be a Map when present.
  const http =
    error instanceof RateLimitedError
      ? { status: statusOf(error), headers: new Map([['retry-after', String(error.retryAfterSeconds)]]) }
      : { status: statusOf(error) };
  return new GraphQLError(isUnavailable(error) ? UNAVAILABLE_MESSAGE : error.message, {
    extensions: { code: codeOf(error) ?? 'BAD_REQUEST', http },
  });
}

/** How graphql-js's error for too many bad variable values begins (graphql/execution/values.js). */
const VARIABLE_ERROR_LIMIT = 'Too many errors processing variables';

/**
 * Apollo's formatError: domain errors get their code; unexpected errors are logged and, unless
 * in development, reduced to a bare message so no SQL, path or stack leaves the server.
 * @param development whether NODE_ENV is development
 */
export function createErrorFormatter(development: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
    const code = codeOf(original);
    const { stacktrace, ...extensions } = formatted.extensions ?? {};
    if (code) {
      const message = code === 'SERVICE_UNAVAILABLE' ? UNAVAILABLE_MESSAGE : formatted.message;
      return { ...formatted, message, extensions: { ...extensions, code, ...(development ? { stacktrace } : {}) } };
    }
    // graphql-js stops coercing variables after 50 errors (a list of 10,000 bad items, say) and
    // adds one error with no code, which Apollo would count as the server's fault; it is the
    // request's. graphql 16 gives it no code or class, so its fixed message is what tells it.
    if (formatted.message.startsWith(VARIABLE_ERROR_LIMIT)) {
      return { message: formatted.message, extensions: { code: 'BAD_USER_INPUT' } };
    }
    if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
      log.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL request');
      if (!development) {
        return {
          message: 'Internal server error',
          path: formatted.path,
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        };
      }
      return formatted;
    }
    return development ? formatted : { ...formatted, extensions };
  };
}
