import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

import { InvalidGeoJSONError } from '../errors';

import { validateGeometry } from './geojson';

function literalToJson(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literalToJson(f.value)]));
    case Kind.LIST:
      return node.values.map(literalToJson);
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    case Kind.VARIABLE:
      throw new GraphQLError('GeoJSON literals cannot contain variables; pass the whole geometry as one variable');
  }
}

function parse(value: unknown): unknown {
  try {
    return validateGeometry(typeof value === 'string' ? JSON.parse(value) : value);
  } catch (err) {
    if (err instanceof InvalidGeoJSONError || err instanceof SyntaxError) {
      throw new GraphQLError(`Invalid GeoJSON: ${err.message}`, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    throw err;
  }
}

/**
 * A GeoJSON geometry (RFC 7946: lon, lat order, WGS 84). Input is validated (type, nesting,
 * finite in-range coordinates, closed rings); output is what PostGIS's ST_AsGeoJSON wrote,
 * with exterior rings counter-clockwise and 6 decimal places.
 */
export const GeoJSONScalar = new GraphQLScalarType({
  name: 'GeoJSON',
  description:
    'A GeoJSON geometry object (RFC 7946): WGS 84 longitude/latitude, exterior rings counter-clockwise on output.',
  serialize: (value) => value,
  parseValue: parse,
  parseLiteral: (node) => parse(literalToJson(node)),
});
