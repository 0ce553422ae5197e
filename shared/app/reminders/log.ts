/** Structured JSON log lines for the reminder functions (CloudWatch metric filters match on `msg`). */
const RANK: Record<string, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

/** One structured JSON log line, if LOG_LEVEL (default info) lets it through. Never personal data in `fields`. */
export function logLine(level: 'debug' | 'info' | 'warn' | 'error', msg: string, fields: Record<string, unknown> = {}): void {
  if ((RANK[level] ?? 1) < (RANK[process.env.LOG_LEVEL ?? 'info'] ?? 1)) return;
  const line = JSON.stringify({ level, msg, ...fields });
  if (level === 'error') console.error(line);
  else console.log(line);
}
