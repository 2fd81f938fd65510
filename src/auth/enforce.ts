import {
  type DocumentNode,
  type GraphQLOutputType,
  type GraphQLSchema,
  isListType,
  isNonNullType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';

import { CostLimitError, ForbiddenError, UnauthenticatedError } from '../errors';

import type { Caller } from './caller';
import { MAX_COST, ruleFor } from './policy';
import { atLeast } from './roles';

const INTROSPECTION = new Set(['__schema', '__type']);

/**
 * Checks every field a document asks for against the access table before anything runs:
 * undeclared fields are refused to everyone, and declared ones to callers below their role.
 * Introspection is for analysts and above, or everyone in development.
 * @throws UnauthenticatedError when an anonymous caller needs credentials, ForbiddenError when
 *   an authenticated one needs a higher role or a field has no rule; each names the fields
 */
export function checkAccess(schema: GraphQLSchema, document: DocumentNode, caller: Caller, development: boolean): void {
  const typeInfo = new TypeInfo(schema);
  const undeclared = new Set<string>();
  const needs = new Map<string, string>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const name = node.name.value;
        if (name === '__typename') {
          return;
        }
        if (INTROSPECTION.has(name)) {
          if (!development && !atLeast(caller.role, 'analyst')) {
            needs.set(name, 'analyst');
          }
          return;
        }
        const parent = typeInfo.getParentType();
        if (!parent || parent.name.startsWith('__')) {
          return;
        }
        const rule = ruleFor(parent.name, name);
        if (!rule) {
          undeclared.add(`${parent.name}.${name}`);
        } else if (!atLeast(caller.role, rule.role)) {
          needs.set(`${parent.name}.${name}`, rule.role);
        }
      },
    }),
  );
  if (undeclared.size > 0) {
    throw new ForbiddenError(
      `${[...undeclared].join(', ')} ha${undeclared.size === 1 ? 's' : 've'} no access rule yet, so no caller may use ${undeclared.size === 1 ? 'it' : 'them'}`,
    );
  }
  if (needs.size > 0) {
    const list = [...needs].map(([field, role]) => `${field} (${role})`).join(', ');
    if (caller.identity === 'anonymous') {
      throw new UnauthenticatedError(
        `${list} need${needs.size === 1 ? 's' : ''} credentials: send an API key or bearer token with that role`,
      );
    }
    throw new ForbiddenError(`${list} need${needs.size === 1 ? 's' : ''} a higher role than ${caller.role}`);
  }
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

// Each field costs its own points plus, for each item it returns, what its selections cost.
const policyEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const rule = ruleFor(type.name, field.name);
  const own = typeof rule?.cost === 'function' ? rule.cost(args) : (rule?.cost ?? 1);
  const size = typeof rule?.size === 'function' ? rule.size(args) : (rule?.size ?? 1);
  const items = isList(field.type) || typeof rule?.size === 'function' ? size : 1;
  return own + Math.max(1, items) * childComplexity;
};

/**
 * The points a request costs (see FieldRule), or null when its variables do not fit the
 * operation (execution then refuses it before any resolver runs).
 */
export function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): number | null {
  try {
    return getComplexity({ schema, query: document, variables, operationName, estimators: [policyEstimator] });
  } catch {
    return null;
  }
}

/**
 * Refuses a request that costs more than its caller's role allows in one request.
 * @throws CostLimitError saying the cost, the limit, and what makes requests cheaper
 */
export function checkCost(cost: number, caller: Caller): void {
  const limit = MAX_COST[caller.role];
  if (cost > limit) {
    throw new CostLimitError(
      `this request costs ${cost} points and ${caller.role} requests may cost at most ${limit}: ask for fewer or smaller lists, fewer nested levels, coarser grids or shorter periods, or one analysis per request`,
    );
  }
}
