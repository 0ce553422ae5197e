/**
 * Bounces and complaints (issue 8): what an SES sending event means for an address, as pure functions.
 *
 * SES publishes the configuration set's sending events to the default EventBridge bus; a rule hands Bounce,
 * Complaint and Delivery events to `ses-events`. The event is parsed here (zod), whether it arrives as EventBridge
 * delivers it (`{source: 'aws.ses', 'detail-type', detail: <record>}`), as SNS would (`{Records: [{Sns: {Message}}]}`)
 * or as the bare SES record (the local dev route accepts all three).
 *
 * The suppression rule:
 * - a **Permanent** bounce or a **complaint** suppresses the address: no mail of the system goes to it any more; it is
 *   replaced by the functional mailbox of the organisation it belongs to (directory), unless that mailbox is itself
 *   suppressed, in which case the address is dropped (and a mail left without recipients fails visibly:
 *   `geen-ontvanger:onbestelbaar`, the reminders' needs-attention alarm);
 * - a **Transient** or **Undetermined** bounce is recorded (counted, shown) but does not suppress;
 * - a **Delivery** clears nothing (a mailbox that accepted one mail can still reject the next) and is not stored;
 * - a bounce of a mail sent *before* the address was cleared by its beheerder does not suppress it again (it says
 *   nothing about the repaired address);
 * - only the organisation's beheerder (or operations) clears a suppression, after fixing the address.
 */
import * as z from 'zod';
import type { OrganisationDirectory } from './directory.js';

export const BOUNCE_TYPES = ['Permanent', 'Transient', 'Undetermined'] as const;
export type BounceType = (typeof BOUNCE_TYPES)[number];

/** Records that do not suppress (transient bounces, cleared addresses) disappear this long after their last change. */
export const UNSUPPRESSED_RETENTION_DAYS = 90;

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
    bounceType: z.enum(BOUNCE_TYPES),
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

/** One SES sending event, normalised. `eventKey` is unique per event (SES's feedbackId), stable across redeliveries. */
export type MailFeedback =
  | { kind: 'bounce'; eventKey: string; sesMessageId: string; sentAt?: string; at: string; recipients: string[]; bounceType: BounceType; bounceSubType: string; tags: Record<string, string> }
  | { kind: 'complaint'; eventKey: string; sesMessageId: string; sentAt?: string; at: string; recipients: string[]; complaintType?: string; tags: Record<string, string> }
  | { kind: 'delivery'; eventKey: string; sesMessageId: string; sentAt?: string; at: string; recipients: string[]; tags: Record<string, string> }
  | { kind: 'send'; eventKey: string; sesMessageId: string; sentAt?: string; at: string; recipients: string[]; tags: Record<string, string> };

/** Not an SES event we can read (a bug or a foreign event on the rule): reported, retried, then dead-lettered. */
export class InvalidSesEvent extends Error {
  override get name(): string {
    return 'InvalidSesEvent';
  }
}

/** Event types we do not act on (Reject, Open, DeliveryDelay, …): skipped without error. */
const IGNORED_TYPES = new Set(['Reject', 'Open', 'Click', 'Rendering Failure', 'DeliveryDelay', 'Subscription']);

