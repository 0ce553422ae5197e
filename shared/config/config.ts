/**
 * The one configuration of every function (issue 15 point 2): one zod schema over the environment, parsed once per
 * environment — at cold start on Lambda, again only when a test or the local stack changes a variable it reads.
 * What only some functions need (the queue of the dispatcher, the sender's MAIL_FROM, the inbox bucket) is optional
 * here and demanded by the part of the composition root that builds with it (`required`), so a function never fails
 * on a variable it does not use. A bad or missing value fails loudly, by name.
 */
import * as z from 'zod';

const days = z.coerce.number().int().min(0).max(36500).optional();
/** A comma-separated list of regio names; the composition root checks them against the domain's REGIOS. */
const regios = (fallback: string) => z.string().default(fallback).transform((s) => s.split(',').map((r) => r.trim()).filter(Boolean));

const schema = z.object({
  // Every function that reads or writes the table.
  TABLE_NAME: z.string().min(1).optional(),
  /** Public base URL of the web app, for links in e-mails (never personal data in a link). */
  APP_BASE_URL: z.url().default('http://localhost:3000'),
  /** HTTP functions: the exact origins CORS allows, comma separated (checked by shared/http/public-handler.ts). */
  ALLOWED_ORIGINS: z.string().default(''),
  /** Path of the organisation directory JSON; the bundled config/organisations.local.json when absent. */
  ORGANISATIONS_FILE: z.string().min(1).optional(),

  // Retention (shared/app/retention.ts; infra/constructs/privacy.ts sets them). Absent: DEFAULT_RETENTION_POLICY.
  RETENTION_PERIOD_DAYS: days,
  RETENTION_GRACE_DAYS: days,
  AUDIT_RETENTION_DAYS: days,
  RETENTION_LOOKBACK_MONTHS: z.coerce.number().int().min(1).max(120).optional(),

  // Reminders (dispatcher and sender).
  /** A dispatched stage is dispatched again after this many minutes if it is still pending (lost message, DLQ). */
  REMINDER_LEASE_MINUTES: z.coerce.number().int().min(1).max(720).default(15),
  /** The doubt wait: a claim (`sending`) older than this with no SES event is sent again. Far above the sender's 30 s timeout. */
  CLAIM_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** The dispatcher's queue and bus. */
  QUEUE_URL: z.url().optional(),
  EVENT_BUS_NAME: z.string().min(1).optional(),
  /** Regios whose Wonen queue the dispatcher measures (unknown names are ignored). */
  WONEN_REGIOS: regios('amsterdam'),

  // Mail (the sender, the Wonen digest and refusal notices).
  /** Verified SES identity, e.g. `Omslagroute <noreply@omslagroute.amsterdam.nl>`. */
  MAIL_FROM: z.string().min(3).regex(/@/, 'must contain an e-mail address').optional(),
  /** SES configuration set (delivery, bounce and complaint events); optional locally. */
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** Sends per second of the SES account; when absent, read from SES (GetAccount SendQuota.MaxSendRate). */
  SES_MAX_SEND_RATE: z.coerce.number().positive().max(10_000).optional(),

  // Wonen (inbound mail, the digest, the unmatched list).
  /** The inbox bucket (SES receipt rule → S3). */
  INBOX_BUCKET: z.string().min(3).optional(),
  /** KMS key for SSE-KMS on the parts the inbound function writes; SSE-S3 when absent (local). */
  INBOX_KMS_KEY_ID: z.string().min(1).optional(),
  /** The regio the woonzaken mailbox serves: a reference to another regio's case is never attached. */
  INBOX_REGIO: z.string().min(1).default('amsterdam'),
  /** Fallback organisation of the inbox actor, when the directory has no gemeente for INBOX_REGIO. */
  WONEN_ORGANISATION_ID: z.string().min(1).default('gemeente-amsterdam-wonen'),
  /** Fallback woonzaken address for INBOX_REGIO when the directory names none. */
  WOONZAKEN_ADDRESS: z.email().optional(),
  /** Regios the daily digest is sent for, comma separated. */
  DIGEST_REGIOS: regios('amsterdam').pipe(z.array(z.string()).min(1)),

  // Users (Beheer): Cognito on AWS (infra/stage.ts sets USER_POOL_ID); locally the seeded people.
  USER_POOL_ID: z.string().min(1).optional(),
  PEOPLE_FILE: z.string().min(1).optional(),
});

export type Config = z.infer<typeof schema>;
const NAMES = Object.keys(schema.shape) as (keyof Config)[];

/** Parses a configuration; every bad value is named. */
export function parseConfig(source: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Configuration error: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

let cached: { key: string; config: Config } | undefined;

/** The configuration of this environment (process.env by default), parsed once per distinct value of its variables. */
export function config(source: Record<string, string | undefined> = process.env): Config {
  const key = JSON.stringify(NAMES.map((name) => source[name] ?? null));
  if (cached?.key !== key) cached = { key, config: parseConfig(source) };
  return cached.config;
}

/** A variable the part being built needs; fails loudly, naming the variable and the part. */
export function required<K extends keyof Config>(c: Config, name: K, part: string): NonNullable<Config[K]> {
  const value = c[name];
  if (value === undefined || value === null) throw new Error(`Configuration error (${part}): ${String(name)} is required`);
  return value as NonNullable<Config[K]>;
}
