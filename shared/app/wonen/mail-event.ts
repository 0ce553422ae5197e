/**
 * The 'mail-ontvangen' event: how a mail to woonzaken enters a case's history, whether matched on arrival
 * (inbound.ts) or linked by a person from the unmatched list (unmatched.ts).
 */
import { toAmsterdamDate } from '#domain/calendar.js';
import type { CaseEvent, CaseState } from '#domain/case.js';
import { CaseNotFound } from '#domain/errors.js';
import { domainOf } from '#domain/inbound-mail.js';
import type { Actor } from '#domain/roles.js';
import type { LoadedCase } from '../ports.js';
import type { InboundRecord } from './ports.js';

/** The event data of a received mail: metadata and pointers, never the body. */
export function mailEventData(record: InboundRecord, linkedBy?: string): Record<string, unknown> {
  return {
    mailId: record.mailId,
    from: record.from,
    fromDomain: domainOf(record.from),
    subject: record.subject,
    receivedAt: record.receivedAt,
    ...(record.messageId ? { messageId: record.messageId } : {}),
    body: { key: record.bodyKey, contentType: 'text/plain; charset=utf-8' },
    attachments: record.attachments,
    ...(linkedBy ? { gekoppeldDoor: linkedBy } : {}),
  };
}

/**
 * The 'mail-ontvangen' event on the case as loaded: the case's version moves on (the event's seq is the version it
 * produced). Committed through changeCase (../change-case.ts) with the mail record's intent, conditional on the
 * version read.
 */
export function mailEventChange(loaded: LoadedCase | undefined, record: InboundRecord, actor: Actor, now: string, linkedBy?: string): { after: CaseState; event: CaseEvent } {
  if (!loaded) throw new CaseNotFound();
  const before = loaded.state;
  const after: CaseState = { ...before, version: before.version + 1, updatedAt: now };
  const event: CaseEvent = {
    caseId: before.caseId,
    seq: after.version,
    type: 'mail-ontvangen',
    occurredOn: toAmsterdamDate(record.receivedAt),
    recordedAt: now,
    actor,
    data: mailEventData(record, linkedBy),
  };
  return { after, event };
}
