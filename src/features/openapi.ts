import { COLLECTIONS } from './collections';
import { DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET } from './params';

/** The media type of an OpenAPI 3.0 document, as OGC API Features names it. */
export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';

const BOUNDARY_SET_TEXT = 'Areas only: the ward set whose wards make the outline; the current set when absent.';

const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const json = (schema: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } });
const geojson = (schema: string) => ({
  'application/geo+json': { schema: { $ref: `#/components/schemas/${schema}` } },
});
const errors = {
  '400': {
    description: 'A parameter the endpoint does not take, or a value it cannot use.',
    content: json('exception'),
  },
  '401': {
    description: 'Credentials that are wrong, or none for a collection that needs them.',
    content: json('exception'),
  },
  '403': { description: "A collection above the caller's role.", content: json('exception') },
  '406': { description: 'A response format the hub does not produce.', content: json('exception') },
  '429': {
    description: "The caller's budget for the minute is spent (Retry-After says when to return).",
    content: json('exception'),
  },
  '503': { description: 'The database is not reachable, or the hub is busy.', content: json('exception') },
};

// Property filters are simple query parameters (style form, explode false, a string), which is the
// shape QGIS reads from this document to offer them as server-side filters.
const queryParameter = (name: string, description: string) => ({
  name,
  in: 'query',
  required: false,
  description,
  style: 'form',
  explode: false,
  schema: { type: 'string' },
});

/**
 * The API definition (OpenAPI 3.0) served at /ogc/api: every path, with each collection's items
 * path spelt out so its property filters are declared. QGIS reads `limit`'s maximum and default
 * from it to size its pages.
 * @param base the API's absolute root, e.g. https://hub.example.org/ogc
 */
