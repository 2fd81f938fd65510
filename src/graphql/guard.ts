import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';

import type { Caller } from '../auth/caller';
import { checkAccess, checkCost, costOf } from '../auth/enforce';
import type { RateLimits } from '../auth/rate-limit';
import type { Role } from '../auth/roles';

import type { HubContext } from './context';
import { requestError } from './errors';
import { checkInputs } from './inputs';

/** A request as the guard checks it: its parsed document and what came with it. */
export interface GuardedRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  variables: Record<string, unknown> | undefined;
  /** The operation the document runs (Apollo's resolved name, not only the one the client sent). */
  operationName: string | undefined;
}

/** Variables longer than this as JSON are checked afresh each time rather than remembered. */
const REMEMBERED_VARIABLES = 4096;
/** Requests remembered per document (role, operation and variables apart); forgotten all at once beyond. */
const REMEMBERED_PER_DOCUMENT = 64;

/**
 * Costs of requests that passed the checks before the budget, per schema and parsed document
 * (Apollo keeps one document per query text, and a cached answer keeps its own), then per role,
 * development mode, operation and variables: everything those checks read. Passing them depends
 * on the caller's role alone (the caller's identity only chooses between refusals' classes), and
 * refusals are not remembered.
 */
const passed = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number | null>>>();

function memoKey(request: GuardedRequest, role: Role, development: boolean): string | undefined {
  const variables = request.variables === undefined ? '' : JSON.stringify(request.variables);
  if (variables.length > REMEMBERED_VARIABLES) {
    return undefined;
  }
  return JSON.stringify([role, development, request.operationName ?? null, variables]);
}

/** The checks before the budget: texts, access, cost; returns the cost (null: not priceable). */
function priced(request: GuardedRequest, caller: Caller, development: boolean): number | null {
  const { schema, document, variables, operationName } = request;
  checkInputs(document, variables);
  checkAccess(schema, document, caller, development);
  const cost = costOf(schema, document, variables, operationName);
  if (cost !== null) {
    checkCost(cost, caller);
  }
  return cost;
}

/**
 * The one rule for letting a request run, on both of the hub's paths to an answer (Apollo's, and
 * cached answers sent before Apollo, src/http/cached-answers.ts), in the order that costs least:
 * its texts, the caller's access to every field it names, its cost against the caller's
 * per-request limit, and the caller's budget for the minute. All but the budget depend only on
 * the request and the caller's role, so a request that passed them passes again without walking
 * its document; the budget is spent on every request.
 * @param limits the per-minute budgets; absent in tests that run operations directly
 * @param development lets every caller introspect
 * @throws the domain error that refuses the request (src/graphql/errors.ts gives its code)
 */
export async function admit(
  request: GuardedRequest,
  caller: Caller,
  limits: RateLimits | undefined,
  development: boolean,
): Promise<void> {
  const key = memoKey(request, caller.role, development);
  let documents = passed.get(request.schema);
  if (!documents) {
    documents = new WeakMap();
    passed.set(request.schema, documents);
  }
  let known = documents.get(request.document);
  let cost = key === undefined ? undefined : known?.get(key);
  if (cost === undefined) {
    cost = priced(request, caller, development);
    if (key !== undefined) {
      if (!known || known.size >= REMEMBERED_PER_DOCUMENT) {
        known = new Map();
        documents.set(request.document, known);
      }
      known.set(key, cost);
    }
  }
  if (cost !== null) {
    await limits?.spend(caller, cost);
  }
}

/**
 * Checks each request before any resolver runs (admit). A refusal answers the whole request with
 * its code and status, and nothing is read or written.
 * @param limits the per-minute budgets; absent in tests that run operations directly
 * @param development lets every caller introspect
 */
export function guardPlugin(limits: RateLimits | undefined, development: boolean): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, request, schema, operationName }) {
          try {
            // Met by the cached-answer path, which spent the request's budget already.
            if (contextValue.refusal) {
              throw contextValue.refusal;
            }
            const guarded = {
              schema,
              document,
              variables: request.variables,
              operationName: operationName ?? undefined,
            };
            await admit(guarded, contextValue.caller, limits, development);
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
