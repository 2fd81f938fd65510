/**
 * What moved between two saved plans, worked out from what each plan stored (never recomputed).
 * Units are matched by code; a unit in one plan only is ADDED or DROPPED and counts as holding
 * nothing in the other.
 */

/** The parts of a stored AllocationResult a comparison reads. */
export interface StoredAllocation {
  parameters: {
    level: string;
    boundarySet: string;
    edition: number;
    preset: string | null;
    weights: { component: string; weight: number }[];
    standardisation: string;
    from: string | null;
    to: string | null;
  };
  n: number;
  posts: number;
  dedicated: number;
  pairing: string | null;
  budget: { total: number; floor: number };
  lines: {
    rank: number;
    code: string;
    name: string;
    posts: number;
    pounds: number;
    rule: string;
    pair: { code: string } | null;
  }[];
}

export interface LineComparison {
  code: string;
  name: string;
  change: 'ADDED' | 'DROPPED' | 'CHANGED' | 'UNCHANGED';
  rankBefore: number | null;
  rankAfter: number | null;
  postsBefore: number;
  postsAfter: number;
  poundsBefore: number;
  poundsAfter: number;
  ruleBefore: string | null;
  ruleAfter: string | null;
  pairBefore: string | null;
  pairAfter: string | null;
  what: string;
}

export interface Comparison {
  inputChanges: string[];
  lines: LineComparison[];
  summary: string;
}

const pounds = (n: number) => `£${n.toLocaleString('en-GB')}`;
const weightsText = (w: StoredAllocation['parameters']['weights']) =>
  w.map((c) => `${c.component} ${c.weight}`).join(', ');
const periodText = (p: StoredAllocation['parameters']) => (p.from === null ? 'none' : `${p.from} to ${p.to}`);

/** Each input that differs, as "name before → after", in the order a report would read them. */
function inputChanges(before: StoredAllocation, after: StoredAllocation): string[] {
  const pairs: [string, string, string][] = [
    ['level', before.parameters.level, after.parameters.level],
    ['ward set', before.parameters.boundarySet, after.parameters.boundarySet],
    ['edition', String(before.parameters.edition), String(after.parameters.edition)],
    ['preset', before.parameters.preset ?? 'none', after.parameters.preset ?? 'none'],
    ['weights', weightsText(before.parameters.weights), weightsText(after.parameters.weights)],
    ['standardisation', before.parameters.standardisation, after.parameters.standardisation],
    ['period', periodText(before.parameters), periodText(after.parameters)],
    ['priority units', String(before.n), String(after.n)],
    ['posts', String(before.posts), String(after.posts)],
    ['dedicated posts', String(before.dedicated), String(after.dedicated)],
    ['pairing', before.pairing ?? 'none', after.pairing ?? 'none'],
    ['budget', pounds(before.budget.total), pounds(after.budget.total)],
    ['floor', pounds(before.budget.floor), pounds(after.budget.floor)],
  ];
  return pairs.filter(([, b, a]) => b !== a).map(([name, b, a]) => `${name} ${b} → ${a}`);
}

type Line = StoredAllocation['lines'][number];

function compareLine(code: string, before: Line | undefined, after: Line | undefined): LineComparison {
  const line = {
    code,
    name: (after ?? before)?.name ?? code,
    rankBefore: before?.rank ?? null,
    rankAfter: after?.rank ?? null,
    postsBefore: before?.posts ?? 0,
    postsAfter: after?.posts ?? 0,
    poundsBefore: before?.pounds ?? 0,
    poundsAfter: after?.pounds ?? 0,
    ruleBefore: before?.rule ?? null,
    ruleAfter: after?.rule ?? null,
    pairBefore: before?.pair?.code ?? null,
    pairAfter: after?.pair?.code ?? null,
  };
  if (!before || !after) {
    const held = before ?? (after as Line);
    const what = `${before ? 'dropped' : 'added'}: ${held.posts} post${held.posts === 1 ? '' : 's'} (${held.rule}), ${pounds(held.pounds)}, rank ${held.rank}`;
    return { ...line, change: before ? 'DROPPED' : 'ADDED', what };
  }
  const moved: string[] = [];
  if (line.postsBefore !== line.postsAfter || line.ruleBefore !== line.ruleAfter) {
    moved.push(`posts ${line.postsBefore} → ${line.postsAfter} (${line.ruleBefore} → ${line.ruleAfter})`);
  }
  if (line.pairBefore !== line.pairAfter) {
    moved.push(`pair ${line.pairBefore ?? 'none'} → ${line.pairAfter ?? 'none'}`);
  }
  if (line.poundsBefore !== line.poundsAfter) {
    moved.push(`${pounds(line.poundsBefore)} → ${pounds(line.poundsAfter)}`);
  }
  if (line.rankBefore !== line.rankAfter) {
    moved.push(`rank ${line.rankBefore} → ${line.rankAfter}`);
  }
  return {
    ...line,
    change: moved.length === 0 ? 'UNCHANGED' : 'CHANGED',
    what: moved.length === 0 ? 'unchanged' : moved.join('; '),
  };
}

/**
 * Compares a plan with an earlier one.
 * @returns the inputs that differ, one line per unit of either plan (the later plan's lines in
 *   its order, then the dropped units in the earlier plan's order), and a sentence
 */
export function comparePlans(before: StoredAllocation, after: StoredAllocation): Comparison {
  const earlier = new Map(before.lines.map((l) => [l.code, l]));
  const later = new Set(after.lines.map((l) => l.code));
  const lines = [
    ...after.lines.map((l) => compareLine(l.code, earlier.get(l.code), l)),
    ...before.lines.filter((l) => !later.has(l.code)).map((l) => compareLine(l.code, l, undefined)),
  ];
  const count = (change: LineComparison['change']) => lines.filter((l) => l.change === change).length;
  const postsMoved = lines.reduce((s, l) => s + Math.max(0, l.postsAfter - l.postsBefore), 0);
  const changes = inputChanges(before, after);
  const summary =
    `${count('ADDED')} unit(s) added, ${count('DROPPED')} dropped, ${count('CHANGED')} changed, ${count('UNCHANGED')} unchanged; ` +
    `${postsMoved} post(s) gained by units that had fewer; posts ${before.posts} → ${after.posts}, budget ${pounds(before.budget.total)} → ${pounds(after.budget.total)}` +
    (changes.length === 0 ? '; same input' : `; input changed: ${changes.join(', ')}`) +
    '.';
  return { inputChanges: changes, lines, summary };
}
