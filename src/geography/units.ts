/**
 * The units the hub draws and counts by. Wards, areas and LSOAs are keyed by their ONS code; a
 * police neighbourhood by its id (its data.police.uk code repeats across layer versions). Each
 * statement that works per unit maps these names to its own SQL in a fixed table beside its
 * service, so the unit is never text from a request.
 */
export type Unit = 'ward' | 'area' | 'lsoa' | 'policeNeighbourhood';

/** The units incidents carry and are counted by. */
export type CountedUnit = Exclude<Unit, 'lsoa'>;
