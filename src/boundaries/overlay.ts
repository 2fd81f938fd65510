import type { Feature, FeatureCollection, Geometry } from 'geojson';

import type { Db } from '../db/db';
import { BoundarySets } from '../geography/boundary-sets';
import type { AreaRow } from '../geography/geography.service';
import { GeographyService } from '../geography/geography.service';

import { alignmentScores } from './alignment';
import { BoundariesService } from './boundaries.service';

/** The overlay, with the ward set its areas are made of (a GeoJSON foreign member, RFC 7946 §6.1). */
export type AlignmentOverlay = FeatureCollection & { boundarySet: string };

/**
 * The pieces where the areas and the police neighbourhoods disagree: every overlap of an area
 * with a neighbourhood matched to another area (see alignmentScores), as a GeoJSON
 * FeatureCollection for a map, each with both names and the land and residents in the piece.
 * @param force the police layer's force
 * @param boundarySet the ward set whose wards make the areas, or null for the current set
 * @returns null when the force has no current layer
 * @throws NotFoundError naming the sets held, for a set not held
 */
export async function alignmentOverlay(
  db: Db,
  force: string,
  boundarySet: string | null,
): Promise<AlignmentOverlay | null> {
  const service = new BoundariesService(db);
  const geography = new GeographyService(db);
  const set = new BoundarySets(await geography.boundarySets()).choose({ boundarySet });
  // Land and residents only: no incident is counted.
  const pairs = await service.alignmentPairs(force, { setId: set.id, monthPlacement: false, months: null });
  if (pairs.length === 0) {
    return null;
  }
  const { areas } = alignmentScores(pairs);
  const matchedTo = new Map(
    areas.flatMap((a) => a.matched.map((policeNeighbourhoodId) => [policeNeighbourhoodId, a.area] as const)),
  );
  const areaNames = new Map((await geography.allAreas()).map((a: AreaRow) => [a.code, a.name]));
  const neighbourhoods = new Map((await service.current(force)).map((n) => [n.id, n]));
  const features: Feature[] = pairs
    .filter((p) => matchedTo.get(p.policeNeighbourhoodId) !== p.area)
    .map((p) => ({
      type: 'Feature',
      geometry: p.geometry as Geometry,
      properties: {
        areaCode: p.area,
        areaName: areaNames.get(p.area),
        neighbourhoodCode: neighbourhoods.get(p.policeNeighbourhoodId)?.code,
        neighbourhoodName: neighbourhoods.get(p.policeNeighbourhoodId)?.name,
        neighbourhoodMatchedToArea: matchedTo.get(p.policeNeighbourhoodId) ?? null,
        landSqKm: p.landSqKm,
        population: p.population,
        synthetic: neighbourhoods.get(p.policeNeighbourhoodId)?.synthetic ?? false,
        fill: '#e31a1c',
        'fill-opacity': 0.5,
      },
    }));
  return { type: 'FeatureCollection', boundarySet: set.id, features };
}
