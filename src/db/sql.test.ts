import { splice } from './sql';

describe('splice', () => {
  it('fills every occurrence of each slot, dropping a fragment’s leading comment lines', () => {
    const text = 'SELECT /*UNIT*/::text AS key FROM incident WHERE /*UNIT*/ = ANY($1::/*KEYS*/) GROUP BY /*UNIT*/';
    expect(splice(text, { UNIT: 'ward_code', KEYS: 'text[]' })).toBe(
      'SELECT ward_code::text AS key FROM incident WHERE ward_code = ANY($1::text[]) GROUP BY ward_code',
    );
    expect(splice('WHERE /*FILTER*/', { FILTER: '-- why\n-- and how\n  a = $1\n' })).toBe('WHERE a = $1');
  });

  it('throws when the statement lacks a slot, so a renamed slot cannot silently drop SQL', () => {
    expect(() => splice('SELECT 1', { UNIT: 'ward_code' })).toThrow('the statement has no /*UNIT*/ slot');
  });
});
