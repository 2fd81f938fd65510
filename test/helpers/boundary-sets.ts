import fs from 'node:fs';
import path from 'node:path';

import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

import { csv, GEODATA, geojson } from './geodata-files';

// The shipped boundary sets read straight from geodata/ (the manifest names the files, the code
// history their dates), without the hub's loader, so tests compare the hub with the files.

type Outline = Feature<Polygon | MultiPolygon>;

/** One ward set as the shipped files give it. */
export interface WardSetFile {
  id: string;
  validFrom: string;
  /** Null for the set still in force. */
  validTo: string | null;
  /** Outlines by ward code, in file order. */
  wards: Map<string, Outline>;
  names: Map<string, string>;
  /** The ONS best-fit lookup of the set: LSOA code to ward code. */
  lookup: Map<string, string>;
  /** The LSOA set its lookup and roll-ups use. */
  lsoaSet: string;
}

/** One LSOA set: the 2011 file, or the 2011 LSOAs still live on the later set's first day plus its new ones. */
export interface LsoaSetFile {
  id: string;
  validFrom: string;
  lsoas: Map<string, Outline>;
  /** Mid-2020 population; a successor gets the share of its predecessor's that its share of the land gives. */
  populationMid2020: Map<string, number>;
}

interface ManifestLayer {
  file: string;
  boundarySet: string;
  codeProperty: string;
  nameProperty: string;
  replacesProperty?: string;
}
interface ManifestWardLayer extends ManifestLayer {
  lsoaSet: string;
  lookup: { file: string; from: string; to: string };
}

const manifest: { wards: ManifestWardLayer[]; lsoas: ManifestLayer[]; populationMid2020: string } = JSON.parse(
  fs.readFileSync(path.join(GEODATA, 'manifest.json'), 'utf8'),
);

function history(file: string, codeColumn: string): Map<string, { start: string; end: string | null }> {
  return new Map(csv(file).map((r) => [r[codeColumn], { start: r.start, end: r.end || null }]));
}

const wardHistory = history('derby-ward-code-history.csv', 'WD_CD');
const lsoaHistory = history('derby-lsoa-code-history.csv', 'LSOA_CD');

const byCode = (layer: ManifestLayer) =>
  new Map(geojson(layer.file).features.map((f) => [String(f.properties?.[layer.codeProperty]), f as Outline]));

/** The ward sets of the manifest, oldest first, each with its dates from the code history. */
export function wardSetFiles(): WardSetFile[] {
  return manifest.wards.map((layer) => {
    const wards = byCode(layer);
    const dates = [...wards.keys()].map((c) => wardHistory.get(c) as { start: string; end: string | null });
    return {
      id: layer.boundarySet,
      validFrom: dates[0].start,
      validTo: dates[0].end,
      wards,
      names: new Map([...wards].map(([code, f]) => [code, String(f.properties?.[layer.nameProperty])])),
      lookup: new Map(csv(layer.lookup.file).map((r) => [r[layer.lookup.from], r[layer.lookup.to]])),
      lsoaSet: layer.lsoaSet,
    };
  });
}

/** The LSOA sets of the manifest, oldest first. */
export function lsoaSetFiles(): LsoaSetFile[] {
  const census = new Map(csv(manifest.populationMid2020).map((r) => [r.lsoa_code, Number(r.population)]));
  const sets: LsoaSetFile[] = [];
  for (const layer of manifest.lsoas) {
    const own = byCode(layer);
    const validFrom = [...own.keys()].map((c) => lsoaHistory.get(c)?.start as string).sort()[own.size - 1];
    const earlier = sets[sets.length - 1];
    const lsoas = new Map<string, Outline>();
    earlier?.lsoas.forEach((f, code) => {
      const end = lsoaHistory.get(code)?.end ?? null;
      if (end === null || end >= validFrom) {
        lsoas.set(code, f);
      }
    });
    own.forEach((f, code) => lsoas.set(code, f));
    const populationMid2020 = new Map<string, number>();
    for (const [code, f] of lsoas) {
      const replaced = layer.replacesProperty ? f.properties?.[layer.replacesProperty] : undefined;
      if (census.has(code) || !replaced) {
        populationMid2020.set(code, census.get(code) as number);
        continue;
      }
      const parts = [...own.values()].filter((p) => p.properties?.[layer.replacesProperty as string] === replaced);
      const land = parts.reduce((s, p) => s + turf.area(p), 0);
      populationMid2020.set(code, Math.round(((census.get(replaced) as number) * turf.area(f)) / land));
    }
    sets.push({ id: layer.boundarySet, validFrom, lsoas, populationMid2020 });
  }
  return sets;
}

/**
 * The code of the unit whose outline holds a point (turf, on the sphere), or null; a point on a
 * shared edge goes to the lowest code, as the hub's rule has it.
 */
export function unitAt(units: Map<string, Outline>, point: Position): string | null {
  const holding = [...units].filter(([, f]) => turf.booleanPointInPolygon(point, f)).map(([code]) => code);
  return holding.sort()[0] ?? null;
}

/** The LSOA codes the set's best-fit lookup puts in a ward, sorted. */
export function lsoasOf(set: WardSetFile, ward: string): string[] {
  return [...set.lookup]
    .filter(([, w]) => w === ward)
    .map(([l]) => l)
    .sort();
}
