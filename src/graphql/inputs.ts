import { type DocumentNode, Kind, visit } from 'graphql';

import { LimitExceededError } from '../errors';

/** The longest text any argument may carry; fields with their own limits are shorter. */
export const MAX_TEXT_LENGTH = 10_000;

function checkText(value: string, where: string): void {
  if (value.includes('\u0000')) {
    throw new LimitExceededError(where, 'text without NUL (\\u0000) characters', 'a NUL character');
  }
  if (value.length > MAX_TEXT_LENGTH) {
    throw new LimitExceededError(where, `at most ${MAX_TEXT_LENGTH} characters`, `${value.length} characters`);
  }
}

function checkValue(value: unknown, where: string): void {
  if (typeof value === 'string') {
    checkText(value, where);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkValue(item, `${where}[${i}]`));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      checkText(key, `${where} (a key)`);
      checkValue(item, `${where}.${key}`);
    }
  }
}

/**
 * One rule for every text a request brings, in variables or written into the query: no NUL
 * characters (PostgreSQL cannot store them) and at most MAX_TEXT_LENGTH characters, so no
 * argument reaches a resolver, a log line or the database unbounded.
 * @throws LimitExceededError (BAD_USER_INPUT) naming where the text was
 */
export function checkInputs(document: DocumentNode, variables: Record<string, unknown> | undefined): void {
  checkValue(variables ?? {}, 'variables');
  visit(document, {
    [Kind.STRING](node) {
      checkText(node.value, 'a string in the query');
    },
  });
}
