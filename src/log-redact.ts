/** Longest text a log line keeps of any one value (a message, a statement, a stack). */
export const MAX_LOGGED_TEXT = 1000;

function bounded(value: unknown): unknown {
  if (typeof value !== 'string' || value.length <= MAX_LOGGED_TEXT) {
    return value;
  }
  return `${value.slice(0, MAX_LOGGED_TEXT)}… (${value.length - MAX_LOGGED_TEXT} more characters)`;
}

/**
 * An error as the logs keep it: its type, message, code, the statement that failed and a stack,
 * each bounded, and never the statement's parameters (they carry what callers sent, reporters'
 * contact details included) nor the driver's copy of them.
 */
export function redactError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) {
    return { message: bounded(String(err)) };
  }
  const e = err as Error & { code?: unknown; query?: unknown; parameters?: unknown };
  return {
    type: e.name,
    message: bounded(e.message),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.query === 'string' ? { query: bounded(e.query) } : {}),
    ...(Array.isArray(e.parameters) ? { parameters: `[${e.parameters.length} redacted]` } : {}),
    stack: bounded(e.stack),
  };
}
