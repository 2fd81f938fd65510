import { InvalidCoordinatesError, InvalidGeoJSONError } from '../errors';

import { assertLonLat, validateGeometry, validatePolygonal } from './geojson';
import { GeoJSONScalar } from './geojson.scalar';

const square = [
  [-1.5, 52.9],
  [-1.4, 52.9],
  [-1.4, 53.0],
  [-1.5, 53.0],
  [-1.5, 52.9],
];

describe('validateGeometry', () => {
  it('accepts every RFC 7946 geometry type', () => {
    const geometries = [
      { type: 'Point', coordinates: [-1.47, 52.92] },
      { type: 'Point', coordinates: [-1.47, 52.92, 50] },
      { type: 'MultiPoint', coordinates: [[-1.47, 52.92]] },
      { type: 'LineString', coordinates: square.slice(0, 2) },
      { type: 'MultiLineString', coordinates: [square.slice(0, 3)] },
      { type: 'Polygon', coordinates: [square] },
      { type: 'MultiPolygon', coordinates: [[square]] },
      { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [0, 0] }] },
    ];
    for (const g of geometries) {
      expect(validateGeometry(g)).toBe(g);
    }
  });

  it.each([
    ['not an object', 'nope', /expected a GeoJSON geometry object/],
    ['an unknown type', { type: 'Circle', coordinates: [0, 0] }, /type must be one of Point, .*got "Circle"/],
    ['a Feature rather than a geometry', { type: 'Feature', geometry: null }, /got "Feature"/],
    [
      'a ring that is not closed',
      { type: 'Polygon', coordinates: [square.slice(0, 4)] },
      /geometry\.coordinates\[0\]: a linear ring must be closed/,
    ],
    [
      'a ring of three positions',
      { type: 'Polygon', coordinates: [[square[0], square[1], square[0]]] },
      /a linear ring needs at least 4 position\(s\), got 3/,
    ],
    [
      'a latitude beyond 90',
      { type: 'Point', coordinates: [-1.47, 91] },
      /\[lon, lat\] must be within \[-180\.\.180, -90\.\.90\]/,
    ],
    [
      'a longitude beyond 180',
      { type: 'MultiPoint', coordinates: [[181, 0]] },
      /geometry\.coordinates\[0\]: \[lon, lat\] must be within/,
    ],
    [
      'a string coordinate',
      { type: 'Point', coordinates: ['-1.47', 52.92] },
      /coordinates must be finite numbers, got "-1\.47"/,
    ],
    [
      'a null coordinate',
      { type: 'Point', coordinates: [null, 52.92] },
      /coordinates must be finite numbers, got null/,
    ],
    ['a position with four numbers', { type: 'Point', coordinates: [1, 2, 3, 4] }, /a position must be \[lon, lat\]/],
    [
      'a LineString of one position',
      { type: 'LineString', coordinates: [[0, 0]] },
      /a LineString needs at least 2 position/,
    ],
    ['a collection without geometries', { type: 'GeometryCollection' }, /needs a "geometries" array/],
  ])('refuses %s, saying where and what', (_name, value, message) => {
    expect(() => validateGeometry(value)).toThrow(InvalidGeoJSONError);
    expect(() => validateGeometry(value)).toThrow(message);
  });

  it('accepts only areas where an area is needed', () => {
    expect(() => validatePolygonal({ type: 'Point', coordinates: [0, 0] }, 'zone')).toThrow(
      'zone: expected a Polygon or MultiPolygon, got Point',
    );
  });
});

describe('assertLonLat', () => {
  it('accepts the range edges', () => {
    expect(() => assertLonLat(-180, -90)).not.toThrow();
    expect(() => assertLonLat(180, 90)).not.toThrow();
  });

  it('refuses non-finite numbers and says where', () => {
    expect(() => assertLonLat(Number.NaN, 52, 'points[3]')).toThrow(InvalidCoordinatesError);
    expect(() => assertLonLat(Number.NaN, 52, 'points[3]')).toThrow(
      'lon and lat must be finite numbers (points[3]), got NaN, 52',
    );
  });
});

describe('the GeoJSON scalar', () => {
  it('parses a valid geometry from a variable and from a JSON string', () => {
    const polygon = { type: 'Polygon', coordinates: [square] };
    expect(GeoJSONScalar.parseValue(polygon)).toEqual(polygon);
    expect(GeoJSONScalar.parseValue(JSON.stringify(polygon))).toEqual(polygon);
  });

  it('turns invalid GeoJSON into BAD_USER_INPUT with the reason', () => {
    try {
      GeoJSONScalar.parseValue({ type: 'Polygon', coordinates: [square.slice(0, 4)] });
      throw new Error('expected a refusal');
    } catch (err) {
      expect((err as { extensions?: { code?: string } }).extensions?.code).toBe('BAD_USER_INPUT');
      expect((err as Error).message).toMatch(
        /^Invalid GeoJSON: geometry\.coordinates\[0\]: a linear ring must be closed/,
      );
    }
  });

  it('serialises what PostGIS wrote unchanged', () => {
    const point = { type: 'Point', coordinates: [-1.47, 52.92] };
    expect(GeoJSONScalar.serialize(point)).toBe(point);
  });
});
