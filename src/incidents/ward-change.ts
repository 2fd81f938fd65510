/** One current ward that took part of an old ward, with the weight its counts carry back. */
export interface ApportionWeight {
  wardCode: string;
  /** Share (0 to 1) of the current ward's residents who live on the old ward's land (crosswalk). */
  residentsShareOfCurrent: number;
}

export interface MonthFigure {
  month: string;
  /** Observed on the old ward, or estimated (fractional) from the current wards. */
  count: number;
  estimated: boolean;
}

/**
 * An old ward's incidents month by month across the change that ended it. In months its set was
 * in force, the count is observed: incidents placed in the old ward. After, it is estimated by
 * residents-weighted apportionment through LSOAs: each current ward B that took part of the old
 * ward A passes back the share of its count that its residents on A's land make of all its
 * residents,
 *
 *   est_A(m) = Σ_B n_B(m) · r_B,   r_B = residents(A ∩ B) / residents(B),
 *
 * with residents(A ∩ B) the crosswalk's mid-2020 residents on the land A and B share (each LSOA's
 * population shared by land among the pieces it overlaps). The estimate assumes incidents in B
 * fall where its residents live; it is exact when A's land passed whole to B (r_B = 1).
 * @param months every month of the period, in order
 * @param oldSetHolds whether the old ward's set was in force in a month
 * @param observed the old ward's own counts by month
 * @param current each current ward's counts by month
 * @param weights the current wards that took part of the old ward, with r_B
 * @example reestimate(['2023-04', '2023-05'], (m) => m < '2023-05', new Map([['2023-04', 10]]), new Map([['B', new Map([['2023-05', 8]])]]), [{ wardCode: 'B', residentsShareOfCurrent: 0.5 }])
 * //= [{ month: '2023-04', count: 10, estimated: false }, { month: '2023-05', count: 4, estimated: true }]
 */
export function reestimate(
  months: readonly string[],
  oldSetHolds: (month: string) => boolean,
  observed: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, ReadonlyMap<string, number>>,
  weights: readonly ApportionWeight[],
): MonthFigure[] {
  return months.map((month) =>
    oldSetHolds(month)
      ? { month, count: observed.get(month) ?? 0, estimated: false }
      : {
          month,
          count: weights.reduce(
            (s, w) => s + (current.get(w.wardCode)?.get(month) ?? 0) * w.residentsShareOfCurrent,
            0,
          ),
          estimated: true,
        },
  );
}
