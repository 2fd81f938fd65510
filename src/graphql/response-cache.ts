import { createHash } from 'node:crypto';

import { type ApolloServerOptions, type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import {
  type DocumentNode,
  type FormattedExecutionResult,
  getNamedType,
  type GraphQLSchema,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';

import type { Role } from '../auth/roles';
import type { Db } from '../db/db';
import { sqlFile } from '../db/sql';
import { etagMatches } from '../http/etag';
import { log } from '../log';
import { LruCache } from '../tiles/cache';

import type { HubContext } from './context';

/**
 * The reads a cached answer may hold: the geography lists, incident pages and Gi* hot spots,
 * whose every table bumps the data version on any change (migrations/1764403200000-DataVersion.ts;
 * the kept cell counts hot spots sum are rewritten by triggers on incident, which bump it too) and
 * which depend on nothing else but the request and the caller's role (exact points and small
 * counts go by role; no default reads the clock). Anything else (figures, clusters, tasking,
 * boards, a query naming a field outside these) is answered afresh every time: its tables are not
 * all tracked, or its answer depends on the day.
 */
const ROOT_FIELDS = new Set([
  'wards',
  'ward',
  'areas',
  'area',
  'lsoas',
  'incidents',
  'boundarySets',
  'categories',
  'hotspots',
]);
const PLAIN_TYPES = new Set([
  'HotspotResult',
  'HotspotParameters',
  'HotspotCell',
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
  // Apollo keeps a parsed document per query text, so a repeated query is the same object.
  let known = plainDocuments.get(schema);
  if (!known) {
    known = new WeakMap();
    plainDocuments.set(schema, known);
  }
  let plain = known.get(document);
  if (plain === undefined) {
    plain = walkPlain(schema, document);
    known.set(document, plain);
  }
  return plain;
}

const plainDocuments = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, boolean>>();

function walkPlain(schema: GraphQLSchema, document: DocumentNode): boolean {
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

/** Apollo's own serialisation of a response body (its default `stringifyResult`). */
function serialise(result: FormattedExecutionResult): string {
  return `${JSON.stringify(result)}\n`;
}

/** A kept answer: its data, the body Apollo sends for it (serialised once), and what it answered. */
export interface Kept {
  data: NonNullable<FormattedExecutionResult['data']>;
  body: string;
  /** The request's parsed document and resolved operation, which the guard checks a repeat by. */
  document: DocumentNode;
  operationName: string | undefined;
}

/** A request as the cache knows it: the text executed and what came with it. */
export interface CacheableRequest {
  source: string;
  /** As the client sent it. */
  operationName: string | null | undefined;
  variables: Record<string, unknown> | null | undefined;
}

/**
 * The data version and when it last moved (sql/response-stamp.sql), for callers whose API key
 * lookup did not bring it.
 */
export async function readDataStamp(db: Db): Promise<string> {
  const [{ stamp }] = await db.query<{ stamp: string }>(sqlFile(__dirname, 'response-stamp'));
  return stamp;
}

/**
 * The answer's label: a hash of the data version, the caller's role (what a caller may see
 * depends on the role only, src/auth/caller.ts), the query text, operation name and variables.
 */
function etagOf(stamp: string, role: Role, request: CacheableRequest): string {
  // A missing operation name or variables and a null one are alike to Apollo, and here.
  const parts = [stamp, role, request.source, request.operationName, request.variables];
  return `"g${createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 32)}"`;
}

/**
 * The head of a labelled answer: its ETag, revalidation each time (the data version may move at
 * any moment), and 304 when the client already has it.
 * @param ifNoneMatch the request's If-None-Match header
 */
export function labelHead(
  etag: string,
  ifNoneMatch: string | null | undefined,
): { status?: 304; headers: [string, string][] } {
  return {
    ...(etagMatches(ifNoneMatch, etag) ? { status: 304 as const } : {}),
    headers: [
      ['etag', etag],
      ['cache-control', 'private, no-cache'],
    ],
  };
}

/** What createApolloServer and the HTTP side take from the response cache. */
export interface ResponseCache {
  plugin: ApolloServerPlugin<HubContext>;
  /**
   * Apollo's `stringifyResult`: a kept answer's body as serialised when it was kept, anything
   * else as Apollo would serialise it. A hit is known by its data object, which Apollo passes on
   * unchanged from responseForOperation (it copies only the envelope).
   */
  stringifyResult: NonNullable<ApolloServerOptions<HubContext>['stringifyResult']>;
  /**
   * Whether an answer to this query text may be kept (false: none is): lets the HTTP side skip
   * reading the data version for requests the cache has never answered, such as writes.
   */
  mayHold(source: string): boolean;
  /** The kept answer to this request at this data version for this role, and its ETag. */
  find(stamp: string, role: Role, request: CacheableRequest): { etag: string; kept: Kept } | undefined;
}

/**
 * A response cache for plain reads: an answer is kept under its label (etagOf) and sent with it
 * as its ETag; a client that sends it back in If-None-Match gets 304 and no body. Every import
 * and mutation bumps the data version in the same transaction as its change, so a cached answer
 * is never served for data that has changed: one cheap statement (the version) replaces the
 * request's reads, and none at all when the version came with the caller's API key
 * (HubContext.dataStamp). The answer is kept serialised too, so a hit is sent without being
 * stringified again.
 *
 * Access, cost and the caller's budget are still checked on every request (guardPlugin runs in
 * didResolveOperation, before responseForOperation): a cached answer is spent like a fresh one.
 * The HTTP side answers most hits before Apollo with the same checks (src/http/cached-answers.ts).
 * @param maxEntries answers kept at most
 * @param maxBytes their total JSON size at most
 */
export function createResponseCache(maxEntries = 1000, maxBytes = 64 * 1024 * 1024): ResponseCache {
  const cache = new LruCache<Kept>(maxEntries, maxBytes, (kept) => kept.body.length);
  const bodies = new WeakMap<object, string>();
  // Query texts answers were kept for; forgotten all at once past maxEntries (a forgotten text's
  // answers are then found by Apollo's path alone until it is kept again).
  const sources = new Set<string>();
  const plugin: ApolloServerPlugin<HubContext> = {
    async requestDidStart() {
      let etag: string | undefined;
      let kept: Kept | undefined;
      return {
        async responseForOperation({ contextValue, document, request, schema, operation, source }) {
          if (operation.operation !== 'query' || !isPlainRead(schema, document)) {
            return null;
          }
          let stamp = contextValue.dataStamp;
          if (stamp === undefined) {
            try {
              stamp = await readDataStamp(contextValue.db);
            } catch (error) {
              // Apollo turns an error thrown here into a bare 500. Unlabelled, the answer is read
              // afresh, and its own statements meet the same cause (a busy embedded database, a
              // database away) and report it through the one error mapping, as uncached reads do.
              log.warn({ err: error }, 'response cache: the data version could not be read; answering uncached');
              return null;
            }
          }
          // `source` is the text executed, also when a persisted query's hash stood for it.
          etag = etagOf(stamp, contextValue.caller.role, {
            source,
            operationName: request.operationName,
            variables: request.variables,
          });
          kept = cache.get(etag);
          if (!kept) {
            return null;
          }
          return { http: { headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: kept.data } } };
        },
        async willSendResponse({ request, response, document, operationName, source }) {
          if (!etag || response.body.kind !== 'single') {
            return;
          }
          const result = response.body.singleResult;
          // Only whole answers: an error may be passing (the database away, a timeout).
          if (result.errors?.length || result.data === undefined || result.data === null || !document || !source) {
            return;
          }
          if (!kept) {
            kept = {
              data: result.data,
              body: serialise({ data: result.data }),
              document,
              operationName: operationName ?? undefined,
            };
            cache.set(etag, kept);
            bodies.set(kept.data, kept.body);
          }
          if (!sources.has(source)) {
            if (sources.size >= maxEntries) {
              sources.clear();
            }
            sources.add(source);
          }
          const head = labelHead(etag, request.http?.headers.get('if-none-match'));
          for (const [name, value] of head.headers) {
            response.http.headers.set(name, value);
          }
          if (head.status) {
            response.http.status = head.status;
          }
        },
      };
    },
  };
  const stringifyResult = (result: FormattedExecutionResult) => {
    const body = result.data && !result.errors && !result.extensions ? bodies.get(result.data) : undefined;
    return body ?? serialise(result);
  };
  const find = (stamp: string, role: Role, request: CacheableRequest) => {
    const etag = etagOf(stamp, role, request);
    const kept = cache.get(etag);
    return kept ? { etag, kept } : undefined;
  };
  return { plugin, stringifyResult, mayHold: (source) => sources.has(source), find };
}
