import { InvalidPeriodError } from '../errors';

import { monthBound, monthsOf, period, shifted } from './period';

describe('periods of months', () => {
  it('lists every month of a period across a year end', () => {
    expect(monthsOf(period('2018-11', '2019-02'))).toEqual(['2018-11', '2018-12', '2019-01', '2019-02']);
  });

  it('writes years with four digits when a period is shifted back past 1000', () => {
    expect(shifted({ from: '1900-01', to: '1900-01' }, 12 * 1000)).toEqual({ from: '0900-01', to: '0900-01' });
  });

  it('shifts a period back a year', () => {
    expect(shifted(period('2019-01', '2019-03'), 12)).toEqual({ from: '2018-01', to: '2018-03' });
    expect(shifted(period('2019-01', '2019-01'), 1)).toEqual({ from: '2018-12', to: '2018-12' });
  });

  it.each([
    [['2018-13', '2018-12'], 'from must be a month as YYYY-MM from 1900-01 to 2100-12, got "2018-13"'],
    [['2018-01', '2018'], 'to must be a month as YYYY-MM from 1900-01 to 2100-12, got "2018"'],
    [['0000-01', '2018-12'], 'from must be a month as YYYY-MM from 1900-01 to 2100-12, got "0000-01"'],
    [['0001-01', '9999-12'], 'from must be a month as YYYY-MM from 1900-01 to 2100-12, got "0001-01"'],
    [['2018-01', '9999-12'], 'to must be a month as YYYY-MM from 1900-01 to 2100-12, got "9999-12"'],
    [['2019-01', '2018-12'], 'the period is inverted: to (2018-12) is before from (2019-01)'],
  ])('refuses %j', ([from, to], message) => {
    expect(() => period(from, to)).toThrow(InvalidPeriodError);
    expect(() => period(from, to)).toThrow(message);
  });

  it('turns an optional bound into a first day, or null', () => {
    expect(monthBound('from', '2018-12')).toBe('2018-12-01');
    expect(monthBound('from', null)).toBeNull();
  });
});
