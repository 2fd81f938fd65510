import pino from 'pino';

import { redactError } from './log-redact';

/**
 * The hub's structured logger; LOG_LEVEL sets its level. Errors go through redactError: no
 * statement parameters, every text bounded.
 */
export const log = pino({ level: process.env.LOG_LEVEL || 'info', base: undefined, serializers: { err: redactError } });
