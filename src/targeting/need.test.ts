import { InvalidNeedInputError, InvalidPeriodError, UnknownEditionError } from '../errors';

import { NeedPresetName } from './components';
import {
  indexInterval,
  nationalDecile,
  needIndex,
  rankByNeed,
  separations,
  slope,
  Standardisation,
  standardise,
  standardScale,
  Tier,
  TierMethod,
  tierOf,
} from './need';
import { checkNeedRequest, checkPriorityRequest } from './need-input';

const close = (actual: (number | null)[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(Math.abs((a as number) - expected[i])).toBeLessThan(1e-9));
};

// Three units, A, B and C, with an IMD score (higher is more need) weighted 2 and an average
// rank (lower is more need) weighted 1, worked by hand below.
const score = [10, 20, 30];
const rank = [300, 100, 200];
function indices(method: Standardisation): (number | null)[] {
  const s = standardise(score, 1, method);
  const r = standardise(rank, -1, method);
  return [0, 1, 2].map((i) =>
    needIndex([
      { standardised: s[i], weight: 2 },
      { standardised: r[i], weight: 1 },
    ]),
  );
}

describe('the need index on three hand-made units', () => {
  it('Z_SCORE: scores 10, 20, 30 have mean 20 and sd √(200/3), so z = ∓√1.5 and 0; the index is (2·z + z_rank) / 3', () => {
    const z = Math.sqrt(1.5);
    close(standardise(score, 1, Standardisation.Z_SCORE), [-z, 0, z]);
    // Ranks 300, 100, 200 negated: -300, -100, -200, mean -200: A least need, B most.
    close(standardise(rank, -1, Standardisation.Z_SCORE), [-z, z, 0]);
    close(indices(Standardisation.Z_SCORE), [(-2 * z - z) / 3, z / 3, (2 * z) / 3]);
  });

  it('MIN_MAX: 0, 0.5, 1 and 0, 1, 0.5 give 0, 2/3 and 5/6', () => {
    close(indices(Standardisation.MIN_MAX), [0, 2 / 3, 5 / 6]);
  });

  it('RANK: 1, 2, 3 and 1, 3, 2 give 1, 7/3 and 8/3', () => {
    close(indices(Standardisation.RANK), [1, 7 / 3, 8 / 3]);
  });

  it('leaves a unit without a value out of its own index, dividing by the weights it has', () => {
    expect(standardise([1, null, 3], 1, Standardisation.MIN_MAX)).toEqual([0, null, 1]);
    expect(
      needIndex([
        { standardised: null, weight: 5 },
        { standardised: 0.25, weight: 1 },
      ]),
    ).toBe(0.25);
    expect(needIndex([{ standardised: null, weight: 1 }])).toBeNull();
  });

  it('gives 0 to every unit of a component that does not separate them', () => {
    expect(standardise([4, 4, 4], 1, Standardisation.Z_SCORE)).toEqual([0, 0, 0]);
    expect(standardise([4, 4, 4], -1, Standardisation.MIN_MAX)).toEqual([0, 0, 0]);
  });
});

describe('ties', () => {
  it('share the average of their ranks under RANK', () => {
    expect(standardise([5, 5, 1], 1, Standardisation.RANK)).toEqual([2.5, 2.5, 1]);
  });

  it('go to the more deprived IMD, then to the lower code; units without an index last', () => {
    const order = rankByNeed([
      { code: 'E4', index: null, imdNeed: 99 },
      { code: 'E3', index: 0.5, imdNeed: 20 },
      { code: 'E2', index: 0.5, imdNeed: 30 },
      { code: 'E1', index: 0.5, imdNeed: 20 },
      // Equal to 0.5 but for the last bits of a sum taken in another order.
      { code: 'E0', index: 0.1 + 0.2 + 0.2, imdNeed: 10 },
      { code: 'E5', index: 0.9, imdNeed: null },
    ]).map((u) => u.code);
    expect(order).toEqual(['E5', 'E2', 'E1', 'E3', 'E0', 'E4']);
  });
});

