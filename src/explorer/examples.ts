import fs from 'node:fs';
import path from 'node:path';

import { Kind, type OperationDefinitionNode, parse } from 'graphql';

import { log } from '../log';
import { PROJECT_ROOT } from '../paths';

/** One ready-to-run operation from the README, as the explorer offers it in a tab. */
export interface Example {
  /** The operation's name (GraphiQL titles the tab with it), or its first fields when unnamed. */
  title: string;
  /** The fenced block as written, comments included. */
  query: string;
  /** The JSON of the ```json block right after it, when there is one; null otherwise. */
  variables: string | null;
}

/** The README the hub ships with; the Docker image copies it beside package.json. */
export const README = path.join(PROJECT_ROOT, 'README.md');

// A ```graphql fence, then optionally (only blank lines between) a ```json fence: its variables.
const FENCE = /^```graphql\n([\s\S]*?)^```\n(?:\s*^```json\n([\s\S]*?)^```$)?/gm;

/**
 * Reads the example operations out of a README: every ```graphql fenced block, each with the
 * variables of a ```json block that directly follows it. Nothing is validated here; that is
 * src/explorer/examples.test.ts's job, against the schema.
 * @param markdown the README's text
 * @returns the examples in the README's order
 * @example readExamples('```graphql\nquery Wards { wards { name } }\n```\n')[0].title //= 'Wards'
 */
export function readExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  for (const match of markdown.replace(/\r\n/g, '\n').matchAll(FENCE)) {
    const query = match[1];
    examples.push({ title: titleOf(query), query, variables: match[2]?.trim() ?? null });
  }
  return examples;
}

/**
 * The README's examples at start, for the explorer. A hub without its README (an image built
 * without it) still serves the explorer, with no examples, and says so once in the log.
 * @param file the README, README.md beside package.json by default
 */
export function loadExamples(file: string = README): Example[] {
  let markdown: string;
  try {
    markdown = fs.readFileSync(file, 'utf8');
  } catch (err) {
    log.warn(
      { file, reason: (err as Error).message },
      'the README cannot be read: the explorer opens with no examples',
    );
    return [];
  }
  return readExamples(markdown);
}

// The operation names, or for an unnamed operation its top-level fields ("wards, locate").
function titleOf(query: string): string {
  try {
    const operations = parse(query).definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    return operations
      .map(
        (op) =>
          op.name?.value ??
          op.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : '…')).join(', '),
      )
      .join(', ');
  } catch {
    // The test refuses an example that does not parse; the hub still shows it as written.
    return 'example';
  }
}
