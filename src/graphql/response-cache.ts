import { createHash } from 'node:crypto';

import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import {
  type DocumentNode,
  type FormattedExecutionResult,
  getNamedType,
  type GraphQLSchema,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';

import { sqlFile } from '../db/sql';
import { etagMatches } from '../http/etag';
import { log } from '../log';
import { LruCache } from '../tiles/cache';

import type { HubContext } from './context';

/**
 * The plain reads a cached answer may hold: the geography lists and incident pages whose every
 * table bumps the data version on any change (migrations/1764403200000-DataVersion.ts). Anything
 * else (figures, hot spots, tasking, boards, a query naming a field outside these) is answered
 * afresh every time: its tables are not all tracked, or its answer depends on the day.
 */
const ROOT_FIELDS = new Set(['wards', 'ward', 'areas', 'area', 'lsoas', 'incidents', 'boundarySets', 'categories']);
const PLAIN_TYPES = new Set([
  'Ward',
  'Area',
  'Lsoa',
  'BoundarySet',
  'WardShare',
  'DeprivationSummary',
  'LsoaDeprivation',
  'Incident',
  'IncidentConnection',
  'IncidentEdge',
  'IncidentCategory',
  'PageInfo',
]);

/** Whether every field the document names is a plain read (ROOT_FIELDS, fields of PLAIN_TYPES). */
export function isPlainRead(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let plain = true;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const name = node.name.value;
        if (name === '__typename') {
          return;
        }
        const ok =
          parent === schema.getQueryType()
            ? ROOT_FIELDS.has(name)
            : parent !== null && parent !== undefined && PLAIN_TYPES.has(parent.name);
        // A field returning an object type outside the list is not plain either (its own fields
        // are checked too, but an empty selection cannot be, so check the type itself).
        const type = typeInfo.getType();
        const named = type ? getNamedType(type) : null;
        if (!ok || (named && 'getFields' in named && !PLAIN_TYPES.has(named.name))) {
          plain = false;
        }
      },
    }),
  );
  return plain;
}

/**
 * A response cache for plain reads: an answer is kept under a hash of the data version, the
 * caller's role (what a caller may see depends on the role only, src/auth/caller.ts), the query
 * text, operation name and variables, and sent with that hash as its ETag; a client that sends
 * it back in If-None-Match gets 304 and no body. Every import and mutation bumps the data
 * version in the same transaction as its change, so a cached answer is never served for data
 * that has changed: one cheap statement (the version) replaces the request's reads.
 *
 * Access, cost and the caller's budget are still checked on every request (guardPlugin runs in
 * didResolveOperation, before responseForOperation): a cached answer is spent like a fresh one.
 * @param maxEntries answers kept at most
 * @param maxBytes their total JSON size at most
 */
export function responseCachePlugin(maxEntries = 1000, maxBytes = 64 * 1024 * 1024): ApolloServerPlugin<HubContext> {
  const cache = new LruCache<FormattedExecutionResult>(maxEntries, maxBytes, (r) => JSON.stringify(r).length);
  return {
    async requestDidStart() {
      let etag: string | undefined;
      let hit = false;
      return {
        async responseForOperation({ contextValue, document, request, schema, operation, source }) {
          if (operation.operation !== 'query' || !isPlainRead(schema, document)) {
            return null;
          }
          let stamp: string;
          try {
            [{ stamp }] = await contextValue.db.query<{ stamp: string }>(sqlFile(__dirname, 'response-stamp'));
          } catch (error) {
            // Apollo turns an error thrown here into a bare 500. Unlabelled, the answer is read
            // afresh, and its own statements meet the same cause (a busy embedded database, a
            // database away) and report it through the one error mapping, as uncached reads do.
            log.warn({ err: error }, 'response cache: the data version could not be read; answering uncached');
            return null;
          }
          // `source` is the text executed, also when a persisted query's hash stood for it.
          const parts = [stamp, contextValue.caller.role, source, request.operationName, request.variables];
          etag = `"g${createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 32)}"`;
          const cached = cache.get(etag);
          if (!cached) {
            return null;
          }
          hit = true;
          return { http: { headers: new HeaderMap() }, body: { kind: 'single', singleResult: cached } };
        },
        async willSendResponse({ request, response }) {
          if (!etag || response.body.kind !== 'single') {
            return;
          }
          const result = response.body.singleResult;
          // Only whole answers: an error may be passing (the database away, a timeout).
          if (result.errors?.length || result.data === undefined) {
            return;
          }
          if (!hit) {
            cache.set(etag, { data: result.data });
          }
          response.http.headers.set('etag', etag);
          // Revalidate each time: the data version may move at any moment.
          response.http.headers.set('cache-control', 'private, no-cache');
          if (etagMatches(request.http?.headers.get('if-none-match'), etag)) {
            response.http.status = 304;
          }
        },
      };
    },
  };
}
