import { GraphQLError } from 'graphql';

import {
  InvalidCoordinatesError,
  InvalidGeoJSONError,
  LimitExceededError,
  NotFoundError,
  UnknownEditionError,
} from '../errors';
import { log } from '../log';

import { codeOf, createErrorFormatter } from './errors';

describe('error codes', () => {
  it('maps every domain error to its code in one place', () => {
    expect(codeOf(new NotFoundError('x'))).toBe('NOT_FOUND');
    expect(codeOf(new InvalidCoordinatesError('x'))).toBe('BAD_USER_INPUT');
    expect(codeOf(new InvalidGeoJSONError('x'))).toBe('BAD_USER_INPUT');
    expect(codeOf(new LimitExceededError('points', 'at most 1', 2))).toBe('BAD_USER_INPUT');
    expect(codeOf(new UnknownEditionError([2019], 2010))).toBe('BAD_USER_INPUT');
    expect(codeOf(new Error('x'))).toBeUndefined();
  });

  it('in production, hides the message and stack of an unexpected error', () => {
    jest.spyOn(log, 'error').mockImplementation(() => undefined);
    const original = new Error('relation "secret_table" does not exist');
    const wrapped = new GraphQLError(original.message, { originalError: original, path: ['ward'] });
    const formatted = {
      message: original.message,
      path: ['ward'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at db.js:1'] },
    };
    expect(createErrorFormatter(false)(formatted, wrapped)).toEqual({
      message: 'Internal server error',
      path: ['ward'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(createErrorFormatter(true)(formatted, wrapped)).toEqual(formatted);
  });

  it('gives a domain error its code, and keeps its stack only in development', () => {
    const original = new NotFoundError('No ward with code "X"');
    const wrapped = new GraphQLError(original.message, { originalError: original });
    const formatted = {
      message: original.message,
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
    };
    expect(createErrorFormatter(false)(formatted, wrapped).extensions).toEqual({ code: 'NOT_FOUND' });
    expect(createErrorFormatter(true)(formatted, wrapped).extensions).toEqual({
      code: 'NOT_FOUND',
      stacktrace: ['at x'],
    });
  });
});