export interface ParsedSesEvents {
  events: MailFeedback[];
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

function normalise(record: z.infer<typeof sesRecord>): MailFeedback {
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

/** Permanent bounces and complaints suppress; nothing else does. */
export function suppresses(feedback: MailFeedback): boolean {
  return (feedback.kind === 'bounce' && feedback.bounceType === 'Permanent') || feedback.kind === 'complaint';
}

/** What the system knows about one address that bounced or complained (one item per address). */
export interface BounceRecord {
  /** Lower-cased. */
  address: string;
  /** The organisation the address belongs to (directory), `onbekend` when the directory does not know it. */
  organisationId: string;
  /** As what the directory knows the address (contact, mailbox, team, …). */
  as: string;
  /** True while no mail goes to this address. */
  suppressed: boolean;
  /** The last event: a bounce or a complaint. */
  lastKind: 'bounce' | 'complaint';
  bounceType?: BounceType;
  bounceSubType?: string;
  complaintType?: string;
  /** When it was suppressed (the suppressing event's time). */
  suppressedAt?: string;
  firstAt: string;
  lastAt: string;
  /** Bounces and complaints recorded (each SES event once). */
  count: number;
  lastSesMessageId: string;
  /** Tags of the last mail (reminderId, stage, kind…): identifiers only. */
  lastTags?: Record<string, string>;
  clearedAt?: string;
  clearedBy?: string;
  /** Optimistic locking: the record is rewritten only if this did not change. */
  version: number;
  /** Epoch seconds: only records that do not suppress expire (DynamoDB TTL). */
  expiresAt?: number;
}

export const UNKNOWN_ORGANISATION = 'onbekend';

function expiry(now: string): number {
  return Math.floor(Date.parse(now) / 1000) + UNSUPPRESSED_RETENTION_DAYS * 86_400;
}

/**
 * The next state of an address's record after a bounce or complaint (never called for deliveries). Pure: the store
 * writes the result conditionally on `existing.version` together with the event's once-marker.
 */
export function applyFeedback(
  existing: BounceRecord | undefined,
  feedback: Extract<MailFeedback, { kind: 'bounce' | 'complaint' }>,
  recipient: string,
  directory: Pick<OrganisationDirectory, 'ownerOf'>,
  now: string,
): BounceRecord {
  const owner = directory.ownerOf(recipient);
  // A bounce of a mail sent before the beheerder cleared the address says nothing about the repaired address.
  const sentBeforeClear = existing?.clearedAt !== undefined && (feedback.sentAt ?? feedback.at) < existing.clearedAt;
  const suppress = suppresses(feedback) && !sentBeforeClear;
  const suppressed = (existing?.suppressed ?? false) || suppress;
  const details =
    feedback.kind === 'bounce'
      ? { bounceType: feedback.bounceType, bounceSubType: feedback.bounceSubType }
      : feedback.complaintType
        ? { complaintType: feedback.complaintType }
        : {};
  const base = existing ? withoutDetails(existing) : undefined;
  const next: BounceRecord = {
    ...base,
    address: recipient.toLowerCase(),
    organisationId: owner?.organisationId ?? existing?.organisationId ?? UNKNOWN_ORGANISATION,
    as: owner?.as ?? existing?.as ?? 'onbekend',
    suppressed,
    lastKind: feedback.kind,
    ...details,
    firstAt: existing && existing.firstAt < feedback.at ? existing.firstAt : feedback.at,
    lastAt: existing && existing.lastAt > feedback.at ? existing.lastAt : feedback.at,
    count: (existing?.count ?? 0) + 1,
    lastSesMessageId: feedback.sesMessageId,
    ...(Object.keys(feedback.tags).length ? { lastTags: feedback.tags } : {}),
    version: (existing?.version ?? 0) + 1,
  };
  if (suppress && !existing?.suppressed) {
    next.suppressedAt = feedback.at;
    delete next.clearedAt;
    delete next.clearedBy;
  }
  if (next.suppressed) delete next.expiresAt;
  else next.expiresAt = expiry(now);
  return next;
}

function withoutDetails(record: BounceRecord): BounceRecord {
  const { bounceType: _b, bounceSubType: _s, complaintType: _c, ...rest } = record;
  return rest as BounceRecord;
}

/** The beheerder fixed the address: mail goes to it again. The record stays (who cleared it, when) until TTL. */
export function clearSuppression(existing: BounceRecord, by: string, now: string): BounceRecord {
  return { ...existing, suppressed: false, clearedAt: now, clearedBy: by, version: existing.version + 1, expiresAt: expiry(now) };
}

export interface SuppressionResult {
  /** The recipients to send to (deduplicated, in order). */
  to: string[];
  /** Suppressed addresses replaced by their organisation's functional mailbox. */
  replaced: Array<{ from: string; to: string }>;
  /** Suppressed addresses with no deliverable replacement. */
  dropped: string[];
}

/**
 * The addresses whose suppression state a mail to `to` needs: every recipient and the functional mailbox that would
 * replace it (one batch read).
 */
export function suppressionCandidates(to: readonly string[], directory: Pick<OrganisationDirectory, 'ownerOf'>): string[] {
  const out = new Set<string>();
  for (const address of to) {
    out.add(address.toLowerCase());
    const owner = directory.ownerOf(address);
    if (owner) out.add(owner.mailbox);
  }
  return [...out];
}

/** Swaps suppressed recipients for their organisation's functional mailbox; drops those with none deliverable. */
export function applySuppressions(to: readonly string[], suppressed: ReadonlySet<string>, directory: Pick<OrganisationDirectory, 'ownerOf'>): SuppressionResult {
  const result: SuppressionResult = { to: [], replaced: [], dropped: [] };
  const add = (address: string) => {
    if (!result.to.includes(address)) result.to.push(address);
  };
  for (const original of to) {
    const address = original.toLowerCase();
    if (!suppressed.has(address)) {
      add(address);
      continue;
    }
    const mailbox = directory.ownerOf(address)?.mailbox;
    if (mailbox && mailbox !== address && !suppressed.has(mailbox)) {
      result.replaced.push({ from: address, to: mailbox });
      add(mailbox);
    } else {
      result.dropped.push(address);
    }
  }
  return result;
}
