import { GraphQLError, type GraphQLFormattedError } from 'graphql';

import {
  AnalysisLimitError,
  IllegalStatusChangeError,
  InvalidCoordinatesError,
  InvalidCursorError,
  InvalidGeoJSONError,
  InvalidGroupingError,
  InvalidPeriodError,
  InvalidReportError,
  LimitExceededError,
  NotFoundError,
  UnknownCategoryError,
  UnknownCodeError,
  UnknownEditionError,
} from '../errors';
import { log } from '../log';

type ErrorClass = new (...args: never[]) => Error;

/** The one place a domain error becomes a stable `extensions.code`. */
const CODES: ReadonlyArray<[ErrorClass, string]> = [
  [NotFoundError, 'NOT_FOUND'],
  [InvalidCoordinatesError, 'BAD_USER_INPUT'],
  [InvalidGeoJSONError, 'BAD_USER_INPUT'],
  [LimitExceededError, 'BAD_USER_INPUT'],
  [UnknownEditionError, 'BAD_USER_INPUT'],
  [InvalidPeriodError, 'BAD_USER_INPUT'],
  [UnknownCategoryError, 'BAD_USER_INPUT'],
  [IllegalStatusChangeError, 'BAD_USER_INPUT'],
  [InvalidCursorError, 'BAD_USER_INPUT'],
  [UnknownCodeError, 'BAD_USER_INPUT'],
  [InvalidReportError, 'BAD_USER_INPUT'],
  [AnalysisLimitError, 'BAD_USER_INPUT'],
  [InvalidGroupingError, 'BAD_USER_INPUT'],
];

/**
 * The code a domain error maps to, or undefined for anything else.
 * @example codeOf(new NotFoundError('ward', 'X')) //= 'NOT_FOUND'
 */
export function codeOf(error: unknown): string | undefined {
  return CODES.find(([cls]) => error instanceof cls)?.[1];
}

/**
 * Apollo's formatError: domain errors get their code; unexpected errors are logged and, in
 * production, reduced to a bare message so no SQL, path or stack leaves the server.
 * @param production whether NODE_ENV is production
 */
export function createErrorFormatter(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
    const code = codeOf(original);
    if (code) {
      const { stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...extensions, code, ...(production ? {} : { stacktrace }) } };
    }
    if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
      log.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL request');
      if (production) {
        return {
          message: 'Internal server error',
          path: formatted.path,
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        };
      }
    }
    return formatted;
  };
}
