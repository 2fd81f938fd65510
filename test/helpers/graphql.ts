import type { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { DataSource } from 'typeorm';

import { type Caller, inProcessCaller } from '../../src/auth/caller';
import type { Db } from '../../src/db/db';
import { createApolloServer } from '../../src/graphql/apollo';
import { createContext, type HubContext } from '../../src/graphql/context';
import { buildHubSchema } from '../../src/graphql/schema';

import { connectTestDatabase } from './database';

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: readonly GraphQLFormattedError[];
}

/** The caller tests run as unless they say otherwise: an administrator, who may use every field. */
export const TEST_CALLER = inProcessCaller('test');

/**
 * Runs operations against the hub's real schema, with a fresh context (and loaders) each time,
 * through the same checks as over HTTP (access, cost, inputs) but without per-minute budgets.
 */
export async function graphqlClient(options: { development?: boolean } = {}) {
  const server: ApolloServer<HubContext> = createApolloServer(await buildHubSchema(), {
    development: options.development ?? true,
  });
  await server.start();
  return {
    async run<T = Record<string, unknown>>(
      db: Db,
      query: string,
      variables?: Record<string, unknown>,
      caller: Caller = TEST_CALLER,
    ): Promise<GraphQLResult<T>> {
      const response = await server.executeOperation({ query, variables }, { contextValue: createContext(db, caller) });
      if (response.body.kind !== 'single') {
        throw new Error('expected a single GraphQL result');
      }
      return response.body.singleResult as GraphQLResult<T>;
    },
    stop: () => server.stop(),
  };
}

/** The codes of a result's errors, for asserting on them. */
export function errorCodes(result: GraphQLResult<unknown>): unknown[] {
  return (result.errors ?? []).map((e) => e.extensions?.code);
}

/**
 * The usual set-up of a suite that runs GraphQL against the test database: connects before the
 * suite and closes after it (after `cleanup`, which may remove rows the suite wrote).
 * @returns the suite's handles, filled in once beforeAll has run
 */
export function graphqlSuite(cleanup?: (db: Db) => Promise<void>) {
  const suite = {} as { dataSource: DataSource; db: Db; client: Awaited<ReturnType<typeof graphqlClient>> };
  beforeAll(async () => {
    Object.assign(suite, await connectTestDatabase());
    suite.client = await graphqlClient();
  });
  afterAll(async () => {
    await cleanup?.(suite.db);
    await suite.client.stop();
    await suite.dataSource.destroy();
  });
  return suite;
}
