// The peer for `npm run bench -- peers`: PostGraphile v4 with @graphile/postgis (geometry as
// GeoJSON) and the connection-filter plugin (month ranges, either-ward filters: core PostGraphile
// only filters by equality), over the hub's own server database, as a plain Node HTTP server on a
// free loopback port. Settings as a production deployment would use them: no query log, no
// GraphiQL, no schema watching. It prints its URL on one line when ready.
const http = require('node:http');

const PostgisPlugin = require('@graphile/postgis').default;
const ConnectionFilterPlugin = require('postgraphile-plugin-connection-filter');
const { postgraphile } = require('postgraphile');

const middleware = postgraphile(process.env.DATABASE_URL, 'public', {
  appendPlugins: [PostgisPlugin, ConnectionFilterPlugin],
  graphqlRoute: '/graphql',
  graphiql: false,
  disableQueryLog: true,
  watchPg: false,
  retryOnInitFail: false,
  setofFunctionsContainNulls: false,
  ignoreRBAC: false,
  enableQueryBatching: false,
  extendedErrors: ['errcode'],
  // JSON (the GeoJSON outlines) as objects in the response, as the hub sends them, not as strings.
  dynamicJson: true,
});

const server = http.createServer(middleware);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`PostGraphile ready at http://127.0.0.1:${port}/graphql\n`);
});
process.on('SIGTERM', () => server.close(() => middleware.release().then(() => process.exit(0))));
