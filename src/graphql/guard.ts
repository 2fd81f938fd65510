import type { ApolloServerPlugin } from '@apollo/server';

import { checkAccess, checkCost, costOf } from '../auth/enforce';
import type { RateLimits } from '../auth/rate-limit';

import type { HubContext } from './context';
import { requestError } from './errors';
import { checkInputs } from './inputs';

/**
 * Checks each request before any resolver runs, in the order that costs least: its texts, the
 * caller's access to every field it names, its cost against the caller's per-request limit, and
 * the caller's budget for the minute. A refusal answers the whole request with its code and
 * status, and nothing is read or written.
 * @param limits the per-minute budgets; absent in tests that run operations directly
 * @param development lets every caller introspect
 */
export function guardPlugin(limits: RateLimits | undefined, development: boolean): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, request, schema, operationName }) {
          try {
            checkInputs(document, request.variables);
            checkAccess(schema, document, contextValue.caller, development);
            const cost = costOf(schema, document, request.variables, operationName ?? undefined);
            if (cost !== null) {
              checkCost(cost, contextValue.caller);
              await limits?.spend(contextValue.caller, cost);
            }
          } catch (err) {
            throw requestError(err as Error);
          }
        },
        // A request that failed only because the database is away says so with its status too,
        // as load balancers and clients retry on 503.
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const data = response.body.kind === 'single' ? response.body.singleResult.data : undefined;
          if (errors?.length && !data && errors.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) {
            response.http.status = 503;
          }
        },
      };
    },
  };
}
