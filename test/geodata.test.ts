import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { DataSource } from 'typeorm';

import type { Db } from '../src/db/db';
import { loadGeodata, writeGeodata } from '../src/ingest/geodata/load';
import { GeodataError, readGeodata } from '../src/ingest/geodata/read';
import { DEFAULT_MANIFEST } from '../src/paths';

import { lsoaSetFiles, wardSetFiles } from './helpers/boundary-sets';
import { connectTestDatabase, inRolledBackTransaction } from './helpers/database';
import { csv, GEODATA } from './helpers/geodata-files';

let dataSource: DataSource;
let db: Db;

beforeAll(async () => {
  ({ dataSource, db } = await connectTestDatabase());
});

afterAll(async () => {
  await dataSource.destroy();
});

/** A copy of the shipped geodata folder, changed by `change`; returns its manifest path. */
function variant(change: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-geodata-'));
  for (const file of fs.readdirSync(GEODATA)) {
    fs.copyFileSync(path.join(GEODATA, file), path.join(dir, file));
  }
  change(dir);
  return path.join(dir, 'manifest.json');
}

function editJson(dir: string, file: string, edit: (doc: any) => void): void {
  const doc = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  edit(doc);
  fs.writeFileSync(path.join(dir, file), JSON.stringify(doc));
}

function editLines(dir: string, file: string, edit: (lines: string[]) => string[]): void {
  const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
  fs.writeFileSync(path.join(dir, file), edit(lines).join('\n'));
}

/** Everything the loader writes, as one fingerprint, to prove a refusal changed nothing. */
async function fingerprint(): Promise<string> {
  const [row] = await db.query<{ f: string }>(
    `SELECT md5(
       (SELECT string_agg(id || kind || valid_from || coalesce(valid_to::text, '-') || coalesce(lsoa_set_id, '-'), ',' ORDER BY id) FROM boundary_set) ||
       (SELECT string_agg(code || name || description, ',' ORDER BY code) FROM area) ||
       (SELECT string_agg(code || area_code || boundary_set_id || md5(ST_AsBinary(geom)), ',' ORDER BY code) FROM ward) ||
       (SELECT string_agg(code || boundary_set_id || valid_from || coalesce(valid_to::text, '-') || population_mid2020 || md5(ST_AsBinary(geom)), ',' ORDER BY code) FROM lsoa) ||
       (SELECT string_agg(lsoa_code || ward_code, ',' ORDER BY lsoa_code, ward_code) FROM lsoa_ward_lookup) ||
       (SELECT count(*)::text || sum(rank)::text FROM lsoa_deprivation) ||
       (SELECT string_agg(lsoa_code || ward_code || round(share::numeric, 12), ',' ORDER BY lsoa_code, ward_code) FROM lsoa_ward_share) ||
       (SELECT string_agg(from_code || to_code || round(land_sq_m::numeric, 3) || round(residents::numeric, 6), ',' ORDER BY from_code, to_code) FROM ward_crosswalk) ||
       (SELECT count(*)::text FROM ward_area_change)) AS f`,
  );
  return row.f;
}

const WARDS = 'derby-wards-2013.geojson';
const [earlier, current] = wardSetFiles();