export function openApiDocument(base: string): object {
  const itemsPaths = Object.fromEntries(
    COLLECTIONS.map((c) => [
      `/collections/${c.id}/items`,
      {
        get: {
          tags: ['Data'],
          summary: `${c.title}: features`,
          description: c.description,
          operationId: `get${c.id.replace(/(^|-)(\w)/g, (_m, _d, ch: string) => ch.toUpperCase())}Items`,
          parameters: [
            param('limit'),
            param('offset'),
            param('bbox'),
            param('datetime'),
            param('f'),
            ...Object.entries(c.queryables).map(([name, text]) => queryParameter(name, text)),
            ...Object.entries(c.extraParameters).map(([name, text]) => queryParameter(name, text)),
          ],
          responses: {
            '200': {
              description: 'A page of features (GeoJSON), with links to the pages either side.',
              content: geojson('featureCollectionGeoJSON'),
            },
            ...errors,
          },
        },
      },
    ]),
  );
  return {
    openapi: '3.0.3',
    info: {
      title: 'Neighbourhood hub: OGC API Features',
      version: '1.0.0',
      description:
        "Derby's wards, areas, LSOAs, police neighbourhoods and incidents as GeoJSON, by OGC API - Features - Part 1: Core. Callers without credentials read the geography; incidents need an analyst key or token (Authorization: Bearer, or X-API-Key).",
    },
    servers: [{ url: base }],
    tags: [
      { name: 'Capabilities', description: 'What the API is and offers.' },
      { name: 'Data', description: 'The features.' },
    ],
    security: [{}, { bearer: [] }, { apiKey: [] }],
    paths: {
      '/': {
        get: {
          tags: ['Capabilities'],
          summary: 'Landing page',
          operationId: 'getLandingPage',
          parameters: [param('f')],
          responses: {
            '200': {
              description: 'Links to the API definition, conformance and collections.',
              content: json('landingPage'),
            },
            ...errors,
          },
        },
      },
      '/conformance': {
        get: {
          tags: ['Capabilities'],
          summary: 'Conformance classes the API implements',
          operationId: 'getConformanceDeclaration',
          parameters: [param('f')],
          responses: { '200': { description: 'The conformance classes.', content: json('confClasses') }, ...errors },
        },
      },
      '/api': {
        get: {
          tags: ['Capabilities'],
          summary: 'This API definition',
          operationId: 'getApiDefinition',
          parameters: [param('f')],
          responses: {
            '200': {
              description: 'The OpenAPI 3.0 document.',
              content: { [OPENAPI_TYPE]: { schema: { type: 'object' } } },
            },
            ...errors,
          },
        },
      },
      '/collections': {
        get: {
          tags: ['Capabilities'],
          summary: 'The collections the caller may read',
          operationId: 'getCollections',
          parameters: [param('f')],
          responses: { '200': { description: 'The collections.', content: json('collections') }, ...errors },
        },
      },
      '/collections/{collectionId}': {
        get: {
          tags: ['Capabilities'],
          summary: 'One collection',
          operationId: 'describeCollection',
          parameters: [param('collectionId'), param('f')],
          responses: {
            '200': { description: 'The collection.', content: json('collection') },
            '404': { description: 'No such collection.', content: json('exception') },
            ...errors,
          },
        },
      },
      ...itemsPaths,
      '/collections/{collectionId}/items/{featureId}': {
        get: {
          tags: ['Data'],
          summary: 'One feature',
          operationId: 'getFeature',
          parameters: [
            param('collectionId'),
            param('featureId'),
            param('f'),
            queryParameter('boundarySet', BOUNDARY_SET_TEXT),
          ],
          responses: {
            '200': { description: 'The feature.', content: geojson('featureGeoJSON') },
            '404': { description: 'No such feature.', content: json('exception') },
            ...errors,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key (nhk_…) or a JWT from the identity provider.',
        },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
      parameters: {
        limit: {
          name: 'limit',
          in: 'query',
          required: false,
          description: `Features in a page, 1 to ${MAX_LIMIT} (more is refused with 400).`,
          style: 'form',
          explode: false,
          schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
        },
        offset: {
          name: 'offset',
          in: 'query',
          required: false,
          description: 'Features to skip; the next link carries it.',
          style: 'form',
          explode: false,
          schema: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 },
        },
        bbox: {
          name: 'bbox',
          in: 'query',
          required: false,
          description:
            'west,south,east,north in CRS84 (six numbers with heights, which are ignored); features that intersect it.',
          style: 'form',
          explode: false,
          schema: {
            type: 'array',
            oneOf: [
              { minItems: 4, maxItems: 4 },
              { minItems: 6, maxItems: 6 },
            ],
            items: { type: 'number' },
          },
        },
        datetime: {
          name: 'datetime',
          in: 'query',
          required: false,
          description:
            'An RFC 3339 instant or interval (".." or empty for an open end); incidents whose month meets it. Collections without time match every feature.',
          style: 'form',
          explode: false,
          schema: { type: 'string' },
        },
        f: {
          name: 'f',
          in: 'query',
          required: false,
          description: 'Response format: json (every resource) or geojson (features); the Accept header otherwise.',
          style: 'form',
          explode: false,
          schema: { type: 'string', enum: ['json', 'geojson'] },
        },
        collectionId: {
          name: 'collectionId',
          in: 'path',
          required: true,
          schema: { type: 'string', enum: COLLECTIONS.map((c) => c.id) },
        },
        featureId: { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } },
      },
      schemas: {
        exception: {
          type: 'object',
          required: ['code'],
          properties: { code: { type: 'string' }, description: { type: 'string' } },
        },
        link: {
          type: 'object',
          required: ['href', 'rel'],
          properties: {
            href: { type: 'string' },
            rel: { type: 'string' },
            type: { type: 'string' },
            title: { type: 'string' },
          },
        },
        landingPage: {
          type: 'object',
          required: ['links'],
          properties: {
            title: { type: 'string' },
            description: { type: 'string' },
            links: { type: 'array', items: { $ref: '#/components/schemas/link' } },
          },
        },
        confClasses: {
          type: 'object',
          required: ['conformsTo'],
          properties: { conformsTo: { type: 'array', items: { type: 'string' } } },
        },
        collection: {
          type: 'object',
          required: ['id', 'links'],
          properties: {
            id: { type: 'string' },
            title: { type: 'string' },
            description: { type: 'string' },
            links: { type: 'array', items: { $ref: '#/components/schemas/link' } },
            extent: { type: 'object' },
            itemType: { type: 'string' },
            crs: { type: 'array', items: { type: 'string' } },
          },
        },
        collections: {
          type: 'object',
          required: ['links', 'collections'],
          properties: {
            links: { type: 'array', items: { $ref: '#/components/schemas/link' } },
            collections: { type: 'array', items: { $ref: '#/components/schemas/collection' } },
          },
        },
        featureGeoJSON: {
          type: 'object',
          required: ['type', 'geometry', 'properties'],
          properties: {
            type: { type: 'string', enum: ['Feature'] },
            id: { type: 'string' },
            geometry: { type: 'object', nullable: true },
            properties: { type: 'object', nullable: true },
            links: { type: 'array', items: { $ref: '#/components/schemas/link' } },
          },
        },
        featureCollectionGeoJSON: {
          type: 'object',
          required: ['type', 'features'],
          properties: {
            type: { type: 'string', enum: ['FeatureCollection'] },
            features: { type: 'array', items: { $ref: '#/components/schemas/featureGeoJSON' } },
            links: { type: 'array', items: { $ref: '#/components/schemas/link' } },
            timeStamp: { type: 'string', format: 'date-time' },
            numberMatched: { type: 'integer', minimum: 0 },
            numberReturned: { type: 'integer', minimum: 0 },
          },
        },
      },
    },
  };
}
