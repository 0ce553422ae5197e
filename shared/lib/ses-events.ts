/**
 * SES sending events (configuration-set events) parsed with zod into one normalised shape, whether they arrive as
 * EventBridge delivers them (`{source: 'aws.ses', 'detail-type', detail: <record>}`), as SNS would
 * (`{Records: [{Sns: {Message}}]}`) or as the bare SES record (the local dev route accepts all three). Generic
 * machinery (shared/lib): SES's format, not what a bounce means for the route (shared/domain/mail-health.ts).
 */
import * as z from 'zod';

/** SES's bounce types. */
export const SES_BOUNCE_TYPES = ['Permanent', 'Transient', 'Undetermined'] as const;
export type SesBounceType = (typeof SES_BOUNCE_TYPES)[number];

/** One SES sending event, normalised (the shape of the domain's MailFeedback). */
export type SesMailEvent =
  | { kind: 'bounce'; eventKey: string; sesMessageId: string; sentAt?: string; at: string; recipients: string[]; bounceType: SesBounceType; bounceSubType: string; tags: Record<string, string> }
  | { kind: 'complaint'; eventKey: string; sesMessageId: string; sentAt?: string; at: string; recipients: string[]; complaintType?: string; tags: Record<string, string> }
  | { kind: 'delivery' | 'send'; eventKey: string; sesMessageId: string; sentAt?: string; at: string; recipients: string[]; tags: Record<string, string> };

const address = z.string().trim().min(3).max(320).regex(/^[^\s@]+@[^\s@]+$/, 'geen e-mailadres');
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'geen tijdstip');

const mail = z.object({
  messageId: z.string().min(1).max(200),
  timestamp: instant.optional(),
  /** Configuration-set events carry the message tags, each as an array of values. */
  tags: z.record(z.string(), z.array(z.string())).optional(),
});

const bounceRecord = z.object({
  eventType: z.literal('Bounce'),
  mail,
  bounce: z.object({
    bounceType: z.enum(SES_BOUNCE_TYPES),
    bounceSubType: z.string().min(1).max(100).default('General'),
    bouncedRecipients: z.array(z.object({ emailAddress: address, status: z.string().optional(), diagnosticCode: z.string().optional() })).min(1).max(100),
    timestamp: instant,
    feedbackId: z.string().min(1).max(200),
  }),
});

const complaintRecord = z.object({
  eventType: z.literal('Complaint'),
  mail,
  complaint: z.object({
    complainedRecipients: z.array(z.object({ emailAddress: address })).min(1).max(100),
    timestamp: instant,
    feedbackId: z.string().min(1).max(200),
    complaintFeedbackType: z.string().max(100).optional(),
  }),
});

const deliveryRecord = z.object({
  eventType: z.literal('Delivery'),
  mail,
  delivery: z.object({ timestamp: instant, recipients: z.array(address).min(1).max(100) }),
});

/** SES accepted the mail for sending (issue 16: the record that resolves a reminder stage in doubt). */
const sendRecord = z.object({
  eventType: z.literal('Send'),
  mail: mail.extend({ destination: z.array(address).max(100).default([]) }),
  send: z.object({}).passthrough().optional(),
});

const sesRecord = z.discriminatedUnion('eventType', [bounceRecord, complaintRecord, deliveryRecord, sendRecord]);

/** Not an SES event we can read (a bug or a foreign event on the rule): reported, retried, then dead-lettered. */
export class InvalidSesEvent extends Error {
  override get name(): string {
    return 'InvalidSesEvent';
  }
}

/** Event types we do not act on (Reject, Open, DeliveryDelay, …): skipped without error. */
const IGNORED_TYPES = new Set(['Reject', 'Open', 'Click', 'Rendering Failure', 'DeliveryDelay', 'Subscription']);

export interface ParsedSesEvents {
  events: SesMailEvent[];
  /** Event types that were skipped. */
  ignored: string[];
}

/** Parses what the Lambda receives (EventBridge event, SNS event, or a bare SES record). Throws InvalidSesEvent. */
export function parseSesEvents(input: unknown): ParsedSesEvents {
  const records = recordsOf(input);
  const out: ParsedSesEvents = { events: [], ignored: [] };
  for (const raw of records) {
    const record = raw as { eventType?: unknown; notificationType?: unknown };
    const type = typeof record?.eventType === 'string' ? record.eventType : typeof record?.notificationType === 'string' ? record.notificationType : undefined;
    if (type && IGNORED_TYPES.has(type)) {
      out.ignored.push(type);
      continue;
    }
    const parsed = sesRecord.safeParse(type && record.eventType === undefined ? { ...record, eventType: type } : record);
    if (!parsed.success) throw new InvalidSesEvent(`SES event: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    out.events.push(normalise(parsed.data));
  }
  return out;
}

function recordsOf(input: unknown): unknown[] {
  if (!input || typeof input !== 'object') throw new InvalidSesEvent('SES event: not an object');
  const value = input as Record<string, unknown>;
  if ('detail' in value && 'detail-type' in value) {
    if (value.source !== 'aws.ses') throw new InvalidSesEvent(`SES event: source ${String(value.source)}`);
    return [value.detail];
  }
  if (Array.isArray(value.Records)) {
    return value.Records.map((r) => {
      const message = (r as { Sns?: { Message?: unknown } })?.Sns?.Message;
      if (typeof message !== 'string') throw new InvalidSesEvent('SES event: SNS record without a Message');
      try {
        return JSON.parse(message) as unknown;
      } catch {
        throw new InvalidSesEvent('SES event: SNS Message is not JSON');
      }
    });
  }
  return [value];
}

function tagsOf(tags: Record<string, string[]> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(tags ?? {}).flatMap(([name, values]) => (values[0] !== undefined ? [[name, values[0]]] : [])));
}

const lower = (addresses: string[]) => [...new Set(addresses.map((a) => a.toLowerCase()))];

function normalise(record: z.infer<typeof sesRecord>): SesMailEvent {
  const common = {
    sesMessageId: record.mail.messageId,
    ...(record.mail.timestamp ? { sentAt: new Date(record.mail.timestamp).toISOString() } : {}),
    tags: tagsOf(record.mail.tags),
  };
  switch (record.eventType) {
    case 'Bounce':
      return {
        kind: 'bounce',
        eventKey: `bounce#${record.bounce.feedbackId}`,
        at: new Date(record.bounce.timestamp).toISOString(),
        recipients: lower(record.bounce.bouncedRecipients.map((r) => r.emailAddress)),
        bounceType: record.bounce.bounceType,
        bounceSubType: record.bounce.bounceSubType,
        ...common,
      };
    case 'Complaint':
      return {
        kind: 'complaint',
        eventKey: `complaint#${record.complaint.feedbackId}`,
        at: new Date(record.complaint.timestamp).toISOString(),
        recipients: lower(record.complaint.complainedRecipients.map((r) => r.emailAddress)),
        ...(record.complaint.complaintFeedbackType ? { complaintType: record.complaint.complaintFeedbackType } : {}),
        ...common,
      };
    case 'Delivery':
      return {
        kind: 'delivery',
        eventKey: `delivery#${record.mail.messageId}`,
        at: new Date(record.delivery.timestamp).toISOString(),
        recipients: lower(record.delivery.recipients),
        ...common,
      };
    case 'Send':
      return {
        kind: 'send',
        eventKey: `send#${record.mail.messageId}`,
        at: new Date(record.mail.timestamp ?? 0).toISOString(),
        recipients: lower(record.mail.destination),
        ...common,
      };
  }
}