describe('reading geodata files refuses what is malformed, naming the file, feature or line', () => {
  const cases: [string, (dir: string) => void, RegExp][] = [
    [
      'a boundary file that is not JSON',
      (d) => fs.writeFileSync(path.join(d, WARDS), '{"type": "FeatureCollection", '),
      /derby-wards-2013\.geojson is not valid JSON/,
    ],
    [
      'a FeatureCollection without features',
      (d) => editJson(d, WARDS, (doc) => (doc.features = [])),
      /derby-wards-2013\.geojson: the FeatureCollection has no features/,
    ],
    [
      'a feature without its code',
      (d) => editJson(d, WARDS, (doc) => delete doc.features[3].properties.WD13CD),
      /derby-wards-2013\.geojson feature 3: "WD13CD" must be a non-empty string/,
    ],
    [
      'a code that appears twice',
      (d) => editJson(d, WARDS, (doc) => (doc.features[1].properties.WD13CD = 'E05001767')),
      /feature 1 \(E05001767\): the code appears twice/,
    ],
    [
      'a ring that is not closed',
      (d) => editJson(d, WARDS, (doc) => doc.features[0].geometry.coordinates[0].pop()),
      /feature 0 \(E05001767\) geometry\.coordinates\[0\]: a linear ring must be closed/,
    ],
    [
      'a coordinate that is not a number',
      (d) => editJson(d, WARDS, (doc) => (doc.features[2].geometry.coordinates[0][5][1] = null)),
      /feature 2 \(E05001769\) geometry\.coordinates\[0\]\[5\]: coordinates must be finite numbers, got null/,
    ],
    [
      'a point where an outline should be',
      (d) => editJson(d, WARDS, (doc) => (doc.features[4].geometry = { type: 'Point', coordinates: [-1.5, 52.9] })),
      /feature 4 \(E05001771\) geometry: expected a Polygon or MultiPolygon, got Point/,
    ],
    [
      'a CSV without a needed column',
      (d) => editLines(d, 'derby-imd2019.csv', (l) => [l[0].replace('imd_rank', 'imd_rnk'), ...l.slice(1)]),
      /derby-imd2019\.csv: missing column\(s\) imd_rank/,
    ],
    [
      'a decile out of range, with its line',
      (d) =>
        editLines(d, 'derby-imd2019.csv', (l) =>
          l.map((line, i) => (i === 4 ? line.replace(/^(E\d+,[^,]+,\d+),\d+,/, '$1,11,') : line)),
        ),
      /derby-imd2019\.csv line 5: imd_decile must be a whole number from 1 to 10, got "11"/,
    ],
    [
      'an empty CSV file',
      (d) => fs.writeFileSync(path.join(d, 'derby-lsoa-ward-lookup.csv'), ''),
      /derby-lsoa-ward-lookup\.csv is empty/,
    ],
    [
      'a ward in two areas',
      (d) => editJson(d, 'derby-areas-illustrative.json', (doc) => doc.areas[0].wards.push({ code: 'E05001783' })),
      /ward E05001783 is in both NORTH and EAST; every ward belongs to exactly one area/,
    ],
    [
      'a ward in no area',
      (d) => editJson(d, 'derby-areas-illustrative.json', (doc) => doc.areas[3].wards.pop()),
      /ward\(s\) E05001771 are in no area/,
    ],
    [
      'an empty area',
      (d) =>
        editJson(d, 'derby-areas-illustrative.json', (doc) =>
          doc.areas.push({ code: 'EMPTY', name: 'Empty', wards: [] }),
        ),
      /area 4 \(EMPTY\): "wards" must list at least one ward; an area cannot be empty/,
    ],
    [
      'a current ward the code history does not know',
      (d) => editLines(d, 'derby-ward-code-history.csv', (l) => l.filter((line) => !line.startsWith('E05015511'))),
      /derby-wards-2023\.geojson: E05015511 \(Arboretum\) is not in the code history/,
    ],
    [
      'a ward named otherwise than in the code history',
      (d) =>
        editLines(d, 'derby-ward-code-history.csv', (l) =>
          l.map((line) => line.replace(',Spondon,2023', ',Spondown,2023')),
        ),
      /E05015524 is named "Spondon" but the code history .* names it "Spondown"/,
    ],
    [
      'a ward code in two sets',
      (d) => editJson(d, 'derby-wards-2023.geojson', (doc) => (doc.features[0].properties.WD23CD = 'E05001767')),
      /ward E05001767 is also in derby-wards-2013\.geojson; a ward code belongs to one set/,
    ],
    [
      'a 2021 LSOA without a ward in the current lookup',
      (d) => editLines(d, 'derby-lsoa21-ward2024-lookup.csv', (l) => l.filter((line) => !line.startsWith('E01034257'))),
      /LSOA E01034257 of ons-lsoa-2021 has no ward; every LSOA needs a best-fit ward/,
    ],
    [
      'an LSOA without a population',
      (d) =>
        editLines(d, 'derby-lsoa-population-mid2020.csv', (l) => l.filter((line) => !line.startsWith('E01013453'))),
      /derby-lsoa-population-mid2020\.csv: LSOA E01013453 \(Derby 013A\) has no population/,
    ],
  ];

  it.each(cases)('refuses %s', (_name, change, message) => {
    const manifest = variant(change);
    expect(() => readGeodata(manifest)).toThrow(GeodataError);
    expect(() => readGeodata(manifest)).toThrow(message);
  });

  it('reads both ward sets with their validity from the code history, and the 2011 and 2021 LSOA sets', () => {
    const bundle = readGeodata(DEFAULT_MANIFEST);
    const history = csv('derby-ward-code-history.csv');
    expect(bundle.wardSets.map((s) => [s.set.id, s.wards.length, s.set.validFrom, s.set.validTo])).toEqual([
      ['ons-wards-2013', 17, '2009-01-01', '2023-05-03'],
      ['ons-wards-2023', 18, '2023-05-04', null],
    ]);
    // Codes and names equal the code history's, and the 2013 wards end the day before the 2023 ones start.
    for (const { set, wards } of bundle.wardSets) {
      for (const w of wards) {
        const row = history.find((h) => h.WD_CD === w.code);
        expect([row?.WD_NM, row?.end || null]).toEqual([w.name, set.validTo]);
      }
    }
    // 151 LSOAs of 2011 and the two that replaced E01013479 in 2021.
    expect(bundle.lsoas).toHaveLength(153);
    expect(bundle.lsoas.find((l) => l.code === 'E01013479')?.validTo).toBe('2021-03-20');
    expect(bundle.lsoaSets.map((s) => [s.id, s.validFrom, s.validTo])).toEqual([
      ['ons-lsoa-2011', '2011-12-31', '2021-03-20'],
      ['ons-lsoa-2021', '2021-03-21', null],
    ]);
    // The illustrative grouping names the 2013 wards; the 2023 ones are carried over.
    expect(bundle.areas.map((a) => a.wards.length).reduce((a, b) => a + b)).toBe(17);
    expect(bundle.wardSets.map((s) => s.grouped)).toEqual([true, false]);
    // Every IoD 2025 row now has its LSOA; the successors' populations are estimates, said so.
    expect(bundle.notes).toEqual([
      expect.stringMatching(/E01034256 .*estimated from E01013479/),
      expect.stringMatching(/E01034257 .*estimated from E01013479/),
    ]);
  });
});

