import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLSchema } from 'graphql';

import type { RateLimits } from '../auth/rate-limit';

import type { HubContext } from './context';
import { createErrorFormatter } from './errors';
import { guardPlugin } from './guard';
import type { ResponseCache } from './response-cache';

/** Shape limits checked while a query is parsed and validated; cost and access are the guard's. */
export const SHAPE_LIMITS = { maxDepth: 8, maxAliases: 20, maxTokens: 2000, maxDirectives: 10 };

export interface ApolloOptions {
  /** NODE_ENV=development: stack traces, field suggestions, introspection for all. */
  development: boolean;
  /** Per-minute budgets; absent where operations run directly (tests). */
  limits?: RateLimits;
  /** Keeps plain reads' answers under the data version, with ETag and 304 (response-cache.ts); the hub's HTTP side only. */
  responseCache?: ResponseCache;
}

/**
 * The Apollo server for the hub's schema, with its limits: depth, aliases, tokens and directives
 * (graphql-armor), access, cost and budgets (guardPlugin), CSRF prevention, no batching, no
 * landing page (browsers get the hub's own explorer, src/explorer), and outside development no
 * stack traces and no field suggestions.
 * @param schema from buildHubSchema
 */
export function createApolloServer(schema: GraphQLSchema, options: ApolloOptions): ApolloServer<HubContext> {
  const armor = new ApolloArmor({
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
    maxDepth: { n: SHAPE_LIMITS.maxDepth },
    maxAliases: { n: SHAPE_LIMITS.maxAliases },
    // graphql-js's own parse limit answers 400 (GRAPHQL_PARSE_FAILED); armor's answered 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: SHAPE_LIMITS.maxDirectives },
  });
  const protection = armor.protect();
  const { responseCache } = options;
  return new ApolloServer<HubContext>({
    schema,
    formatError: createErrorFormatter(options.development),
    includeStacktraceInErrorResponses: options.development,
    hideSchemaDetailsFromClientErrors: !options.development,
    introspection: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // The hub drains on SIGTERM itself (src/server.ts, hub.stop): Apollo's own handler would stop
    // Apollo and then re-raise the signal, ending the process before requests in progress finish.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: SHAPE_LIMITS.maxTokens },
    // Sends a cached answer's body as kept; anything else is serialised as Apollo does.
    ...(responseCache ? { stringifyResult: responseCache.stringifyResult } : {}),
    validationRules: protection.validationRules,
    plugins: [
      ...protection.plugins,
      guardPlugin(options.limits, options.development),
      // After the guard: a cached answer is checked and spent like a fresh one.
      ...(responseCache ? [responseCache.plugin] : []),
      // Apollo's landing pages load from Apollo's site; the hub serves its own explorer offline.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
}
