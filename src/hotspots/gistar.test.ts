import fs from 'node:fs';
import path from 'node:path';

import { parse } from 'csv-parse/sync';

import { PROJECT_ROOT } from '../paths';

import { benjaminiHochberg, confidenceBin, gistar, hotSpotCells, neighboursWithin } from './gistar';
import { erfc, twoSidedP } from './normal';

const FIXTURE = path.join(PROJECT_ROOT, '..', 'shared', 'fixtures', 'gistar-spdep-10x10.csv');
const COPY = path.join(PROJECT_ROOT, 'src', 'hotspots', 'test', 'gistar-spdep-10x10.csv');

// A lattice of unit cells, row-major; the band of 1.5 cell widths is queen contiguity.
function lattice(rows: number, cols: number): [number, number][] {
  const points: [number, number][] = [];
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < cols; c += 1) {
      points.push([c, r]);
    }
  }
  return points;
}

// The formula written out term by term, independently of gistar's arrangement.
function byHand(x: number[], w: number[][], i: number): number {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b) / n;
  const s = Math.sqrt(x.reduce((a, b) => a + b * b, 0) / n - mean * mean);
  let sumWx = 0;
  let sumW = 0;
  let sumW2 = 0;
  for (let j = 0; j < n; j += 1) {
    sumWx += w[i][j] * x[j];
    sumW += w[i][j];
    sumW2 += w[i][j] * w[i][j];
  }
  return (sumWx - mean * sumW) / (s * Math.sqrt((n * sumW2 - sumW * sumW) / (n - 1)));
}

describe('Getis-Ord Gi*', () => {
  it('equals R spdep localG (queen, self included) on the 10 × 10 fixture to 1e-9', () => {
    // The fixture ships in ../shared; a copy sits beside the tests so the suite runs without it.
    const file = fs.existsSync(FIXTURE) ? FIXTURE : COPY;
    const rows: { i: string; x: string; G: string }[] = parse(fs.readFileSync(file, 'utf8'), { columns: true });
    const x = rows.map((r) => Number(r.x));
    const z = gistar(x, neighboursWithin(lattice(10, 10), 1.5));
    rows.forEach((r, k) => expect(Math.abs((z[k] as number) - Number(r.G))).toBeLessThan(1e-9));
    // The README's checks on the whole column.
    expect(Math.abs(z.reduce((a, b) => (a as number) + (b as number), 0)! - -2.232553162667)).toBeLessThan(1e-9);
    expect(Math.abs((z[11] as number) - 2.371462037197)).toBeLessThan(1e-9);
    expect(Math.abs((z[81] as number) - -2.497481759)).toBeLessThan(1e-9);
  });

  it('equals the textbook formula on a small square grid, at corners, edges and inside', () => {
    const x = [0, 3, 1, 7, 2, 9, 4, 0, 5, 6, 1, 8];
    const points = lattice(3, 4);
    const neighbours = neighboursWithin(points, 1.5);
    const w = points.map((_, i) => points.map((__, j) => (neighbours[i].includes(j) ? 1 : 0)));
    expect(neighbours[0]).toEqual([0, 1, 4, 5]);
    expect(neighbours[5]).toEqual([0, 1, 2, 4, 5, 6, 8, 9, 10]);
    gistar(x, neighbours).forEach((z, i) => expect(Math.abs((z as number) - byHand(x, w, i))).toBeLessThan(1e-12));
  });

  it('equals the textbook formula on hexagonal cells (six neighbours inside)', () => {
    // Centres of a pointy-top hex grid of spacing 1: rows offset by half a cell, √3/2 apart.
    const points: [number, number][] = [];
    for (let r = 0; r < 4; r += 1) {
      for (let c = 0; c < 4; c += 1) {
        points.push([c + (r % 2) * 0.5, (r * Math.sqrt(3)) / 2]);
      }
    }
    const x = [2, 0, 5, 1, 3, 8, 2, 0, 1, 4, 9, 3, 0, 2, 1, 6];
    const neighbours = neighboursWithin(points, 1.1);
    expect(neighbours[5]).toHaveLength(7);
    const w = points.map((_, i) => points.map((__, j) => (neighbours[i].includes(j) ? 1 : 0)));
    gistar(x, neighbours).forEach((z, i) => expect(Math.abs((z as number) - byHand(x, w, i))).toBeLessThan(1e-12));
  });

  it('returns null, not a number, for a constant grid (S = 0) and for a band that takes in every cell', () => {
    expect(gistar([4, 4, 4, 4], neighboursWithin(lattice(2, 2), 1.5))).toEqual([null, null, null, null]);
    expect(gistar([1, 2, 3, 4], neighboursWithin(lattice(2, 2), 5))).toEqual([null, null, null, null]);
    expect(hotSpotCells([4, 4, 4, 4], neighboursWithin(lattice(2, 2), 1.5), true).map((c) => c.bin)).toEqual([
      0, 0, 0, 0,
    ]);
  });
});

describe('p-values, FDR and bins', () => {
  it('computes the normal tail to double precision', () => {
    expect(erfc(0)).toBe(1);
    expect(Math.abs(twoSidedP(1.959963984540054) - 0.05)).toBeLessThan(1e-14);
    expect(Math.abs(twoSidedP(2.5758293035489004) - 0.01)).toBeLessThan(1e-14);
    expect(Math.abs(twoSidedP(6) - 1.973175290075e-9) / 1.973175290075e-9).toBeLessThan(1e-9);
  });

  it('adjusts p-values by Benjamini-Hochberg, keeping nulls out of the count', () => {
    const q = benjaminiHochberg([0.01, 0.04, null, 0.03, 0.2]);
    // m = 4: sorted 0.01, 0.03, 0.04, 0.2 -> 0.04, 0.0533.., 0.0533.., 0.2
    expect(q[0]).toBeCloseTo(0.04, 12);
    expect(q[3]).toBeCloseTo(0.16 / 3, 12);
    expect(q[1]).toBeCloseTo(0.16 / 3, 12);
    expect(q[2]).toBeNull();
    expect(q[4]).toBeCloseTo(0.2, 12);
  });

  it('bins as ArcGIS does: ±3 at 99 %, ±2 at 95 %, ±1 at 90 %', () => {
    expect([
      confidenceBin(3, 0.005),
      confidenceBin(-2.1, 0.03),
      confidenceBin(1.7, 0.09),
      confidenceBin(1, 0.3),
      confidenceBin(null, null),
    ]).toEqual([3, -2, 1, 0, 0]);
  });
});
