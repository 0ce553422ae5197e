/**
 * Log lines of the reminder functions, through the one logger (shared/observability/logger.ts): JSON with level,
 * timestamp, service, function, request id and the case reference when known. CloudWatch metric filters match on
 * `msg` (infra/constructs/reminders.ts), so keep the messages stable.
 */
import { writeLine, type LogLevel } from '#observability/logger.js';

const LEVEL: Readonly<Record<'debug' | 'info' | 'warn' | 'error', LogLevel>> = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' };

/** One structured JSON log line, if LOG_LEVEL (default: info on Lambda, warn elsewhere) lets it through. Never personal data in `fields`. */
export function logLine(level: 'debug' | 'info' | 'warn' | 'error', msg: string, fields: Record<string, unknown> = {}): void {
  writeLine(LEVEL[level], msg, fields);
}