describe('writing geodata', () => {
  it('refuses a grouping whose area is not contiguous and leaves the database exactly as it was', async () => {
    const before = await fingerprint();
    const manifest = variant((d) =>
      editJson(d, 'derby-areas-illustrative.json', (doc) => {
        // Spondon (east edge) swapped into North for Oakwood: North splits in two.
        doc.areas[0].wards = doc.areas[0].wards
          .filter((w: { code: string }) => w.code !== 'E05001781')
          .concat({ code: 'E05001783' });
        doc.areas[1].wards = doc.areas[1].wards
          .filter((w: { code: string }) => w.code !== 'E05001783')
          .concat({ code: 'E05001781' });
      }),
    );
    const attempt = loadGeodata(dataSource, { manifestPath: manifest });
    await expect(attempt).rejects.toThrow(GeodataError);
    await expect(attempt).rejects.toThrow(/areas must be contiguous.*NORTH falls into 2 pieces/);
    expect(await fingerprint()).toBe(before);
  });

  it('repairs a self-intersecting outline with ST_MakeValid and says which', async () => {
    const manifest = variant((d) =>
      editJson(d, WARDS, (doc) => {
        // A bow-tie: swap two consecutive vertices of Abbey's ring.
        const ring = doc.features[0].geometry.coordinates[0];
        [ring[10], ring[11]] = [ring[11], ring[10]];
      }),
    );
    const outcome = await inRolledBackTransaction(dataSource, async (tx) => {
      const report = await writeGeodata(tx, readGeodata(manifest));
      const [valid] = await tx.query<{ all: boolean }>('SELECT bool_and(ST_IsValid(geom)) AS all FROM ward');
      return { report, valid: valid.all };
    });
    expect(outcome.report.repaired).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ward E05001767: .*Self-intersection.*\(repaired with ST_MakeValid\)$/),
      ]),
    );
    expect(outcome.valid).toBe(true);
  });

  it('re-assigns incidents to their new area in the same transaction when the grouping changes', async () => {
    const manifest = variant((d) =>
      editJson(d, 'derby-areas-illustrative.json', (doc) => {
        // Oakwood moves from North to East; both stay contiguous.
        doc.areas[0].wards = doc.areas[0].wards.filter((w: { code: string }) => w.code !== 'E05001781');
        doc.areas[1].wards.push({ code: 'E05001781' });
      }),
    );
    // December 2018 sits on the 2013 wards, where Oakwood (E05001781) is: its incidents' area of
    // their month follows the ward.
    const outcome = await inRolledBackTransaction(dataSource, async (tx) => {
      const [{ n: inOakwood }] = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM incident WHERE month_ward_code = 'E05001781' AND month = '2018-12-01'`,
      );
      const report = await writeGeodata(tx, readGeodata(manifest));
      const [{ n: movedToEast }] = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM incident
         WHERE month_ward_code = 'E05001781' AND month_area_code = 'EAST' AND month = '2018-12-01'`,
      );
      return { inOakwood, movedToEast, report };
    });
    expect(outcome.inOakwood).toBeGreaterThan(0);
    expect(outcome.movedToEast).toBe(outcome.inOakwood);
    // Other suites may add incidents in other years meanwhile; December 2018 is the real month.
    expect(outcome.report.incidentsReassigned).toBeGreaterThanOrEqual(outcome.inOakwood);
  });

  it('reloads the shipped files without changing what the database holds', async () => {
    const before = await fingerprint();
    const report = await loadGeodata(dataSource, { manifestPath: DEFAULT_MANIFEST });
    const lsoaCodes = new Set(lsoaSetFiles().flatMap((s) => [...s.lsoas.keys()]));
    // Both ward sets, every LSOA of both LSOA sets once; the current wards already have areas.
    expect(report).toMatchObject({
      areas: 4,
      wards: earlier.wards.size + current.wards.size,
      lsoas: lsoaCodes.size,
      areasCarriedOver: 0,
      incidentsReassigned: 0,
    });
    // The shipped LSOA file has one self-intersecting outline; the loader repairs it every time.
    expect(report.repaired).toEqual([expect.stringMatching(/^lsoa E01013488: Ring Self-intersection/)]);
    expect(await fingerprint()).toBe(before);
  });
});
