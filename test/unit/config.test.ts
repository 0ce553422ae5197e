/** The one configuration (shared/config/config.ts, issue 15 point 2): parsed once per environment, loud by name. */
import { describe, expect, it } from 'vitest';
import { config, parseConfig, required } from '../../shared/config/config.js';

describe('the configuration', () => {
  it('gives the defaults of an empty environment and leaves what only some functions need unset', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ APP_BASE_URL: 'http://localhost:3000', ALLOWED_ORIGINS: '', REMINDER_LEASE_MINUTES: 15, INBOX_REGIO: 'amsterdam', DIGEST_REGIOS: ['amsterdam'] });
    expect(c.TABLE_NAME).toBeUndefined();
    expect(c.QUEUE_URL).toBeUndefined();
  });

  it('fails loudly on a bad value, naming the variable', () => {
    expect(() => parseConfig({ QUEUE_URL: 'not a url' })).toThrow(/Configuration error: QUEUE_URL/);
    expect(() => parseConfig({ MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM: must contain an e-mail address/);
  });

  it('names a missing variable and the part that needs it', () => {
    expect(() => required(parseConfig({}), 'QUEUE_URL', 'reminder-dispatcher')).toThrow('Configuration error (reminder-dispatcher): QUEUE_URL is required');
    expect(required(parseConfig({ TABLE_NAME: 't' }), 'TABLE_NAME', 'app')).toBe('t');
  });

  it('parses once per environment: the same values give the same object, a changed variable a new one', () => {
    const source: Record<string, string | undefined> = { TABLE_NAME: 'a' };
    const first = config(source);
    expect(config({ ...source, UNRELATED: 'x' })).toBe(first);
    expect(config({ TABLE_NAME: 'b' }).TABLE_NAME).toBe('b');
  });
});
