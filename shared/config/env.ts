/**
 * Configuration from the environment, parsed once at cold start. A missing variable fails loudly, by name.
 */
import * as z from 'zod';

const schema = z.object({
  TABLE_NAME: z.string().min(1),
  /** Public base URL of the web app, for links in e-mails (never personal data in a link). */
  APP_BASE_URL: z.url().default('http://localhost:3000'),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Configuration error: ${missing}`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests and the local stack change the environment between runs. */
export function resetEnvCache(): void {
  cached = undefined;
}
