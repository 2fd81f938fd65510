import path from 'node:path';

import express, { type NextFunction, type Request, type Response } from 'express';
import { type GraphQLSchema, parse } from 'graphql';
import helmet from 'helmet';

import type { Caller } from '../auth/caller';
import { checkAccess } from '../auth/enforce';
import { printHubSchema } from '../graphql/schema';

import { type Example, loadExamples } from './examples';

/** Where the explorer's page is. */
export const EXPLORER_PATH = '/explorer';

const PUBLIC = path.join(__dirname, 'public');

function inPackage(name: string, file: string): string {
  // Resolved through package.json: react's and graphiql's `exports` do not list their UMD files.
  return path.join(path.dirname(require.resolve(`${name}/package.json`)), file);
}

/**
 * Every file the explorer serves, by the name in its URL: the page's own script and style, and
 * the UMD builds of React, ReactDOM and GraphiQL from node_modules. A fixed table, so no part of a
 * request's path ever reaches the filesystem.
 */
export const ASSETS: Readonly<Record<string, string>> = {
  'explorer.js': path.join(PUBLIC, 'explorer.js'),
  'explorer.css': path.join(PUBLIC, 'explorer.css'),
  'react.production.min.js': inPackage('react', 'umd/react.production.min.js'),
  'react-dom.production.min.js': inPackage('react-dom', 'umd/react-dom.production.min.js'),
  'graphiql.min.js': inPackage('graphiql', 'graphiql.min.js'),
  'graphiql.min.css': inPackage('graphiql', 'graphiql.min.css'),
};

/**
 * The explorer's Content-Security-Policy: scripts, styles and requests to this hub only. GraphiQL
 * sets style attributes as it lays out its panes (hence 'unsafe-inline' for styles, never for
 * scripts); its fonts and icons are data: URLs inside its CSS. No upgrade-insecure-requests: a
 * hub on plain HTTP in a council's network must still load its own files.
 */
export const EXPLORER_CSP = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
};

/** What the page reads at start: the README's examples, and whether public callers get the schema. */
export interface ExplorerSettings {
  examples: Example[];
  /** True when the hub lets everyone introspect (NODE_ENV=development); otherwise analysts and above. */
  publicIntrospection: boolean;
}

/**
 * The offline GraphQL explorer: GraphiQL at /explorer, every script and style served by the hub
 * itself under its own Content-Security-Policy, with the README's examples (read once, here) in
 * /explorer/examples.json.
 * @param development whether every caller may introspect (NODE_ENV=development)
 * @param readme the README to take the examples from; README.md beside package.json by default
 */
export function explorerRoutes(development: boolean, readme?: string): express.Router {
  const settings: ExplorerSettings = { examples: loadExamples(readme), publicIntrospection: development };
  const router = express.Router();
  router.use(EXPLORER_PATH, helmet.contentSecurityPolicy({ useDefaults: false, directives: EXPLORER_CSP }));
  router.get(EXPLORER_PATH, (_req, res) => {
    res.sendFile(path.join(PUBLIC, 'index.html'));
  });
  router.get(`${EXPLORER_PATH}/examples.json`, (_req, res) => {
    res.json(settings);
  });
  router.get(`${EXPLORER_PATH}/assets/:name`, (req, res, next) => {
    const file = Object.hasOwn(ASSETS, req.params.name) ? ASSETS[req.params.name] : undefined;
    if (!file) {
      next();
      return;
    }
    res.sendFile(file);
  });
  return router;
}

/**
 * Sends a browser that opens /graphql (a GET preferring HTML, with no `query` parameter) to the
 * explorer with 303; every other request goes on to GraphQL as before.
 */
export function browsersToExplorer(req: Request, res: Response, next: NextFunction): void {
  const html = req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
  if (html && req.query.query === undefined) {
    res.redirect(303, EXPLORER_PATH);
    return;
  }
  next();
}

const INTROSPECTION = parse('{ __schema { queryType { name } } }');

/**
 * The schema as SDL (sorted, as schema/schema.graphql), for whoever may introspect: the same
 * rule as `__schema` in GraphQL (everyone in development, analysts and above otherwise), so the
 * file tells no caller more than introspection would. Runs after the caller is identified.
 * @param schema the hub's executable schema
 * @param development whether every caller may introspect
 */
export function schemaSdl(schema: GraphQLSchema, development: boolean) {
  const sdl = printHubSchema(schema);
  return (_req: Request, res: Response, next: NextFunction): void => {
    try {
      checkAccess(schema, INTROSPECTION, res.locals.caller as Caller, development);
    } catch (err) {
      next(err);
      return;
    }
    res.type('application/graphql').send(sdl);
  };
}
