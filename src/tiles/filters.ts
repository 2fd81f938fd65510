import { InvalidPeriodError, LimitExceededError } from '../errors';
import { GRID_LIMITS } from '../hotspots/grid';
import { monthBound, period } from '../incidents/period';

import type { TileLayer } from './layers';

/** What the incidents and hotspots layers are filtered by, checked; months are YYYY-MM. */
export interface TileFilter {
  from: string | null;
  to: string | null;
  /** Category slugs, sorted and without repeats; null for all. */
  categories: string[] | null;
  /** Hot-spot cell side in metres (hotspots only). */
  cellSize: number | null;
}

/** A query string as Express 5 parses it. */
export type Query = Record<string, unknown>;

const SLUG = /^[a-z0-9][a-z0-9-]{0,59}$/;
const DEFAULT_CELL = 250;

/**
 * Reads and checks a layer's query-string filter. Every parameter may be given once; a parameter
 * the layer does not take is refused rather than ignored, so a typo never yields an unfiltered map.
 * @throws LimitExceededError or InvalidPeriodError (400) saying what was expected and what came
 */
export function parseFilter(layer: TileLayer, query: Query): TileFilter {
  const given = Object.keys(query);
  const unknown = given.filter((name) => !layer.parameters.includes(name));
  if (unknown.length > 0) {
    const takes = layer.parameters.length > 0 ? `one of ${layer.parameters.join(', ')}` : 'none';
    throw new LimitExceededError(
      `query parameters of the ${layer.id} layer`,
      takes,
      `"${unknown.join('", "').slice(0, 80)}"`,
    );
  }
  const text = (name: string): string | null => {
    const value = query[name];
    if (value === undefined) {
      return null;
    }
    if (typeof value !== 'string') {
      throw new LimitExceededError(name, 'given once, as text', 'it several times');
    }
    return value;
  };
  const from = text('from');
  const to = text('to');
  if (layer.id === 'hotspots' && (from === null || to === null)) {
    throw new InvalidPeriodError(
      `the hotspots layer needs a period: from and to as YYYY-MM, got ${from === null ? 'no from' : `from ${from}`} and ${to === null ? 'no to' : `to ${to}`}`,
    );
  }
  monthBound('from', from);
  monthBound('to', to);
  if (from !== null && to !== null) {
    period(from, to);
  }
  const categoriesText = text('categories');
  let categories: string[] | null = null;
  if (categoriesText !== null) {
    const slugs = [...new Set(categoriesText.split(',').map((s) => s.trim()))].sort();
    const bad = slugs.find((s) => !SLUG.test(s));
    if (bad !== undefined) {
      throw new LimitExceededError(
        'categories',
        'comma-separated category slugs (the categories query lists them)',
        `"${bad.slice(0, 60)}"`,
      );
    }
    categories = slugs;
  }
  let cellSize: number | null = null;
  if (layer.id === 'hotspots') {
    const sizeText = text('cellSize');
    cellSize = sizeText === null ? DEFAULT_CELL : Number(sizeText);
    const { minCell, maxCell } = GRID_LIMITS;
    if (sizeText !== null && (!/^\d+(\.\d+)?$/.test(sizeText) || !(cellSize >= minCell && cellSize <= maxCell))) {
      throw new LimitExceededError(
        'cellSize',
        `a number of metres from ${minCell} to ${maxCell}`,
        `"${sizeText.slice(0, 40)}"`,
      );
    }
  }
  return { from, to, categories, cellSize };
}

/**
 * The filter as a query string in one fixed order, for tile URLs in TileJSON and cache keys: two
 * requests that mean the same thing get the same text.
 * @example canonicalQuery({ from: '2040-01', to: null, categories: ['a', 'b'], cellSize: null }) //= 'from=2040-01&categories=a,b'
 */
export function canonicalQuery(filter: TileFilter): string {
  const parts: string[] = [];
  if (filter.from !== null) {
    parts.push(`from=${filter.from}`);
  }
  if (filter.to !== null) {
    parts.push(`to=${filter.to}`);
  }
  if (filter.categories !== null) {
    parts.push(`categories=${filter.categories.join(',')}`);
  }
  if (filter.cellSize !== null) {
    parts.push(`cellSize=${filter.cellSize}`);
  }
  return parts.join('&');
}