describe('tiers', () => {
  it('BY_COUNT: the red-th unit is RED, the next AMBER, the (red + amber)-th AMBER, the next GREEN', () => {
    const cuts = { method: TierMethod.BY_COUNT, red: 2, amber: 10 };
    expect([1, 2, 3, 12, 13].map((p) => tierOf(p, 17, null, cuts))).toEqual([
      Tier.RED,
      Tier.RED,
      Tier.AMBER,
      Tier.AMBER,
      Tier.GREEN,
    ]);
  });

  it('BY_SHARE: a cut landing exactly on a unit holds it, though 0.57 × 100 is 56.99999999999999 in floating point', () => {
    const cuts = { method: TierMethod.BY_SHARE, red: 0.57, amber: 0.1 };
    expect(0.57 * 100).toBeLessThan(57);
    expect([57, 58, 67, 68].map((p) => tierOf(p, 100, null, cuts))).toEqual([
      Tier.RED,
      Tier.AMBER,
      Tier.AMBER,
      Tier.GREEN,
    ]);
    expect(tierOf(3, 12, null, { method: TierMethod.BY_SHARE, red: 0.25, amber: 0 })).toBe(Tier.RED);
    expect(tierOf(4, 12, null, { method: TierMethod.BY_SHARE, red: 0.25, amber: 0 })).toBe(Tier.GREEN);
  });

  it('BY_NATIONAL_DECILE: decile red is RED, amber AMBER, one more GREEN; no decile is GREEN', () => {
    const cuts = { method: TierMethod.BY_NATIONAL_DECILE, red: 1, amber: 3 };
    expect([1, 2, 3, 4, null].map((d) => tierOf(1, 17, d, cuts))).toEqual([
      Tier.RED,
      Tier.AMBER,
      Tier.AMBER,
      Tier.GREEN,
      Tier.GREEN,
    ]);
  });

  it('national deciles cut England ranks into tenths, the edge rank in the lower decile', () => {
    // 32,844 LSOAs: the first tenth ends at rank 3,284.4.
    expect(nationalDecile(3284, 32_844)).toBe(1);
    expect(nationalDecile(3285, 32_844)).toBe(2);
    expect(nationalDecile(32_844, 32_844)).toBe(10);
    expect(nationalDecile(null, 32_844)).toBeNull();
  });
});

describe('trend', () => {
  it('is the least-squares slope per month, null with one month', () => {
    expect(slope([1, 3, 5])).toBe(2);
    expect(Math.abs((slope([2, 1, 4, 3]) as number) - 0.6)).toBeLessThan(1e-12);
    expect(slope([7])).toBeNull();
  });
});

