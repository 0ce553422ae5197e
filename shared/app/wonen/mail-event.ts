/**
 * The 'mail-ontvangen' event: how a mail to woonzaken enters a case's history, whether matched on arrival
 * (inbound.ts) or linked by a person from the unmatched list (unmatched.ts).
 */
import { organisationsOf } from '#domain/access.js';
import { toAmsterdamDate } from '#domain/calendar.js';
import type { CaseEvent, CaseState } from '#domain/case.js';
import { CaseNotFound } from '#domain/errors.js';
import { domainOf } from '#domain/inbound-mail.js';
import type { Actor } from '#domain/roles.js';
import { planEffects } from '../effects.js';
import type { AppDeps, CaseIntent, IdempotencyRecord } from '../ports.js';
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
 * Appends the 'mail-ontvangen' event to the case: the case's version moves on (the event's seq is the version it
 * produced), with everything other concerns plan for the change and `extra` effects (the inbound record), in one
 * transaction conditional on the version read.
 */
export async function commitMailEvent(
  deps: AppDeps,
  caseId: string,
  record: InboundRecord,
  actor: Actor,
  extra: (event: CaseEvent) => CaseIntent[],
  options: { linkedBy?: string; idempotency?: (event: CaseEvent) => IdempotencyRecord } = {},
): Promise<CaseEvent> {
  const loaded = await deps.store.load(caseId);
  if (!loaded) throw new CaseNotFound();
  const before = loaded.state;
  const now = deps.clock.now();
  const after: CaseState = { ...before, version: before.version + 1, updatedAt: now };
  const event: CaseEvent = {
    caseId,
    seq: after.version,
    type: 'mail-ontvangen',
    occurredOn: toAmsterdamDate(record.receivedAt),
    recordedAt: now,
    actor,
    data: mailEventData(record, options.linkedBy),
  };
  await deps.store.commit({
    case: after,
    expectedVersion: before.version,
    event,
    organisations: organisationsOf(after),
    effects: [...planEffects({ before, after, event, history: [...loaded.history, event], now }, loaded), ...extra(event)],
    ...(options.idempotency ? { idempotency: options.idempotency(event) } : {}),
  });
  return event;
}
