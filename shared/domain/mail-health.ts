/**
 * Bounces and complaints (issue 8): what an SES sending event means for an address, as pure functions.
 *
 * SES publishes the configuration set's sending events to the default EventBridge bus; a rule hands Bounce,
 * Complaint and Delivery events to `ses-events`. The event is parsed from SES's format by shared/lib/ses-events.ts.
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
import type { OrganisationDirectory } from './directory.js';

export const BOUNCE_TYPES = ['Permanent', 'Transient', 'Undetermined'] as const;
export type BounceType = (typeof BOUNCE_TYPES)[number];

/** Records that do not suppress (transient bounces, cleared addresses) disappear this long after their last change. */
export const UNSUPPRESSED_RETENTION_DAYS = 90;

/**
 * One SES sending event, as the rules read it (parsed from SES's format by shared/lib/ses-events.ts, whose
 * SesMailEvent has this shape). `eventKey` is unique per event (SES's feedbackId), stable across redeliveries.
 */
export type MailFeedback =
  | { kind: 'bounce'; eventKey: string; sesMessageId: string; sentAt?: string; at: string; recipients: string[]; bounceType: BounceType; bounceSubType: string; tags: Record<string, string> }
  | { kind: 'complaint'; eventKey: string; sesMessageId: string; sentAt?: string; at: string; recipients: string[]; complaintType?: string; tags: Record<string, string> }
  | { kind: 'delivery'; eventKey: string; sesMessageId: string; sentAt?: string; at: string; recipients: string[]; tags: Record<string, string> }
  | { kind: 'send'; eventKey: string; sesMessageId: string; sentAt?: string; at: string; recipients: string[]; tags: Record<string, string> };

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
