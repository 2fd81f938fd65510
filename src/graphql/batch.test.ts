import { batchByArgument, groupByKeys, orderByKeys } from './batch';

describe('batch helpers', () => {
  it('orders rows by the keys asked for, with null where a key has no row', () => {
    const rows = [{ code: 'a' }, { code: 'c' }];
    expect(orderByKeys(['c', 'b', 'a'], rows, (r) => r.code)).toEqual([{ code: 'c' }, null, { code: 'a' }]);
  });

  it('groups rows under their keys, keeping their order and giving empty lists', () => {
    const rows = [
      { k: 'a', v: 2 },
      { k: 'b', v: 1 },
      { k: 'a', v: 1 },
    ];
    expect(groupByKeys(['a', 'z', 'b'], rows, (r) => r.k)).toEqual([
      [
        { k: 'a', v: 2 },
        { k: 'a', v: 1 },
      ],
      [],
      [{ k: 'b', v: 1 }],
    ]);
  });

  it('runs one fetch per distinct argument, with each code once, and answers in key order', async () => {
    const calls: [string[], number][] = [];
    const keys = [
      { code: 'a', m: 10 },
      { code: 'b', m: 20 },
      { code: 'c', m: 10 },
      { code: 'a', m: 20 },
      { code: 'a', m: 10 },
    ];
    const values = await batchByArgument(
      keys,
      (k) => String(k.m),
      async (codes, sample) => {
        calls.push([codes, sample.m]);
        return codes.map((code) => `${code}@${sample.m}`);
      },
    );
    expect(values).toEqual(['a@10', 'b@20', 'c@10', 'a@20', 'a@10']);
    expect(calls).toEqual([
      [['a', 'c'], 10],
      [['b', 'a'], 20],
    ]);
  });
});
