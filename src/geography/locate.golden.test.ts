import fs from 'node:fs';
import path from 'node:path';

import type { Feature, FeatureCollection, Point } from 'geojson';
import type { DataSource } from 'typeorm';

import { lsoaSetFiles, unitAt, wardSetFiles } from '../../test/helpers/boundary-sets';
import { connectTestDatabase } from '../../test/helpers/database';
import { graphqlClient } from '../../test/helpers/graphql';
import type { Db } from '../db/db';

import { today } from './boundary-sets';

// Golden files in the Turf manner: every test/in/*.geojson of points is located through the
// API, styled by area (simplestyle, so it opens on a map) and compared with test/out/ of the
// same name. The input's top-level properties may give asOf (YYYY-MM-DD), the day whose wards
// and LSOAs to use; without it, today's. REGEN=1 rewrites the expected files; review the diff.
const IN = path.join(__dirname, 'test', 'in');
const OUT = path.join(__dirname, 'test', 'out');
const AREA_COLOURS: Record<string, string> = { NORTH: '#1b9e77', EAST: '#d95f02', SOUTH: '#7570b3', WEST: '#e7298a' };

let dataSource: DataSource;
let db: Db;
let client: Awaited<ReturnType<typeof graphqlClient>>;

beforeAll(async () => {
  ({ dataSource, db } = await connectTestDatabase());
  client = await graphqlClient();
});

afterAll(async () => {
  await client.stop();
  await dataSource.destroy();
});

interface Located {
  ward: { code: string; name: string } | null;
  area: { code: string; name: string } | null;
  lsoa: { code: string } | null;
}

describe('locate goldens', () => {
  const files = fs.readdirSync(IN).filter((f) => f.endsWith('.geojson'));

  it.each(files)('locates %s as the golden file says', async (file) => {
    const input: FeatureCollection<Point> & { properties?: { asOf?: string } } = JSON.parse(
      fs.readFileSync(path.join(IN, file), 'utf8'),
    );
    const asOf = input.properties?.asOf ?? null;
    const points = input.features.map((f) => ({ lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }));
    const result = await client.run<{ locateMany: Located[] }>(
      db,
      'query ($p: [PointInput!]!, $asOf: String) { locateMany(points: $p, asOf: $asOf) { ward { code name } area { code name } lsoa { code } } }',
      { p: points, asOf },
    );
    expect(result.errors).toBeUndefined();
    const located = result.data?.locateMany ?? [];
    const output: FeatureCollection<Point> = {
      type: 'FeatureCollection',
      features: input.features.map((f, i): Feature<Point> => ({
        type: 'Feature',
        properties: {
          name: f.properties?.name,
          ward: located[i].ward?.name ?? null,
          wardCode: located[i].ward?.code ?? null,
          area: located[i].area?.name ?? null,
          lsoa: located[i].lsoa?.code ?? null,
          'marker-color': located[i].area ? (AREA_COLOURS[located[i].area?.code as string] ?? '#666666') : '#000000',
        },
        geometry: f.geometry,
      })),
    };
    const expectedFile = path.join(OUT, file);
    if (process.env.REGEN) {
      fs.writeFileSync(expectedFile, `${JSON.stringify(output, null, 2)}\n`);
    }
    expect(output).toEqual(JSON.parse(fs.readFileSync(expectedFile, 'utf8')));
    // The golden itself is checked against turf on the source outlines of the wards and LSOAs
    // in force that day.
    const day = asOf ?? today();
    const wards = wardSetFiles().find((s) => s.validFrom <= day && (s.validTo === null || day <= s.validTo));
    const lsoas = lsoaSetFiles()
      .filter((s) => s.validFrom <= day)
      .pop();
    expect(wards).toBeDefined();
    output.features.forEach((f) => {
      const at = f.geometry.coordinates;
      expect({ at, ward: f.properties?.wardCode }).toEqual({ at, ward: unitAt(wards?.wards ?? new Map(), at) });
      expect({ at, lsoa: f.properties?.lsoa }).toEqual({ at, lsoa: unitAt(lsoas?.lsoas ?? new Map(), at) });
    });
  });
});
