import { GraphQLError } from 'graphql';

import {
  DatabaseBusyError,
  InvalidCoordinatesError,
  InvalidGeoJSONError,
  LimitExceededError,
  NotFoundError,
  TimeLimitError,
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
    expect(codeOf(new DatabaseBusyError('x', 2))).toBe('SERVICE_UNAVAILABLE');
    expect(codeOf(new TimeLimitError('x'))).toBe('TIME_LIMIT_EXCEEDED');
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

describe('an unavailable database', () => {
  it.each([
    [
      'a shut-down server',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a pool that waited too long', new Error('timeout exceeded when trying to connect')],
    ['TypeORM wrapping one', Object.assign(new Error('query failed'), { driverError: { code: '08006' } })],
    [
      'graphql-js wrapping a thrown object',
      Object.assign(new Error('Unexpected error value'), { thrownValue: { code: 'ECONNREFUSED' } }),
    ],
    ['an AggregateError of addresses', new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })])],
  ])('is SERVICE_UNAVAILABLE: %s', (_, error) => {
    expect(codeOf(error)).toBe('SERVICE_UNAVAILABLE');
  });

  it('is not a failing statement', () => {
    expect(codeOf(Object.assign(new Error('syntax error at or near "SELEC"'), { code: '42601' }))).toBeUndefined();
    expect(
      codeOf(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' })),
    ).toBeUndefined();
  });
});