describe('bad input', () => {
  const base = { edition: 2019, preset: NeedPresetName.IMD_ONLY };
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return err as Error;
    }
    throw new Error('expected a refusal');
  };

  it.each([
    [
      'a negative weight',
      { weights: [{ component: 'IMD', weight: -1 }] },
      'weights[0].weight must be a number of at least 0, got -1',
    ],
    [
      'all-zero weights',
      {
        weights: [
          { component: 'IMD', weight: 0 },
          { component: 'HEALTH', weight: 0 },
        ],
      },
      'weights must be above 0 for at least one component, got all zero',
    ],
    [
      'an unknown component',
      { weights: [{ component: 'NOISE', weight: 1 }] },
      'weights[0].component must be one of IMD',
    ],
    [
      'a component named twice',
      {
        weights: [
          { component: 'IMD', weight: 1 },
          { component: 'IMD', weight: 2 },
        ],
      },
      'weights[1].component must be a component not named before, got "IMD" again',
    ],
    ['no weights at all', { weights: [] }, 'weights must be a list naming at least one component, got an empty list'],
    [
      'an incident component without a period',
      { weights: [{ component: 'CRIME_RATE', weight: 1 }] },
      'from and to must be months (YYYY-MM) when a weight names CRIME_RATE',
    ],
  ])('refuses %s, naming the field and the limit', (_name, change, message) => {
    const err = refusal(() => checkNeedRequest({ ...base, ...change }));
    expect(err).toBeInstanceOf(InvalidNeedInputError);
    expect(err.message).toContain(message);
  });

  it('refuses a domain on an edition that published none, naming the preset when it was the preset', () => {
    const err = refusal(() => checkNeedRequest({ edition: 2015, preset: NeedPresetName.COUNCIL_2007 }));
    expect(err).toBeInstanceOf(InvalidNeedInputError);
    expect(err.message).toBe(
      'preset COUNCIL_2007: weights[1].component must be IMD with edition 2015, which published no domain figures (use edition 2019 or 2025 for domains), got "HOUSING_SERVICES"',
    );
  });

  it('refuses an edition not held and an inverted period', () => {
    expect(refusal(() => checkNeedRequest({ ...base, edition: 2010 }))).toBeInstanceOf(UnknownEditionError);
    const err = refusal(() => checkNeedRequest({ ...base, from: '2019-02', to: '2019-01' }));
    expect(err).toBeInstanceOf(InvalidPeriodError);
    expect(err.message).toBe('the period is inverted: to (2019-01) is before from (2019-02)');
  });

  it.each([
    [
      20,
      { method: TierMethod.BY_COUNT, red: 2, amber: 10 },
      'n must be a whole number from 0 to 17 (the wards), got 20',
    ],
    [
      2,
      { method: TierMethod.BY_SHARE, red: 1.5, amber: 0 },
      'tiers.red must be a share of the units from 0 to 1, got 1.5',
    ],
    [
      2,
      { method: TierMethod.BY_SHARE, red: 0.5, amber: -0.1 },
      'tiers.amber must be a share of the units from 0 to 1, got -0.1',
    ],
    [2, { method: TierMethod.BY_SHARE, red: 0.5, amber: 0.75 }, 'tiers.amber must be at most 1 − red = 0.5'],
    [2, { method: TierMethod.BY_COUNT, red: 2, amber: 16 }, 'tiers.amber must be a whole number from 0 to 15'],
    [
      2,
      { method: TierMethod.BY_NATIONAL_DECILE, red: 3, amber: 2 },
      'tiers.amber must be a national IMD decile from red (3) to 10, got 2',
    ],
  ])('refuses n = %s or tiers %j past their limits', (n, tiers, message) => {
    const err = refusal(() => checkPriorityRequest(n, tiers, 17, 'wards'));
    expect(err).toBeInstanceOf(InvalidNeedInputError);
    expect(err.message).toContain(message);
  });

  it('takes n equal to the number of units and cuts that fill every tier', () => {
    expect(() =>
      checkPriorityRequest(17, { method: TierMethod.BY_SHARE, red: 0.3, amber: 0.7 }, 17, 'wards'),
    ).not.toThrow();
  });
});

