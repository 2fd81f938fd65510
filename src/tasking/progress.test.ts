import { FEW_INCIDENTS, meetsTarget, progressOf, ProgressStatus } from './progress';

describe('meetsTarget', () => {
  it('asks a falling target for a fall at least that big', () => {
    expect(meetsTarget(-20, -20)).toBe(true);
    expect(meetsTarget(-25, -20)).toBe(true);
    expect(meetsTarget(-19.9, -20)).toBe(false);
    expect(meetsTarget(10, -20)).toBe(false);
  });

  it('asks a rising target (more reports of a hidden problem) for a rise at least that big', () => {
    expect(meetsTarget(15, 10)).toBe(true);
    expect(meetsTarget(5, 10)).toBe(false);
    expect(meetsTarget(-5, 10)).toBe(false);
  });

  it('takes a target of zero as no rise', () => {
    expect(meetsTarget(0, 0)).toBe(true);
    expect(meetsTarget(-3, 0)).toBe(true);
    expect(meetsTarget(0.1, 0)).toBe(false);
  });
});

describe('progressOf', () => {
  it('gives the change on the same months a year before, to 0.1 %, and the status against the target', () => {
    const p = progressOf({ year: 2026, to: '2026-03', current: 12, baseline: 20, target: -20 });
    expect(p).toEqual({
      from: '2026-01',
      to: '2026-03',
      baselineFrom: '2025-01',
      baselineTo: '2025-03',
      count: 12,
      baselineCount: 20,
      changePercent: -40,
      targetChangePercent: -20,
      status: ProgressStatus.ON_TRACK,
      reading:
        '12 incidents in 2026-01 to 2026-03 against 20 in the same months of 2025: down 40 %, target down 20 %: on track.',
    });
    expect(progressOf({ year: 2026, to: '2026-03', current: 7, baseline: 30, target: -50 }).changePercent).toBe(-76.7);
    expect(progressOf({ year: 2026, to: '2026-03', current: 19, baseline: 20, target: -20 }).status).toBe(
      ProgressStatus.OFF_TRACK,
    );
  });

  it('reads one month as one month and one incident in the singular', () => {
    expect(progressOf({ year: 2026, to: '2026-01', current: 1, baseline: 40, target: -10 }).reading).toMatch(
      /^1 incident in 2026-01 against 40 in the same months of 2025: down 97.5 %/,
    );
  });

  it('says there is no baseline when the year before had none, whatever this year has', () => {
    const p = progressOf({ year: 2026, to: '2026-06', current: 5, baseline: 0, target: -20 });
    expect(p).toMatchObject({ status: ProgressStatus.NO_BASELINE, changePercent: null, count: 5, baselineCount: 0 });
    expect(p.reading).toMatch(/against none in the same months of 2025: no percentage change can be computed/);
  });

  it('is too early before any month of the plan year is held, or when the month asked is before it', () => {
    const none = progressOf({ year: 2026, to: null, current: 0, baseline: 0, target: -20 });
    expect(none).toMatchObject({ status: ProgressStatus.TOO_EARLY, to: null, baselineTo: null, changePercent: null });
    const before = progressOf({ year: 2026, to: '2025-12', current: 3, baseline: 9, target: -20 });
    expect(before).toMatchObject({ status: ProgressStatus.TOO_EARLY, count: 0, baselineCount: 0 });
    expect(before.reading).toMatch(/no month of 2026 yet \(counted to 2025-12\)/);
  });

  it('warns when the year before had few incidents', () => {
    expect(
      progressOf({ year: 2026, to: '2026-03', current: 2, baseline: FEW_INCIDENTS - 1, target: -20 }).reading,
    ).toMatch(/Few incidents \(9 the year before\)/);
    expect(
      progressOf({ year: 2026, to: '2026-03', current: 2, baseline: FEW_INCIDENTS, target: -20 }).reading,
    ).not.toMatch(/Few/);
  });

  it('takes a full year when the latest month is past December of the plan year', () => {
    // The database caps the last month at December; the rule reads whatever month it is given.
    expect(progressOf({ year: 2025, to: '2025-12', current: 10, baseline: 10, target: 0 })).toMatchObject({
      baselineTo: '2024-12',
      changePercent: 0,
      status: ProgressStatus.ON_TRACK,
    });
  });
});
