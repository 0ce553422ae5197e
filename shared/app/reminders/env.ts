/**
 * Configuration of the reminder functions, parsed once at cold start, separate from the HTTP functions' env() so
 * that those never fail on missing mail or queue settings. A missing variable fails loudly, by name.
 */
import * as z from 'zod';

const common = {
  TABLE_NAME: z.string().min(1),
  /** A dispatched stage is dispatched again after this many minutes if it is still pending (lost message, DLQ). */
  REMINDER_LEASE_MINUTES: z.coerce.number().int().min(1).max(720).default(15),
  /** The doubt wait: a claim (`sending`) older than this with no SES event is sent again. Far above the sender's 30 s timeout. */
  CLAIM_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** Public base URL of the web app, for the link in every mail. */
  APP_BASE_URL: z.url().default('http://localhost:3000'),
};

const dispatcherSchema = z.object({
  ...common,
  QUEUE_URL: z.url(),
  EVENT_BUS_NAME: z.string().min(1),
});

const senderSchema = z.object({
  ...common,
  /** Verified SES identity, e.g. `Omslagroute <noreply@omslagroute.amsterdam.nl>`. */
  MAIL_FROM: z.string().min(3).regex(/@/, 'must contain an e-mail address'),
  /** SES configuration set (delivery, bounce and complaint events); optional locally. */
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** Path of the organisation directory JSON; the bundled config/organisations.local.json when absent. */
  ORGANISATIONS_FILE: z.string().min(1).optional(),
  /** Sends per second of the SES account; when absent, read from SES (GetAccount SendQuota.MaxSendRate). */
  SES_MAX_SEND_RATE: z.coerce.number().positive().max(10_000).optional(),
});

export type DispatcherEnv = z.infer<typeof dispatcherSchema>;
export type SenderEnv = z.infer<typeof senderSchema>;

function parse<S extends z.ZodType>(schema: S, what: string): z.infer<S> {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Configuration error (${what}): ${problems}`);
  }
  return parsed.data;
}

export const dispatcherEnv = (): DispatcherEnv => parse(dispatcherSchema, 'reminder-dispatcher');
export const senderEnv = (): SenderEnv => parse(senderSchema, 'reminder-sender');
