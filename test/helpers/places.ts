import type { Polygon } from 'geojson';

/** Derby Cathedral, in the city centre: a point well inside the city for drawn places. */
export const CATHEDRAL = [-1.4776, 52.9254] as const;

/**
 * A square of side 2 × half degrees around a point: with half 0.002 at Derby's latitude, about
 * 445 m north to south and 270 m east to west.
 */
export const square = (lon: number, lat: number, half: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon - half, lat - half],
      [lon + half, lat - half],
      [lon + half, lat + half],
      [lon - half, lat + half],
      [lon - half, lat - half],
    ],
  ],
});
