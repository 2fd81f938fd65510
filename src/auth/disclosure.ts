import { registerEnumType } from 'type-graphql';

import { type Caller, seesSmallCounts } from './caller';

/** Counts below this (and above zero) are withheld from public callers. */
export const SMALL_COUNT = 5;

/** How exactly a response's counts are given. */
export enum Disclosure {
  EXACT = 'EXACT',
  SMALL_COUNTS_SUPPRESSED = 'SMALL_COUNTS_SUPPRESSED',
}
registerEnumType(Disclosure, {
  name: 'Disclosure',
  description:
    'EXACT: every count as counted. SMALL_COUNTS_SUPPRESSED (callers without credentials): counts from 1 to 4 are null, and figures derived from them (rates, changes, shares) are null too; where one part of a published total is withheld, the next smallest part is withheld as well, so it cannot be found by subtraction.',
});

/** Rules for one caller: whether small counts are withheld, and the helpers that withhold them. */
export class Disclosing {
  readonly disclosure: Disclosure;

  constructor(caller: Caller) {
    this.disclosure = seesSmallCounts(caller) ? Disclosure.EXACT : Disclosure.SMALL_COUNTS_SUPPRESSED;
  }

  get exact(): boolean {
    return this.disclosure === Disclosure.EXACT;
  }

  /**
   * A count as this caller may see it.
   * @example new Disclosing(publicCaller).count(3) //= null
   */
  count(n: number): number | null {
    return this.exact || n === 0 || n >= SMALL_COUNT ? n : null;
  }

  /**
   * The parts of a total as this caller may see them: small parts withheld and, when the total
   * itself is shown and exactly one part was withheld, the smallest other non-zero part too
   * (complementary suppression), so no withheld part equals the total minus the rest.
   * @param parts the parts, in the order they are returned
   * @param totalShown whether the caller sees the total these parts add up to
   */
  parts<T>(parts: readonly T[], countOf: (part: T) => number, totalShown: boolean): (number | null)[] {
    const counts = parts.map((p) => this.count(countOf(p)));
    const withheld = counts.filter((c, i) => c === null && countOf(parts[i]) > 0).length;
    if (!this.exact && totalShown && withheld === 1) {
      let smallest = -1;
      counts.forEach((c, i) => {
        if (c !== null && c > 0 && (smallest < 0 || c < (counts[smallest] as number))) {
          smallest = i;
        }
      });
      if (smallest >= 0) {
        counts[smallest] = null;
      }
    }
    return counts;
  }
}
