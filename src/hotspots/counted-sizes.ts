/**
 * Square cell sizes whose per-month counts incident_cell_count keeps (migration CellMonthCounts;
 * each a multiple of 50, as that migration explains): grids of these sum kept counts, any other
 * size or shape counts incidents per request (cells.sql). A module of its own because the
 * coverage test (incidents) reads the same counts, and grid.ts imports the incidents side.
 */
export const COUNTED_SIZES: readonly number[] = [250];
