/**
 * `ses-events`: one SES sending event (EventBridge rule on the default bus, or the local `/_dev/ses-event` route) →
 * the records of the addresses it names. Idempotent: the event's once-marker is written in the same transaction as
 * the records, so a redelivered event (EventBridge and SNS deliver at least once) changes nothing. Deliveries are
 * counted in the log only (they clear nothing, see shared/domain/mail-health.ts).
 *
 * Logs carry no address: an organisation id, the kind and a short hash of the address (to correlate lines).
 */
import { createHash } from 'node:crypto';
import type { Clock } from '#domain/clock.js';
import type { OrganisationDirectory } from '#domain/directory.js';
import { applyFeedback, suppresses, type BounceRecord, type MailFeedback } from '#domain/mail-health.js';
import { parseSesEvents } from '#lib/ses-events.js';
import { logLine } from '../reminders/log.js';
import type { ReminderStore } from '../reminders/ports.js';
import { reminderOfTags } from '../reminders/send.js';
import type { BounceStore } from './ports.js';

export interface MailEventDeps {
  bounces: BounceStore;
  directory: Pick<OrganisationDirectory, 'ownerOf'>;
  clock: Clock;
  /** The reminder stages a Send/Delivery event confirms (issue 16: doubt resolved from SES's own record). */
  reminders?: Pick<ReminderStore, 'confirmSent'>;
}

export type MailEventOutcome =
  | { outcome: 'recorded'; kind: 'bounce' | 'complaint'; eventKey: string; addresses: number; suppressed: number }
  | { outcome: 'duplicate'; eventKey: string }
  | { outcome: 'confirmed'; kind: 'send' | 'delivery'; reminderId: string; changed: boolean }
  | { outcome: 'ignored'; kind: string };

const MAX_ATTEMPTS = 5;

/** A short, stable, non-reversible tag for an address in logs. */
export function addressTag(address: string): string {
  return createHash('sha256').update(address.toLowerCase()).digest('hex').slice(0, 12);
}

/** Handles everything one invocation received. Throws (→ retry, then DLQ) on an unreadable event or a store error. */
export async function handleSesEvent(deps: MailEventDeps, input: unknown): Promise<MailEventOutcome[]> {
  // SES's format parsed (lib), read as the domain's feedback: the assignment checks the two shapes agree.
  const { events, ignored }: { events: MailFeedback[]; ignored: string[] } = parseSesEvents(input);
  const outcomes: MailEventOutcome[] = ignored.map((kind) => ({ outcome: 'ignored', kind }));
  for (const event of events) outcomes.push(await handleOne(deps, event));
  return outcomes;
}

async function handleOne(deps: MailEventDeps, event: MailFeedback): Promise<MailEventOutcome> {
  if (event.kind === 'delivery' || event.kind === 'send') {
    logLine('debug', `mail ${event.kind}`, { sesMessageId: event.sesMessageId, recipients: event.recipients.length });
    // A Send or Delivery event proves SES accepted the mail: the stage it names is sent, whatever its claim says.
    const stage = reminderOfTags(event.tags);
    if (!stage || !deps.reminders) return { outcome: 'ignored', kind: event.kind };
    const changed = await deps.reminders.confirmSent(stage.key, { reminderId: stage.reminderId, sesMessageId: event.sesMessageId, at: event.sentAt ?? event.at });
    if (changed) logLine('info', 'reminder confirmed by SES event', { reminderId: stage.reminderId, kind: event.kind, sesMessageId: event.sesMessageId });
    return { outcome: 'confirmed', kind: event.kind, reminderId: stage.reminderId, changed };
  }
  for (let attempt = 1; ; attempt += 1) {
    const now = deps.clock.now();
    const records: Array<{ record: BounceRecord; expectedVersion: number; before?: BounceRecord }> = [];
    for (const address of event.recipients) {
      const before = await deps.bounces.get(address);
      records.push({ record: applyFeedback(before, event, address, deps.directory, now), expectedVersion: before?.version ?? 0, ...(before ? { before } : {}) });
    }
    const written = await deps.bounces.writeEvent(event.eventKey, now, records.map(({ record, expectedVersion }) => ({ record, expectedVersion })));
    if (written === 'duplicate') {
      logLine('info', 'mail event duplicate', { eventKey: event.eventKey });
      return { outcome: 'duplicate', eventKey: event.eventKey };
    }
    if (written === 'written') {
      const newlySuppressed = records.filter(({ record, before }) => record.suppressed && !before?.suppressed);
      for (const { record, before } of records) {
        logLine(record.suppressed && !before?.suppressed ? 'warn' : 'info', `mail ${event.kind}`, {
          organisationId: record.organisationId,
          address: addressTag(record.address),
          ...(event.kind === 'bounce' ? { bounceType: event.bounceType, bounceSubType: event.bounceSubType } : {}),
          suppressed: record.suppressed,
          newlySuppressed: record.suppressed && !before?.suppressed,
          count: record.count,
          ...(event.tags.reminderId ? { reminderId: event.tags.reminderId } : {}),
        });
      }
      return { outcome: 'recorded', kind: event.kind, eventKey: event.eventKey, addresses: records.length, suppressed: suppresses(event) ? newlySuppressed.length : 0 };
    }
    // A concurrent event for the same address changed its record: compute again on a fresh read.
    if (attempt >= MAX_ATTEMPTS) throw new Error(`SES event ${event.eventKey}: records kept changing (${MAX_ATTEMPTS} attempts)`);
  }
}
