import pino from 'pino';

/** The hub's structured logger; LOG_LEVEL sets its level. */
export const log = pino({ level: process.env.LOG_LEVEL || 'info', base: undefined });
