import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/**
 * JSON logs to stdout (or `destination`: tests read the lines back); one logger per process,
 * children per request and per library that logs through it.
 */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, destination?: DestinationStream): Logger {
  const options = { level: config.LOG_LEVEL, base: { service: 'export-control-kb' } };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger taking one message or error per call, as libraries' logger options expect (Apollo's among them). */
export interface MessageLogger {
  debug(message?: unknown): void;
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
}

/**
 * Routes a library's log calls into the process logger as structured lines, tagged with the
 * library's name, so nothing it says reaches stderr as unstructured text.
 */
export function messageLogger(logger: Logger, component: string): MessageLogger {
  const child = logger.child({ component });
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message?: unknown): void => {
      if (message instanceof Error) child[level]({ err: message }, message.message);
      else child[level](typeof message === 'string' ? message : String(message));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
