import type { Feature, FeatureCollection, Geometry } from 'geojson';

import type { Db } from '../db/db';
import type { AreaRow } from '../geography/geography.service';
import { GeographyService } from '../geography/geography.service';

import { alignmentScores } from './alignment';
import { BoundariesService } from './boundaries.service';

/**
 * The pieces where the areas and the police neighbourhoods disagree: every overlap of an area
 * with a neighbourhood matched to another area (see alignmentScores), as a GeoJSON
 * FeatureCollection for a map, each with both names and the land and residents in the piece.
 * @param force the police layer's force
 * @returns null when the force has no current layer
 */
export async function alignmentOverlay(db: Db, force: string): Promise<FeatureCollection | null> {
  const service = new BoundariesService(db);
  const pairs = await service.alignmentPairs(force, '1900-01-01', '9999-12-01');
  if (pairs.length === 0) {
    return null;
  }
  const { areas } = alignmentScores(pairs);
  const matchedTo = new Map(
    areas.flatMap((a) => a.matched.map((policeNeighbourhoodId) => [policeNeighbourhoodId, a.area] as const)),
  );
  const areaNames = new Map((await new GeographyService(db).allAreas()).map((a: AreaRow) => [a.code, a.name]));
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
  return { type: 'FeatureCollection', features };
}
