/**
 * The sender: one SQS record = one reminder stage = at most one SES SendEmail.
 *
 *   read the stage (must be pending and due) → read the case → resolve recipients → render
 *   → claim (pending → sending, claim token; conditional) → SendEmail → mark sent (our claim only)
 *
 * Everything that can fail slowly happens BEFORE the claim, so the only step between claim and mark is the SES call
 * itself. Outcomes per record (the batch is processed one record at a time; only failed records are returned):
 * - stage gone, not pending, claimed by someone else, not yet due, or superseded by the deadline's next stage that is
 *   due as well (the dispatcher was behind; that stage is cancelled as `ingehaald`): done (ack). A duplicate delivery or a second
 *   dispatcher's message ends here, so it never sends twice.
 * - SES throttled (or cannot send now): a few quick retries inside the claim, then release the claim (back to
 *   pending, due again after the lease) and report the record as a batch item failure → redelivered later.
 * - SES rejected the message for good, or nobody to send to: `failed` (out of the due index, for a human).
 * - SES answer in doubt (timeout, 5xx, reset, crash after the send): keep the claim, report a failure; the redelivery sees
 *   the claim and does not resend. SES's Send event marks it sent; when the claim runs out without one, the dispatcher
 *   releases it and it is sent again (the status table is #domain/reminder-status).
 */
import * as z from 'zod';
import { toAmsterdamDate } from '#domain/calendar.js';
import { renderMail, type MailInput } from '#domain/mail/index.js';
import { nextReminderStatus } from '#domain/reminder-status.js';
import { addLogContext, logContext, withLogContext } from '#observability/logger.js';
import { pause } from '../pause.js';
import { logLine } from './log.js';
import { classifySendError, errorName, isThrottling } from './send-errors.js';
import type { ReminderItem, ReminderMessage, SenderDeps } from './ports.js';

const messageSchema = z.object({
  reminderId: z.string().min(1),
  caseId: z.string().min(1),
  stage: z.string().min(1),
  key: z.object({ PK: z.string().startsWith('CASE#'), SK: z.string().startsWith('REM#') }),
});

export function parseReminderMessage(body: string): ReminderMessage | undefined {
  try {
    const parsed = messageSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface SenderRecord {
  messageId: string;
  body: string;
}

export interface SendOptions {
  /** Milliseconds left in this invocation (Lambda context). */
  remainingMs?: () => number;
  /** Pause between quick throttling retries (tests set 0). */
  throttleBackoffMs?: number;
}

/** Do not claim when less time than this is left: an SES call (5 s timeout) and the mark must fit. */
export const CLAIM_SAFETY_MS = 8_000;
const QUICK_THROTTLE_RETRIES = 2;
const MARK_ATTEMPTS = 3;
const MINUTE = 60_000;

type RecordResult = 'done' | 'retry';

/** Processes a batch record by record (never all-or-nothing); returns the ids of records to redeliver. */
export async function sendReminderBatch(deps: SenderDeps, records: SenderRecord[], options: SendOptions = {}): Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }> {
  const batchItemFailures: Array<{ itemIdentifier: string }> = [];
  for (const record of records) {
    let result: RecordResult;
    try {
      // Each record's lines carry its own case reference (set below once the stage is read).
      result = await withLogContext({ ...logContext() }, () => sendOne(deps, record, options));
    } catch (error) {
      // A store error, a bug: this record only; its stage is pending (retry) or sending (redelivery will not resend).
      logLine('error', 'reminder record failed', { messageId: record.messageId, error: errorName(error), detail: (error as Error)?.message });
      result = 'retry';
    }
    if (result === 'retry') batchItemFailures.push({ itemIdentifier: record.messageId });
  }
  return { batchItemFailures };
}

async function sendOne(deps: SenderDeps, record: SenderRecord, options: SendOptions): Promise<RecordResult> {
  const message = parseReminderMessage(record.body);
  if (!message) {
    // Not ours to interpret: let it go to the DLQ after maxReceiveCount for a human to look at.
    deps.observe({ type: 'failed', reminderId: record.messageId, reason: 'ongeldig-bericht' });
    return 'retry';
  }
  const { key, reminderId } = message;
  const now = deps.clock.now();
  const item = await deps.store.getReminder(key);
  const skip = (reason: string): RecordResult => {
    deps.observe({ type: 'skipped', reminderId, reason });
    return 'done';
  };
  if (!item || item.reminderId !== reminderId) return skip('bestaat-niet');
  addLogContext({ caseId: item.caseId, reference: item.reference });
  if (!nextReminderStatus(item.reminderStatus, 'claim')) return skip(item.reminderStatus === 'sending' ? 'al-geclaimd' : item.reminderStatus);
  if (item.fireAt > now) return skip('nog-niet-aan-de-beurt');
  if (item.nextStageAt && item.nextStageAt <= now) {
    // The dispatcher was behind: the deadline's next stage is due as well and says more; send only that one.
    if (await deps.store.cancelPending(key, 'ingehaald', now)) return skip('ingehaald');
    return skip('al-geclaimd');
  }

  const kase = await deps.store.getCase(item.caseId);
  if (!kase) return fail(deps, item, 'dossier-onbekend', now);
  const resolved = deps.directory.resolve(item.to, kase, item.begeleiderUserId);
  if (resolved.to.length === 0) return fail(deps, item, `geen-ontvanger:${resolved.unresolved.join(',')}`, now);
  // Bounces and complaints (shared/app/mail-health): a suppressed address gets its organisation's functional mailbox.
  const deliverable = deps.suppressions ? (await deps.suppressions.apply(resolved.to)).to : resolved.to;
  if (deliverable.length === 0) return fail(deps, item, 'geen-ontvanger:onbestelbaar', now);
  const recipients = { to: deliverable, unresolved: resolved.unresolved };
  const mail = renderMail(mailInput(item, deps.config.appBaseUrl));

  // Wait for this container's send slot (pacing.ts) before the claim, so the claim covers only the SES call; a slot
  // that would come too late for this invocation leaves the stage pending for the next one.
  const wait = deps.pacer ? await deps.pacer.waitMs() : 0;
  if ((options.remainingMs?.() ?? Infinity) - wait < CLAIM_SAFETY_MS) return 'retry';
  await deps.pacer?.take();
  const token = deps.newToken();
  const claimUntil = new Date(Date.parse(now) + deps.config.claimTimeoutMinutes * MINUTE).toISOString();
  if (!(await deps.store.claim(key, { reminderId, token, now, claimUntil }))) return skip('al-geclaimd');

  let messageId: string;
  try {
    messageId = await sendWithQuickRetries(deps, { ...mail, to: recipients.to, tags: reminderTags(item) }, options);
  } catch (error) {
    switch (classifySendError(error)) {
      case 'not-sent': {
        const retryAt = new Date(Date.parse(now) + deps.config.leaseMinutes * MINUTE).toISOString();
        await deps.store.release(key, { reminderId, token, retryAt });
        deps.observe({ type: 'released', reminderId, reason: errorName(error) });
        return 'retry';
      }
      case 'rejected':
        await deps.store.markFailed(key, `afgewezen:${errorName(error)}`, now, token);
        deps.observe({ type: 'failed', reminderId, reason: `afgewezen:${errorName(error)}` });
        return 'done';
      case 'in-doubt':
        deps.observe({ type: 'in-doubt', reminderId, reason: errorName(error) });
        return 'retry';
    }
  }
  await markSent(deps, item, token, { now, messageId, recipients: recipients.to, unresolved: recipients.unresolved });
  deps.observe({ type: 'sent', reminderId, messageId, recipients: recipients.to.length, stage: item.stage });
  return 'done';
}

/** Throttling proves nothing was sent, so a quick retry inside the claim is safe; anything else is not retried. */
async function sendWithQuickRetries(deps: SenderDeps, mail: Parameters<SenderDeps['mailer']['send']>[0], options: SendOptions): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return (await deps.mailer.send(mail)).messageId;
    } catch (error) {
      if (!isThrottling(error) || attempt >= QUICK_THROTTLE_RETRIES) throw error;
      await pause((options.throttleBackoffMs ?? 200) * 2 ** attempt);
    }
  }
}

