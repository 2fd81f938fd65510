import { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';

import type { HubContext } from './context';
import { createErrorFormatter } from './errors';

/**
 * The Apollo server for the hub's schema.
 * @param schema from buildHubSchema
 * @param production hides stack traces and internal messages
 */
export function createApolloServer(schema: GraphQLSchema, production: boolean): ApolloServer<HubContext> {
  return new ApolloServer<HubContext>({
    schema,
    formatError: createErrorFormatter(production),
    includeStacktraceInErrorResponses: !production,
    introspection: true,
  });
}
