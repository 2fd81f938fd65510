import type { Db } from '../db/db';
import { splice, sqlFile } from '../db/sql';
import type { DeprivationDomainName, EditionInfo } from '../geography/deprivation';
import type { Unit } from '../geography/units';
import type { Placement } from '../incidents/incidents.service';
import { firstDay, type Period } from '../incidents/period';

/** One unit a need index ranks. `key` joins the other statements (a neighbourhood's id); `code` is shown. */
export interface NeedUnitRow {
  key: string;
  code: string;
  name: string;
  /** Mid-2020 residents, the denominator of rates. */
  population: number;
}

export interface NeedDeprivationRow {
  key: string;
  domain: DeprivationDomainName;
  averageScore: number | null;
  averageRank: number;
  lsoaCount: number;
}

export interface NeedCountRow {
  key: string;
  month: string;
  kind: 'crime' | 'asb';
  n: number;
}

export interface NeedOpenRow {
  key: string;
  open: number;
  medianAgeDays: number;
}

const sql = (name: string) => sqlFile(__dirname, name);

/** The incident columns that place an incident in a unit (incident_month_count.unit_column). */
type UnitColumn =
  'ward_code' | 'area_code' | 'month_ward_code' | 'month_area_code' | 'lsoa_code' | 'police_neighbourhood_id';

const WARD_LSOAS = 'FROM lsoa_ward_lookup k JOIN ward w ON w.code = k.ward_code WHERE w.boundary_set_id = $1::text';
const SET_LSOAS = 'FROM boundary_set ws CROSS JOIN LATERAL lsoas_of_set(ws.lsoa_set_id) l';
const CURRENT_NEIGHBOURHOODS =
  'police_neighbourhood n JOIN police_neighbourhood_layer pl ON pl.id = n.layer_id AND pl.is_current';

/**
 * Each level's SQL, the only unit SQL spliced in: its rows (UNITS: key, code, name, mid-2020
 * residents), its LSOAs (MEMBERS: key, lsoa_code) and the incident column that counts it under
 * each placement (an earlier ward set counts incidents by the ward of their month), which is
 * also incident_month_count's unit_column.
 */
const NEED_UNIT: Record<Unit, { UNITS: string; MEMBERS: string; UNIT: Record<Placement, UnitColumn> }> = {
  ward: {
    UNITS: `SELECT w.code AS key, w.code, w.name,
              COALESCE((SELECT SUM(l.population_mid2020 * s.share) FROM lsoa_ward_share s JOIN lsoa l ON l.code = s.lsoa_code
                        WHERE s.ward_code = w.code), 0)::float8 AS population
            FROM ward w WHERE w.boundary_set_id = $1::text`,
    MEMBERS: `SELECT k.ward_code AS key, k.lsoa_code ${WARD_LSOAS}`,
    UNIT: { current: 'ward_code', month: 'month_ward_code' },
  },
  area: {
    UNITS: `SELECT a.code AS key, a.code, a.name, COALESCE(SUM(l.population_mid2020 * s.share), 0)::float8 AS population
            FROM area a JOIN ward w ON w.area_code = a.code AND w.boundary_set_id = $1::text
            LEFT JOIN lsoa_ward_share s ON s.ward_code = w.code LEFT JOIN lsoa l ON l.code = s.lsoa_code
            GROUP BY a.code, a.name`,
    MEMBERS: `SELECT w.area_code AS key, k.lsoa_code ${WARD_LSOAS}`,
    UNIT: { current: 'area_code', month: 'month_area_code' },
  },
  lsoa: {
    UNITS: `SELECT l.code AS key, l.code, l.name, l.population_mid2020::float8 AS population ${SET_LSOAS} WHERE ws.id = $1::text`,
    MEMBERS: `SELECT l.code AS key, l.code AS lsoa_code ${SET_LSOAS} WHERE ws.id = $1::text`,
    UNIT: { current: 'lsoa_code', month: 'lsoa_code' },
  },
  // Residents by land share, as PoliceNeighbourhood.stats counts them; IMD by best fit: an LSOA
  // belongs to the neighbourhood holding its point on surface.
  policeNeighbourhood: {
    UNITS: `SELECT n.id::text AS key, n.code, n.name,
              COALESCE((SELECT SUM(l.population_mid2020 * ST_Area(ST_Intersection(ST_Transform(l.geom, 27700), ST_Transform(n.geom, 27700)))
                                   / NULLIF(ST_Area(ST_Transform(l.geom, 27700)), 0))
                        ${SET_LSOAS} WHERE ws.id = $1::text AND ST_Intersects(l.geom, n.geom)), 0)::float8 AS population
            FROM ${CURRENT_NEIGHBOURHOODS}`,
    MEMBERS: `SELECT n.id::text AS key, l.code AS lsoa_code ${SET_LSOAS}
              JOIN police_neighbourhood n ON ST_Contains(n.geom, ST_PointOnSurface(l.geom))
              JOIN police_neighbourhood_layer pl ON pl.id = n.layer_id AND pl.is_current
              WHERE ws.id = $1::text`,
    UNIT: { current: 'police_neighbourhood_id', month: 'police_neighbourhood_id' },
  },
};

/**
 * Reads what a need index is built from. The only place targeting SQL runs: each method is one
 * named, parameterised statement over every unit of a level at once.
 */
export class NeedService {
  constructor(private readonly db: Db) {}

  /** @param setId the ward set (for LSOAs and neighbourhoods, the LSOA set it pairs with) */
  units(level: Unit, setId: string): Promise<NeedUnitRow[]> {
    return this.db.query<NeedUnitRow>(splice(sql('need-units'), { UNITS: NEED_UNIT[level].UNITS }), [setId]);
  }

  deprivation(level: Unit, setId: string, edition: EditionInfo): Promise<NeedDeprivationRow[]> {
    return this.db.query<NeedDeprivationRow>(splice(sql('need-deprivation'), { MEMBERS: NEED_UNIT[level].MEMBERS }), [
      setId,
      edition.edition,
      edition.populationBasis,
    ]);
  }

  /** Crime and ASB per unit, month and kind over the months counted. */
  counts(level: Unit, placement: Placement, months: Period): Promise<NeedCountRow[]> {
    return this.db.query<NeedCountRow>(sql('need-incidents'), [
      firstDay(months.from),
      firstDay(months.to),
      NEED_UNIT[level].UNIT[placement],
    ]);
  }

  /** Open street-scene problems per unit now, with their median age in days. */
  openProblems(level: Unit, placement: Placement): Promise<NeedOpenRow[]> {
    return this.db.query<NeedOpenRow>(
      splice(sql('need-open-problems'), { UNIT: `i.${NEED_UNIT[level].UNIT[placement]}` }),
    );
  }
}
