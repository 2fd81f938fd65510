import { exactCdf } from '../../test/helpers/exact-binomial';

import { binomialCdf, EffectVerdict, effectWindows, judgeEffect, MIN_INSIDE } from './effect';

describe('binomialCdf', () => {
  it('equals hand-computed binomial sums to 1e-9', () => {
    expect(Math.abs(binomialCdf(2, 10, 0.5) - 56 / 1024)).toBeLessThan(1e-12);
    // 0.7^5 + 5 · 0.3 · 0.7^4
    expect(Math.abs(binomialCdf(1, 5, 0.3) - 0.52822)).toBeLessThan(1e-12);
    expect(Math.abs(binomialCdf(0, 4, 0.25) - 0.31640625)).toBeLessThan(1e-12);
    // 1/2 + C(100, 50) / 2^101
    expect(Math.abs(binomialCdf(50, 100, 0.5) - 0.5397946186935894)).toBeLessThan(1e-9);
  });

  it('agrees with an exact fraction on large counts, where terms underflow one by one', () => {
    expect(Math.abs(binomialCdf(380, 900, 0.45) - exactCdf(380, 900, 11, 9))).toBeLessThan(1e-9);
    expect(Math.abs(binomialCdf(30, 2000, 0.05) - exactCdf(30, 2000, 19, 1))).toBeLessThan(1e-9);
  });

  it('is 0 below 0, 1 at n and above, and handles p of 0 and 1', () => {
    expect(binomialCdf(-1, 5, 0.5)).toBe(0);
    expect(binomialCdf(5, 5, 0.5)).toBe(1);
    expect(binomialCdf(0, 5, 0)).toBe(1);
    expect(binomialCdf(4, 5, 1)).toBe(0);
  });
});

describe('effectWindows', () => {
  it('takes whole months before the month of creation and after the month of closing', () => {
    expect(effectWindows(new Date('2036-04-10T09:00:00Z'), new Date('2036-05-20T12:00:00Z'), 3)).toEqual({
      before: { from: '2036-01', to: '2036-03' },
      after: { from: '2036-06', to: '2036-08' },
    });
  });

  it('crosses year ends both ways', () => {
    expect(effectWindows(new Date('2037-01-31T23:59:59Z'), new Date('2037-12-01T00:00:00Z'), 2)).toEqual({
      before: { from: '2036-11', to: '2036-12' },
      after: { from: '2038-01', to: '2038-02' },
    });
  });
});

describe('judgeEffect', () => {
  it('computes the difference in differences and an exact one-sided p for a fall', () => {
    const f = judgeEffect({ insideBefore: 20, insideAfter: 8, outsideBefore: 1000, outsideAfter: 1000 }, 4, true);
    expect(f.insideBeforeRate).toBe(5);
    expect(f.insideAfterRate).toBe(2);
    expect(f.outsideRatio).toBe(1);
    expect(f.insideRatio).toBeCloseTo(0.4, 12);
    expect(f.ratioOfRatios).toBeCloseTo(0.4, 12);
    expect(f.changePercent).toBeCloseTo(-60, 9);
    expect(Math.abs((f.pFall as number) - exactCdf(8, 28, 1000, 1000))).toBeLessThan(1e-9);
    expect(Math.abs((f.pRise as number) - (1 - exactCdf(7, 28, 1000, 1000)))).toBeLessThan(1e-9);
    expect(f.verdict).toBe(EffectVerdict.LIKELY_WORKED);
    expect(f.reading).toMatch(
      /^incidents fell 60 % in the area \(20 to 8\) while the rest of the city was flat \(1000 to 1000\): .*likely worked$/,
    );
  });

  it('compares against the rest of the city: a fall that only follows the city is no effect', () => {
    const f = judgeEffect({ insideBefore: 40, insideAfter: 20, outsideBefore: 1000, outsideAfter: 500 }, 3, true);
    expect(f.ratioOfRatios).toBeCloseTo(1, 12);
    expect(f.verdict).toBe(EffectVerdict.NO_CLEAR_CHANGE);
    expect(f.reading).toContain('no sign it worked');
  });

  it('calls a rise against the city worse', () => {
    const f = judgeEffect({ insideBefore: 10, insideAfter: 30, outsideBefore: 500, outsideAfter: 500 }, 3, true);
    expect(f.verdict).toBe(EffectVerdict.GOT_WORSE);
    expect(Math.abs((f.pRise as number) - (1 - exactCdf(29, 40, 500, 500)))).toBeLessThan(1e-9);
  });

  it('says too few below the minimum, still showing the counts', () => {
    const f = judgeEffect(
      { insideBefore: MIN_INSIDE - 1, insideAfter: 0, outsideBefore: 500, outsideAfter: 500 },
      3,
      true,
    );
    expect(f.verdict).toBe(EffectVerdict.TOO_FEW);
    expect(f.insideBefore).toBe(MIN_INSIDE - 1);
    expect(f.reading).toMatch(/^too few incidents to judge/);
  });

  it('gives no ratio of ratios when nothing happened inside before', () => {
    const f = judgeEffect({ insideBefore: 0, insideAfter: 12, outsideBefore: 500, outsideAfter: 500 }, 3, true);
    expect(f.insideRatio).toBeNull();
    expect(f.ratioOfRatios).toBeNull();
    expect(f.changePercent).toBeNull();
    expect(f.verdict).toBe(EffectVerdict.TOO_FEW);
  });

  it('says too early before the months after closing have passed, whatever the counts', () => {
    const f = judgeEffect({ insideBefore: 50, insideAfter: 1, outsideBefore: 500, outsideAfter: 500 }, 3, false);
    expect(f.verdict).toBe(EffectVerdict.TOO_EARLY);
    expect(f.reading).toMatch(/^too early to judge/);
  });
});