/** The mark is retried: the mail is out, so the record must not be given up lightly. */
async function markSent(deps: SenderDeps, item: ReminderItem, token: string, sent: Parameters<SenderDeps['store']['markSent']>[2]): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (!(await deps.store.markSent(item, token, sent))) {
        logLine('warn', 'reminder sent but claim no longer ours', { reminderId: item.reminderId });
      }
      return;
    } catch (error) {
      if (attempt >= MARK_ATTEMPTS) throw error;
      await pause(100 * attempt);
    }
  }
}

async function fail(deps: SenderDeps, item: ReminderItem, reason: string, now: string): Promise<RecordResult> {
  if (await deps.store.markFailed(item, reason, now)) deps.observe({ type: 'failed', reminderId: item.reminderId, reason });
  return 'done';
}

/** The template input for a stored stage: identifiers, rule texts and dates only. */
export function mailInput(item: ReminderItem, appBaseUrl: string): MailInput {
  const common = { reference: item.reference, caseId: item.caseId, baseUrl: appBaseUrl, reminderId: item.reminderId, to: item.to };
  if (item.kind === 'melding') {
    return { ...common, kind: 'melding', notificationId: item.ruleId, occurredOn: item.occurredOn ?? toAmsterdamDate(item.fireAt), ...(item.correction ? { correction: true } : {}) };
  }
  return {
    ...common,
    kind: 'deadline',
    ruleId: item.ruleId,
    ...(item.ruleKind ? { ruleKind: item.ruleKind } : {}),
    title: item.title,
    ...(item.source ? { source: item.source } : {}),
    actor: item.actor ?? 'begeleider',
    stage: item.stage,
    dueDate: item.dueDate ?? toAmsterdamDate(item.fireAt),
  };
}

/**
 * The SES message tags of a stage: enough to find it again from SES's own Send/Delivery event (issue 16), in the
 * characters SES allows in a tag value (A-Z a-z 0-9 _ -): the case id and the sort key as base64url.
 */
export function reminderTags(item: Pick<ReminderItem, 'reminderId' | 'stage' | 'caseId' | 'SK'>): Record<string, string> {
  return { reminderId: item.reminderId, stage: item.stage, caseId: item.caseId, reminderKey: Buffer.from(item.SK, 'utf8').toString('base64url') };
}

/** The stage a Send/Delivery event's tags name, or undefined when they name none. */
export function reminderOfTags(tags: Record<string, string>): { reminderId: string; key: { PK: string; SK: string } } | undefined {
  const { reminderId, caseId, reminderKey } = tags;
  if (!reminderId || !caseId || !reminderKey) return undefined;
  const SK = Buffer.from(reminderKey, 'base64url').toString('utf8');
  return SK.startsWith('REM#') ? { reminderId, key: { PK: `CASE#${caseId}`, SK } } : undefined;
}