describe('intervals of the index and whether the ranking order is meaningful', () => {
  // Four hand-made units, crime rate per 1,000 the only component (Z_SCORE):
  //   A: 0 crimes, 200 residents (rate 0)     B: 1 crime, 100 residents (rate 10)
  //   C: 1,000 crimes, 10,000 residents (100) D: 2,000 crimes, 10,000 residents (200)
  // Rates 0, 10, 100, 200: mean 77.5, population sd √((77.5² + 67.5² + 22.5² + 122.5²) / 4).
  const rates = [0, 10, 100, 200];
  const mean = 77.5;
  const sd = Math.sqrt((77.5 ** 2 + 67.5 ** 2 + 22.5 ** 2 + 122.5 ** 2) / 4);
  // Garwood 95 % limits (mpmath): k = 0: 0 to ln 40; k = 1: 0.0253178079842899 to
  // 5.57164339093890; k = 1,000: 938.973018407695 to 1063.95213601630; k = 2,000: 1913.29870962563
  // to 2089.61743944583 (mpmath at 30 digits for the last two, by the fixture script's method).
  const rateIntervals = [
    { low: 0, high: (Math.log(40) / 200) * 1000 },
    { low: (0.0253178079842899 / 100) * 1000, high: (5.5716433909389 / 100) * 1000 },
    { low: (938.973018407695 / 10000) * 1000, high: (1063.9521360163 / 10000) * 1000 },
    { low: (1913.29870962563 / 10000) * 1000, high: (2089.61743944583 / 10000) * 1000 },
  ];
  const scale = standardScale(rates, 1, Standardisation.Z_SCORE);
  const z = (x: number) => (x - mean) / sd;
  const intervals = rates.map((r, i) =>
    indexInterval(z(r), [{ standardised: z(r), weight: 1 }], [rateIntervals[i]], [scale], i),
  );

  it('places a unit with no crimes and 200 residents at 0 to ln 40 / 200 per 1,000, on the fixed scale', () => {
    const a = intervals[0] as { low: number; high: number };
    expect(Math.abs(a.low - -mean / sd)).toBeLessThan(1e-12);
    expect(Math.abs(a.high - (Math.log(40) * 5 - mean) / sd)).toBeLessThan(1e-12);
  });

  it('holds the other components at their values and divides by every weight', () => {
    // Rate weight 1, an IMD component weight 3 at standardised 0.5: (1 · z(end) + 3 · 0.5) / 4.
    const b = indexInterval(
      (z(10) + 1.5) / 4,
      [
        { standardised: z(10), weight: 1 },
        { standardised: 0.5, weight: 3 },
      ],
      [rateIntervals[1], null],
      [scale, () => Number.NaN],
      1,
    ) as { low: number; high: number };
    expect(Math.abs(b.low - (z(0.253178079842899) + 1.5) / 4)).toBeLessThan(1e-12);
    expect(Math.abs(b.high - (z(55.716433909389) + 1.5) / 4)).toBeLessThan(1e-12);
  });

  it('flags the overlapping pair A, B and not the far-apart pairs, ranked D, C, B, A', () => {
    const ranked = [3, 2, 1, 0].map((i) => intervals[i]);
    expect(separations(ranked)).toEqual([
      { fromAbove: null, fromBelow: true }, // D: 191.3 to 209.0 clear of C's 93.9 to 106.4
      { fromAbove: true, fromBelow: true }, // C: clear of B's 0.25 to 55.7
      { fromAbove: true, fromBelow: false }, // B: 0.25 to 55.7 overlaps A's 0 to 18.4
      { fromAbove: false, fromBelow: null },
    ]);
  });

  it('has no interval without an index or without a weighted rate component, and no flag beside it', () => {
    expect(indexInterval(null, [{ standardised: null, weight: 1 }], [null], [scale], 0)).toBeNull();
    expect(indexInterval(0.5, [{ standardised: 0.5, weight: 1 }], [null], [scale], 0)).toBeNull();
    expect(
      indexInterval(
        0,
        [
          { standardised: 0, weight: 0 },
          { standardised: 0, weight: 1 },
        ],
        [rateIntervals[0], null],
        [scale, scale],
        0,
      ),
    ).toBeNull();
    expect(separations([{ low: 1, high: 2 }, null, { low: 0, high: 0.5 }])).toEqual([
      { fromAbove: null, fromBelow: null },
      { fromAbove: null, fromBelow: null },
      { fromAbove: null, fromBelow: null },
    ]);
  });

  it('counts intervals that only touch as overlapping', () => {
    expect(
      separations([
        { low: 1, high: 2 },
        { low: 0, high: 1 },
      ])[0].fromBelow,
    ).toBe(false);
  });

  it('places an interval end on the scale the point values fixed, for each method', () => {
    const values = [1, 2, 3];
    expect(standardScale(values, 1, Standardisation.Z_SCORE)(4, 0)).toBeCloseTo(2 / Math.sqrt(2 / 3), 12);
    expect(standardScale(values, 1, Standardisation.MIN_MAX)(4, 0)).toBe(1.5);
    // Unit 0 at 2.5 among the others' 2 and 3: rank 2; at 2, tied with one other: ranks 1 and 2 averaged.
    expect(standardScale(values, 1, Standardisation.RANK)(2.5, 0)).toBe(2);
    expect(standardScale(values, 1, Standardisation.RANK)(2, 0)).toBe(1.5);
    expect(standardScale(values, -1, Standardisation.RANK)(0, 0)).toBe(3);
  });
});
