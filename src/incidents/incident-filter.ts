import {
  InvalidCoordinatesError,
  InvalidCursorError,
  InvalidPeriodError,
  UnknownCategoryError,
  UnknownCodeError,
} from '../errors';
import { assertLonLat, validatePolygonal } from '../geo/geojson';
import type { Loaders } from '../graphql/context';

import type { IncidentFilterParams } from './incidents.service';
import type { IncidentFilter } from './incidents.types';
import { isMonth, monthBound } from './period';

const nonEmpty = <T>(list: T[] | null | undefined): T[] | null => (list && list.length > 0 ? list : null);

/**
 * The codes (or ids) of a filter field, each checked against its loader.
 * @throws UnknownCodeError naming every one that names nothing
 */
async function known(
  what: string,
  keys: string[] | null,
  load: (keys: string[]) => Promise<readonly unknown[]>,
): Promise<string[] | null> {
  if (!keys) {
    return null;
  }
  const found = await load(keys);
  const missing = keys.filter((_, i) => !found[i] || found[i] instanceof Error);
  if (missing.length > 0) {
    throw new UnknownCodeError(what, missing);
  }
  return keys;
}

/**
 * Checks an incident filter and turns it into statement parameters.
 * @throws BAD_USER_INPUT errors naming the field: unknown categories or codes, malformed or
 *   inverted months, a bbox that is not [west, south, east, north], a within that is not a polygon
 */
export async function toFilterParams(
  filter: IncidentFilter | null,
  loaders: Pick<Loaders, 'categoryBySlug' | 'wardByCode' | 'areaByCode' | 'policeNeighbourhoodById'>,
  exactPoints: boolean,
): Promise<IncidentFilterParams> {
  const f = filter ?? {};
  const from = monthBound('filter.from', f.from);
  const to = monthBound('filter.to', f.to);
  if (from && to && to < from) {
    throw new InvalidPeriodError(`the period is inverted: filter.to (${f.to}) is before filter.from (${f.from})`);
  }
  const categories = nonEmpty(f.categories);
  if (categories) {
    const found = await loaders.categoryBySlug.loadMany(categories);
    const missing = categories.filter((_, i) => !found[i] || found[i] instanceof Error);
    if (missing.length > 0) {
      throw new UnknownCategoryError(missing);
    }
  }
  const wardCodes = await known('ward', nonEmpty(f.wardCodes), (codes) => loaders.wardByCode.loadMany(codes));
  const areaCodes = await known('area', nonEmpty(f.areaCodes), (codes) => loaders.areaByCode.loadMany(codes));
  const neighbourhoodIds = await known('police neighbourhood', nonEmpty(f.policeNeighbourhoodIds), (ids) =>
    // Ids are PostgreSQL integers: anything else names no neighbourhood, and never reaches SQL.
    loaders.policeNeighbourhoodById.loadMany(ids.map((id) => (/^\d{1,9}$/.test(id) ? Number(id) : 0))),
  );
  let bbox: [number, number, number, number] | null = null;
  if (f.bbox) {
    if (f.bbox.length !== 4) {
      throw new InvalidCoordinatesError(`filter.bbox must be [west, south, east, north], got ${f.bbox.length} numbers`);
    }
    const [west, south, east, north] = f.bbox;
    assertLonLat(west, south, 'filter.bbox south-west corner');
    assertLonLat(east, north, 'filter.bbox north-east corner');
    if (west >= east || south >= north) {
      throw new InvalidCoordinatesError(
        `filter.bbox must be [west, south, east, north] with west < east and south < north, got [${f.bbox}]`,
      );
    }
    bbox = [west, south, east, north];
  }
  const within = f.within ? JSON.stringify(validatePolygonal(f.within, 'filter.within')) : null;
  return {
    exactPoints,
    categories,
    from,
    to,
    wardCodes,
    areaCodes,
    policeNeighbourhoodIds: neighbourhoodIds?.map(Number) ?? null,
    bbox,
    within,
    sources: nonEmpty(f.sources),
    statuses: nonEmpty(f.statuses),
  };
}

/** An opaque cursor for a row's place in the (month, id) order. */
export function encodeCursor(row: { month: string; id: string }): string {
  return Buffer.from(`${row.month}|${row.id}`).toString('base64url');
}

/**
 * Reads a cursor back.
 * @throws InvalidCursorError for anything encodeCursor did not make
 */
export function decodeCursor(cursor: string): { month: string; id: string } {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const [month, id] = parts;
  if (parts.length !== 2 || !isMonth(month) || !/^[1-9]\d{0,18}$/.test(id) || BigInt(id) > 2n ** 63n - 1n) {
    throw new InvalidCursorError(cursor.slice(0, 100));
  }
  return { month, id };
}
