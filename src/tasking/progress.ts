/**
 * Whether a plan priority is meeting its target: the pure rule, given the counts the database
 * made (neighbourhood-plans.service progress). Kept apart so that the rule is tested without a
 * database.
 */

/** What the counts say about a priority. Values as the GraphQL enum gives them. */
export enum ProgressStatus {
  /** The hub holds no month of the plan's year yet (or the month asked is before it). */
  TOO_EARLY = 'TOO_EARLY',
  /** No incident in the same months of the year before: no percentage change can be computed. */
  NO_BASELINE = 'NO_BASELINE',
  ON_TRACK = 'ON_TRACK',
  OFF_TRACK = 'OFF_TRACK',
}

/** Below this many incidents in the year before, a change of one or two moves the percentage a lot. */
export const FEW_INCIDENTS = 10;

export interface ProgressInput {
  /** The plan's year. */
  year: number;
  /** The last month counted (YYYY-MM), or null when the hub holds no incident at all. */
  to: string | null;
  current: number;
  baseline: number;
  /** The target change on the year before, in per cent (-20: down 20 %). */
  target: number;
}

export interface Progress {
  /** YYYY-MM: January of the plan's year. */
  from: string;
  /** YYYY-MM: the last month counted; null when too early. */
  to: string | null;
  baselineFrom: string;
  baselineTo: string | null;
  count: number;
  baselineCount: number;
  /** (count − baseline) ÷ baseline × 100, rounded to 0.1; null without a baseline or when too early. */
  changePercent: number | null;
  targetChangePercent: number;
  status: ProgressStatus;
  /** The same in words. */
  reading: string;
}

const lastYear = (month: string) => `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
const signed = (p: number) => (p < 0 ? `down ${Math.abs(p)} %` : p > 0 ? `up ${p} %` : 'no change');
const months = (from: string, to: string) => (from === to ? from : `${from} to ${to}`);

/**
 * Whether a change meets a target. A target below zero asks for a fall at least that big, one
 * above zero for a rise at least that big (more reports of a hidden problem, more enforcement), and
 * a target of zero for no rise.
 * @example meetsTarget(-25, -20) //= true
 */
export function meetsTarget(change: number, target: number): boolean {
  return target > 0 ? change >= target : change <= target;
}

/**
 * A priority's progress: the counts, the change in per cent, the status and a reading.
 * @example progressOf({ year: 2026, to: '2026-03', current: 12, baseline: 20, target: -20 }).status //= ON_TRACK
 */
export function progressOf(input: ProgressInput): Progress {
  const from = `${input.year}-01`;
  const to = input.to !== null && input.to >= from ? input.to : null;
  const base = {
    from,
    to,
    baselineFrom: lastYear(from),
    baselineTo: to === null ? null : lastYear(to),
    count: to === null ? 0 : input.current,
    baselineCount: to === null ? 0 : input.baseline,
    targetChangePercent: input.target,
  };
  const target = `target ${signed(input.target)}`;
  if (to === null) {
    return {
      ...base,
      changePercent: null,
      status: ProgressStatus.TOO_EARLY,
      reading: `Too early to judge: the hub holds no month of ${input.year} yet${input.to === null ? '' : ` (counted to ${input.to})`}; ${target}.`,
    };
  }
  const now = `${input.current} incident${input.current === 1 ? '' : 's'} in ${months(from, to)}`;
  const then = `${input.baseline} in the same months of ${input.year - 1}`;
  if (input.baseline === 0) {
    return {
      ...base,
      changePercent: null,
      status: ProgressStatus.NO_BASELINE,
      reading: `${now} against none in the same months of ${input.year - 1}: no percentage change can be computed (${target}).`,
    };
  }
  const change = Math.round(((input.current - input.baseline) / input.baseline) * 1000) / 10;
  const ok = meetsTarget(change, input.target);
  const few =
    input.baseline < FEW_INCIDENTS
      ? ` Few incidents (${input.baseline} the year before): a change of one or two moves the percentage a lot.`
      : '';
  return {
    ...base,
    changePercent: change,
    status: ok ? ProgressStatus.ON_TRACK : ProgressStatus.OFF_TRACK,
    reading: `${now} against ${then}: ${signed(change)}, ${target}: ${ok ? 'on track' : 'off track'}.${few}`,
  };
}
