import type { NextFunction, Request, Response } from 'express';
import type { GraphQLSchema } from 'graphql';

import type { Caller } from '../auth/caller';
import type { RateLimits } from '../auth/rate-limit';
import { admit } from '../graphql/guard';
import { type CacheableRequest, labelHead, type ResponseCache } from '../graphql/response-cache';

/**
 * Accept headers Apollo answers with `application/json; charset=utf-8` (its content negotiation
 * in chooseContentTypeForSingleResultResponse prefers that type first): none, anything, JSON.
 * Other clients (`application/graphql-response+json`, say) go through Apollo, cached all the same.
 */
const JSON_ACCEPTS = new Set(['*/*', 'application/json']);
const CONTENT_TYPE = 'application/json; charset=utf-8';
/** Headers Apollo's CSRF prevention takes as proof of a preflight on a GET request. */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A POST request as Apollo takes it without question: a JSON body (express.json parsed it, so
 * its content type is JSON and Apollo's CSRF prevention lets it through), a query text, and an
 * operation name and variables of the right kinds when present; no extensions (an automatic
 * persisted query's hash is Apollo's to check).
 */
function postRequest(body: unknown): CacheableRequest | undefined {
  if (!isRecord(body) || typeof body.query !== 'string' || (body.extensions ?? null) !== null) {
    return undefined;
  }
  const { query, operationName, variables } = body;
  if ((operationName ?? null) !== null && typeof operationName !== 'string') {
    return undefined;
  }
  if ((variables ?? null) !== null && !isRecord(variables)) {
    return undefined;
  }
  return {
    source: query,
    operationName: operationName as string | null | undefined,
    variables: variables as Record<string, unknown> | null | undefined,
  };
}

/**
 * A GET request as Apollo takes it without question: no content type, a preflight header (so
 * Apollo's CSRF prevention lets it through), each parameter once, a query, variables that are a
 * JSON object when present, no extensions.
 */
function getRequest(req: Request): CacheableRequest | undefined {
  if (req.headers['content-type'] !== undefined || !PREFLIGHT_HEADERS.some((h) => req.headers[h])) {
    return undefined;
  }
  const at = req.originalUrl.indexOf('?');
  if (at < 0) {
    return undefined;
  }
  const search = new URLSearchParams(req.originalUrl.slice(at + 1));
  const once = (name: string) => {
    const values = search.getAll(name);
    return values.length > 1 ? null : values[0];
  };
  const [query, operationName, variablesText] = [once('query'), once('operationName'), once('variables')];
  if (typeof query !== 'string' || operationName === null || variablesText === null || search.has('extensions')) {
    return undefined;
  }
  let variables: unknown;
  if (variablesText !== undefined) {
    try {
      variables = JSON.parse(variablesText);
    } catch {
      return undefined;
    }
    if (!isRecord(variables)) {
      return undefined;
    }
  }
  return { source: query, operationName, variables: variables as Record<string, unknown> | undefined };
}

export interface CachedAnswersOptions {
  cache: ResponseCache;
  /** The schema Apollo serves, which the kept answers' documents were checked against. */
  schema: GraphQLSchema;
  limits: RateLimits;
  development: boolean;
  /** Reads the data version for a request whose caller's key did not bring it. */
  dataStamp: (res: Response) => Promise<string>;
}

/**
 * Express middleware after the caller is identified and the body parsed, before Apollo: answers
 * a request whose answer the response cache holds (same data version, role, query, operation
 * and variables) without Apollo's request pipeline, which is most of the hub's own work on a
 * repeated read. The request is checked and spent by the guard's own rule (admit) first, and
 * answered with the body, ETag, 304 and headers Apollo would send. Everything else goes on to
 * Apollo unchanged: a miss, a request outside the plain shapes above, and a refusal, which
 * Apollo answers as it answers every refusal (HubContext.refusal: counted once).
 */
export function cachedAnswers(options: CachedAnswersOptions) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const accept = req.headers.accept;
    if (accept !== undefined && !JSON_ACCEPTS.has(accept.trim())) {
      next();
      return;
    }
    const request = req.method === 'POST' ? postRequest(req.body) : req.method === 'GET' ? getRequest(req) : undefined;
    if (!request || !options.cache.mayHold(request.source)) {
      next();
      return;
    }
    const caller = res.locals.caller as Caller;
    let stamp = res.locals.dataStamp as string | undefined;
    if (stamp === undefined) {
      try {
        stamp = await options.dataStamp(res);
      } catch {
        // Apollo's cache reads it again and meets the same cause, and reports it as it does.
        next();
        return;
      }
      // Read before anything of the request ran: Apollo's cache labels a miss with it too.
      res.locals.dataStamp = stamp;
    }
    const found = options.cache.find(stamp, caller.role, request);
    if (!found) {
      next();
      return;
    }
    const { document, operationName } = found.kept;
    const variables = request.variables ?? undefined;
    try {
      await admit(
        { schema: options.schema, document, variables, operationName },
        caller,
        options.limits,
        options.development,
      );
    } catch (err) {
      res.locals.refusal = err;
      next();
      return;
    }
    // As Apollo's Express integration sends a cached answer: the cache's head, then the content
    // type Apollo chose, the status, and the body through res.send (which drops it for a 304).
    const head = labelHead(found.etag, req.headers['if-none-match']);
    for (const [name, value] of head.headers) {
      res.setHeader(name, value);
    }
    res.setHeader('content-type', CONTENT_TYPE);
    res.statusCode = head.status ?? 200;
    res.send(found.kept.body);
  };
}
