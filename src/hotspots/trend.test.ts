import { classify, mannKendall } from './trend';

describe('Mann-Kendall', () => {
  it('equals a hand computation on a short series with a tie', () => {
    // x = 1, 3, 2, 3: pairs (1,3)+ (1,2)+ (1,3)+ (3,2)- (3,3)0 (2,3)+ -> S = 3
    // Var = [4·3·13 − 2·1·9] / 18 = (156 − 18) / 18 = 7.666…; z = (3 − 1)/√7.666…
    const r = mannKendall([1, 3, 2, 3]);
    expect(r.s).toBe(3);
    expect(r.variance).toBeCloseTo(138 / 18, 12);
    expect(r.z).toBeCloseTo(2 / Math.sqrt(138 / 18), 12);
  });

  it('gives no trend for a flat series', () => {
    expect(mannKendall([5, 5, 5, 5, 5])).toMatchObject({ s: 0, z: 0, pValue: 1 });
  });
});

describe('trend classes', () => {
  const months = (pattern: string) => [...pattern].map((c) => c === '1');
  it('calls a steady climb intensifying and a steady fall diminishing', () => {
    expect(classify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], months('000011111111')).trend).toBe('INTENSIFYING');
    expect(classify([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1], months('111111110000')).trend).toBe('DIMINISHING');
  });

  it('calls a spot significant only lately new, most months persistent, otherwise sporadic', () => {
    expect(classify([3, 5, 2, 4, 3, 5, 4, 2, 3, 5, 4, 3], months('000000000011')).trend).toBe('NEW');
    expect(classify([3, 5, 2, 4, 3, 5, 4, 2, 3, 5, 4, 3], months('111111111011')).trend).toBe('PERSISTENT');
    expect(classify([3, 5, 2, 4, 3, 5, 4, 2, 3, 5, 4, 3], months('100100100100')).trend).toBe('SPORADIC');
  });
});
