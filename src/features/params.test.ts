import { InvalidCoordinatesError, InvalidDateError, LimitExceededError } from '../errors';

import { monthStart, parseBbox, parseDatetime, parseLimit, parseOffset } from './params';

const at = (iso: string) => Date.parse(iso);

describe('datetime', () => {
  it('reads an instant as the interval from itself to itself, whatever its offset', () => {
    expect(parseDatetime('2018-12-15T12:00:00Z')).toEqual({
      start: at('2018-12-15T12:00:00Z'),
      end: at('2018-12-15T12:00:00Z'),
    });
    expect(parseDatetime('2018-12-15T13:30:00+01:30')).toEqual(parseDatetime('2018-12-15T12:00:00Z'));
    expect(parseDatetime('2018-12-15t12:00:00.25z')?.start).toBe(at('2018-12-15T12:00:00.250Z'));
  });

  it('reads a date as the whole day in UTC', () => {
    expect(parseDatetime('2018-12-10')).toEqual({
      start: at('2018-12-10T00:00:00Z'),
      end: at('2018-12-10T23:59:59.999Z'),
    });
  });

  it('takes ".." or nothing for an open end, and refuses an interval open at both', () => {
    expect(parseDatetime('../2018-12-01T00:00:00Z')).toEqual({ start: null, end: at('2018-12-01T00:00:00Z') });
    expect(parseDatetime('2018-12-01T00:00:00Z/')).toEqual({ start: at('2018-12-01T00:00:00Z'), end: null });
    expect(() => parseDatetime('/')).toThrow(InvalidDateError);
    expect(() => parseDatetime('../..')).toThrow(/at least one end/);
  });

  it('counts a leap second as the last millisecond of its minute', () => {
    expect(parseDatetime('2016-12-31T23:59:60Z')?.start).toBe(at('2016-12-31T23:59:59.999Z'));
  });

  it('refuses days that are not days, times that are not times, and intervals that end before they start', () => {
    for (const bad of [
      '2018-02-29T00:00:00Z',
      '2018-13-01',
      '2018-12-01T24:00:00Z',
      '2018-12-01T12:00:00',
      '2018-12-01T12:00:00+25:00',
      '0000-01-01',
      '2018-12',
      '2018-12-01T00:00:00Z/2018-12-02T00:00:00Z/2018-12-03T00:00:00Z',
    ]) {
      expect(() => parseDatetime(bad)).toThrow(InvalidDateError);
    }
    expect(() => parseDatetime('2019-01-01/2018-01-01')).toThrow(/ends before it starts/);
  });

  it('puts an instant in its UTC month', () => {
    expect(monthStart(at('2018-12-31T23:30:00-01:00'))).toBe('2019-01-01');
    expect(monthStart(at('2018-12-01T00:00:00Z'))).toBe('2018-12-01');
  });
});

describe('bbox, limit and offset', () => {
  it('reads four numbers, or six with heights it drops', () => {
    expect(parseBbox('-1.5,52.9,-1.4,53')).toEqual([-1.5, 52.9, -1.4, 53]);
    expect(parseBbox('-1.5,52.9,-10,-1.4,53,100')).toEqual([-1.5, 52.9, -1.4, 53]);
    expect(parseBbox(undefined)).toBeNull();
  });

  it('refuses wrong counts, non-numbers, out-of-range and inverted boxes, hinting at swapped axes', () => {
    for (const bad of ['1,2,3', '1,2,3,4,5', '1,,3,4', 'NaN,1,2,3', 'Infinity,1,2,3', '-181,0,0,1', '0,0,1,0.5e3']) {
      expect(() => parseBbox(bad)).toThrow(InvalidCoordinatesError);
    }
    expect(() => parseBbox('52.9,-1.5,53,95')).toThrow(
      /north must be from -90 to 90 \(CRS84 latitude\), got 95; longitude comes first/,
    );
    expect(() => parseBbox('-1.4,52.9,-1.5,53')).toThrow(/west <= east/);
  });

  it('takes a limit from 1 to 1000 (100 when absent) and an offset from 0', () => {
    expect(parseLimit(undefined)).toBe(100);
    expect(parseLimit('1000')).toBe(1000);
    for (const bad of ['0', '1001', '-1', '1.5', '1e3', ' 5', '']) {
      expect(() => parseLimit(bad)).toThrow(LimitExceededError);
    }
    expect(parseOffset(undefined)).toBe(0);
    expect(parseOffset('40')).toBe(40);
    expect(() => parseOffset('-1')).toThrow(/offset must be a whole number/);
  });
});
