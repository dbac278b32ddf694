import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs, one line per event, with the component's name on every line. */
export function createLogger(name: string, level: string = 'info'): Logger {
  return pino({ name, level, base: { component: name }, timestamp: pino.stdTimeFunctions.isoTime });
}
