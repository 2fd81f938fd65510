import { headerProblem, parsePoliceRow, POLICE_HEADER, RowKeys, slugOf } from './police-row';

const raw = (overrides: Partial<Record<number, string>> = {}) => {
  const fields = [
    'ID1',
    '2018-12',
    'Derbyshire Constabulary',
    'Derbyshire Constabulary',
    '-1.47',
    '52.92',
    'On or near X',
    'E01013479',
    'Derby 013F',
    'Burglary',
    'Under investigation',
    '',
  ];
  for (const [i, v] of Object.entries(overrides)) {
    fields[Number(i)] = v as string;
  }
  return fields;
};

describe('police.uk rows', () => {
  it('accepts the published header, with or without a byte-order mark', () => {
    expect(headerProblem([...POLICE_HEADER])).toBeNull();
    expect(headerProblem([`\uFEFF${POLICE_HEADER[0]}`, ...POLICE_HEADER.slice(1)])).toBeNull();
    expect(headerProblem(['a'])).toMatch(/^not a police\.uk street-level CSV: expected the header "Crime ID,Month,/);
  });

  it('keys a repeated Crime ID ID#2, and rows without one by content and occurrence', () => {
    const keys = new RowKeys();
    expect(keys.crime('ABC')).toBe('ABC');
    expect(keys.crime('ABC')).toBe('ABC#2');
    const asb = ['2018-12', '-1.4', '52.9', 'On or near Y', 'E01', 'Anti-social behaviour', ''];
    const a = keys.derived(asb);
    const b = keys.derived(asb);
    expect(a).not.toBe(b);
    const again = new RowKeys();
    expect([again.derived(asb), again.derived(asb)]).toEqual([a, b]);
  });

  it('marks rows the generator wrote as synthetic', () => {
    const row = parsePoliceRow(raw({ 2: 'Synthetic data (neighbourhood hub generator)' }), 2, new RowKeys());
    expect('source' in row && row.source).toBe('synthetic-police.uk');
  });

  it('keeps a row without coordinates, with null lon and lat', () => {
    const row = parsePoliceRow(raw({ 4: '', 5: '' }), 2, new RowKeys());
    expect(row).toMatchObject({ lon: null, lat: null, reportedLsoaCode: 'E01013479' });
  });

  it('slugs a new crime type', () => {
    expect(slugOf('Violence & sexual offences')).toBe('violence-and-sexual-offences');
  });
});
