import { MAX_POISSON_COUNT, poissonInterval, regularisedGamma } from './poisson';
import reference from './test/poisson-reference.json';

/** Relative for values above 1, absolute below: the brief's 1e-9 either way. */
const within = (got: number, want: number) => Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));

describe('poissonInterval', () => {
  it('matches every mpmath value (50 digits, SciPy cross-checked) of the fixture to 1e-9', () => {
    expect(reference.rows.length).toBeGreaterThan(100);
    const misses = reference.rows.filter((r) => {
      const got = poissonInterval(r.k, r.alpha);
      return !within(got.low, r.low) || !within(got.high, r.high);
    });
    expect(misses).toEqual([]);
  });

  it('reaches a count of 1,000,000 at the extreme α', () => {
    const ks = reference.rows.map((r) => r.k);
    const alphas = reference.rows.map((r) => r.alpha);
    expect(Math.max(...ks)).toBe(1_000_000);
    expect(Math.min(...alphas)).toBe(0.001);
    expect(Math.max(...alphas)).toBe(0.5);
  });

  // Garwood's exact 95 % limits at the precision the classic printed tables give them (such as the
  // Documenta Geigy Scientific Tables' confidence limits for the Poisson mean). Typed in by hand
  // and not checked against a scan of a table, so this is a sanity check at printed precision
  // only; the independent check to 1e-9 is the mpmath fixture above.
  it.each([
    [0, '0', '3.689'],
    [1, '0.0253', '5.57'],
    [2, '0.242', '7.22'],
    [3, '0.619', '8.77'],
    [4, '1.09', '10.24'],
    [5, '1.62', '11.67'],
    [10, '4.80', '18.39'],
    [20, '12.22', '30.89'],
  ])('agrees with the printed 95 %% limits for k = %d', (k, low, high) => {
    const got = poissonInterval(k, 0.05);
    // A printed figure with d decimals stands for every value within half a unit of its last place.
    const halfUnit = (printed: string) => 0.5 * 10 ** -(printed.split('.')[1] ?? '').length;
    expect(Math.abs(got.low - Number(low))).toBeLessThanOrEqual(halfUnit(low));
    expect(Math.abs(got.high - Number(high))).toBeLessThanOrEqual(halfUnit(high));
  });

  it('gives 0 to ln(2/α) for k = 0, exactly as the exponential distribution has it', () => {
    for (const alpha of [0.001, 0.05, 0.5]) {
      const { low, high } = poissonInterval(0, alpha);
      expect(low).toBe(0);
      expect(within(high, Math.log(2 / alpha))).toBe(true);
    }
  });

  it('widens as the confidence rises and always holds the count', () => {
    for (const k of [1, 7, 400]) {
      const wide = poissonInterval(k, 0.001);
      const narrow = poissonInterval(k, 0.2);
      expect(wide.low).toBeLessThan(narrow.low);
      expect(wide.high).toBeGreaterThan(narrow.high);
      expect(narrow.low).toBeLessThan(k);
      expect(narrow.high).toBeGreaterThan(k);
    }
  });

  it('refuses a count that is not a whole number in range and an α outside (0, 1)', () => {
    expect(() => poissonInterval(-1, 0.05)).toThrow(
      'A Poisson count must be a whole number from 0 to 1000000000; got -1',
    );
    expect(() => poissonInterval(2.5, 0.05)).toThrow(RangeError);
    expect(() => poissonInterval(MAX_POISSON_COUNT + 1, 0.05)).toThrow(RangeError);
    expect(() => poissonInterval(3, 0)).toThrow('α must be strictly between 0 and 1 (0.05 for 95 % confidence); got 0');
    expect(() => poissonInterval(3, 1)).toThrow(RangeError);
    expect(() => poissonInterval(3, Number.NaN)).toThrow(RangeError);
  });
});

describe('regularisedGamma', () => {
  it('is the exponential distribution for a = 1 and sums to 1 on both sides of x = a + 1', () => {
    for (const x of [0.001, 0.5, 2, 30]) {
      expect(within(regularisedGamma(1, x).q, Math.exp(-x))).toBe(true);
    }
    for (const [a, x] of [
      [5, 5.5],
      [5, 6.5],
      [1e6, 1e6],
    ]) {
      const { p, q } = regularisedGamma(a, x);
      expect(Math.abs(p + q - 1)).toBeLessThan(1e-15);
    }
  });

  it('agrees with the Poisson–gamma identity Q(k, x) = Σ_{j<k} e^−x xʲ/j!', () => {
    // Independent of both expansions: the Poisson–gamma identity, summed term by term.
    for (const [k, x] of [
      [3, 2.5],
      [8, 12],
      [40, 35],
    ]) {
      let term = Math.exp(-x);
      let below = 0;
      for (let j = 0; j < k; j += 1) {
        below += term;
        term *= x / (j + 1);
      }
      expect(within(regularisedGamma(k, x).q, below)).toBe(true);
    }
  });
});
