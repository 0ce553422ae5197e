/**
 * Mail to the woonzaken mailbox: matched to its case by reference and attached to the case's history as a
 * 'mail-ontvangen' event, or put on the unmatched list for a person to link, or refused.
 *
 * Privacy: the event holds the metadata only (sender address, subject, received at, attachment names, types, sizes
 * and checksums) and pointers; the body text and the attachments stay in the encrypted inbox bucket. A mail to
 * woonzaken may carry health details (a behandelaar's letter, a begeleider's explanation): case events are copied into
 * timelines, listings, exports and the outbox's domain events, the bucket is not. Reading the body is a separate,
 * access-checked step.
 *
 * Idempotency: the mail id is derived from the Message-ID (else the S3 key); the inbound record
 * `INBOUND#<mailId>` is written with a not-exists condition in the same transaction as the case event, so processing
 * the same object twice (S3 at-least-once events, Lambda retries) attaches once.
 */
import type { Regio } from '#domain/case.js';
import { escapeHtml } from '#domain/mail/format.js';
import {
  checkAttachments,
  referenceOf,
  routeInbound,
  safeObjectName,
  sizeRefusal,
  type RefusalReason,
} from '#domain/inbound-mail.js';
import type { Actor } from '#domain/roles.js';
import { createHash } from 'node:crypto';
import { errorFields, logger } from '#observability/logger.js';
import type { AppDeps, Mailer } from '../ports.js';
import { changeCase } from '../change-case.js';
import { mailEventChange } from './mail-event.js';
import { parseMail, type ParsedMail } from './parse-mail.js';
import type { InboundRecord, MailObjectStore, StoredAttachment, WonenStore } from './ports.js';

/**
 * The deterministic id of a received mail: from its Message-ID when it has one (the same mail stored twice, e.g.
 * addressed to two of our addresses, is processed once), else from the S3 object key SES stored it under.
 */
export function mailIdOf(messageId: string | undefined, objectKey: string): string {
  const normalized = messageId?.trim().replace(/^<|>$/g, '');
  const source = normalized ? `message-id:${normalized}` : `object:${objectKey}`;
  return createHash('sha256').update(source).digest('hex').slice(0, 32);
}

export interface InboundDeps extends AppDeps {
  wonen: WonenStore;
  mail: MailObjectStore;
  /** The regio the receiving mailbox serves (the Amsterdam woonzaken mailbox). */
  mailboxRegio: Regio;
  /** Who the history records as having attached an incoming mail: the Wonen organisation's inbox. */
  inboxActor: Actor;
  /** Notice to woonzaken when a mail is refused (optional). */
  /** Where refusals are told (woonzaken), and the werkplek the notice links to (APP_BASE_URL). */
  notice?: { mailer: Mailer; to: string; appBaseUrl?: string };
}

export type InboundOutcome =
  | { outcome: 'gekoppeld'; mailId: string; caseId: string; reference: string; eventSeq: number }
  | { outcome: 'niet-gekoppeld'; mailId: string; reason: string }
  | { outcome: 'geweigerd'; mailId: string; reason: string; detail: string }
  | { outcome: 'al-verwerkt'; mailId: string; status: InboundRecord['status'] };

const MAX_ATTEMPTS = 4;

/** Processes one raw mail stored under `objectKey` in the inbox bucket. Safe to call again for the same object. */
export async function receiveInboundMail(deps: InboundDeps, input: { objectKey: string; receivedAt?: string }): Promise<InboundOutcome> {
  const raw = await deps.mail.getRaw(input.objectKey);
  const receivedAt = input.receivedAt ?? deps.clock.now();
  let parsed: ParsedMail | undefined;
  // Too large: refused unparsed (mailparser would hold the whole mail and its decoded parts in memory).
  let refusal: { reason: RefusalReason; detail: string } | undefined = sizeRefusal(raw.length);
  if (!refusal) {
    try {
      parsed = await parseMail(raw);
    } catch (error) {
      refusal = { reason: 'onleesbaar', detail: `bericht niet te lezen (${(error as Error).name})` };
    }
  }
  const mailId = mailIdOf(parsed?.messageId, input.objectKey);
  const earlier = await deps.wonen.getInbound(mailId);
  if (earlier) return { outcome: 'al-verwerkt', mailId, status: earlier.status };

  const check = checkAttachments(parsed?.attachments ?? []);
  if (!refusal && parsed?.verdicts.virus?.toUpperCase() === 'FAIL') refusal = { reason: 'virus', detail: 'SES-virusscan: FAIL' };
  if (!refusal && check.refused.length) {
    refusal = { reason: 'verboden bijlage', detail: check.refused.map((r) => (r.extension ? `.${r.extension}: ${r.reason}` : r.reason)).join('; ') };
  }
  const reference = parsed ? referenceOf(parsed.subject, parsed.text) : undefined;
  const caseId = reference ? await deps.store.findByReference(reference) : undefined;
  const state = caseId ? await deps.store.getCase(caseId) : undefined;
  const decision = routeInbound({ ...(refusal ? { refusal } : {}), reference, caseRegio: state?.regio, mailboxRegio: deps.mailboxRegio });

  const base: InboundRecord = {
    mailId,
    regio: deps.mailboxRegio,
    status: 'niet-gekoppeld',
    from: parsed?.from ?? '',
    subject: (parsed?.subject ?? '').slice(0, 500),
    ...(parsed?.messageId ? { messageId: parsed.messageId } : {}),
    receivedAt,
    rawKey: input.objectKey,
    attachments: [],
    ...(reference ? { reference } : {}),
  };

  if (decision.outcome === 'refused') {
    const record: InboundRecord = {
      ...base,
      status: 'geweigerd',
      reason: decision.reason,
      detail: decision.detail,
      refusedAttachments: check.refused,
    };
    if (await deps.wonen.putInbound(record)) await sendRefusalNotice(deps, record);
    return { outcome: 'geweigerd', mailId, reason: decision.reason, detail: decision.detail };
  }

  // Accepted mail: body and attachments into the encrypted bucket first (deterministic keys: a retry overwrites the
  // same objects), then the record, so no record ever points at a missing object.
  const stored = await storeParts(deps.mail, mailId, parsed!, check.accepted);
  const record: InboundRecord = { ...base, ...stored, ...(check.skipped.length ? { skippedInline: check.skipped.length } : {}) };

  if (decision.outcome === 'unmatched') {
    const written = await deps.wonen.putInbound({ ...record, reason: decision.reason });
    if (!written) return { outcome: 'al-verwerkt', mailId, status: (await deps.wonen.getInbound(mailId))?.status ?? 'niet-gekoppeld' };
    return { outcome: 'niet-gekoppeld', mailId, reason: decision.reason };
  }

  return changeCase<InboundOutcome>(
    deps,
    caseId!,
    (loaded, now) => {
      const { after, event } = mailEventChange(loaded, record, deps.inboxActor, now);
      return {
        after,
        event,
        extra: [{ kind: 'inbound.attach', record: { ...record, status: 'gekoppeld', caseId: caseId!, eventSeq: event.seq } }],
        result: { outcome: 'gekoppeld', mailId, caseId: caseId!, reference: reference!, eventSeq: event.seq },
      };
    },
    {
      attempts: MAX_ATTEMPTS,
      // Either this mail was attached meanwhile (its record exists) or the case changed: then read again.
      settled: async () => {
        const now = await deps.wonen.getInbound(mailId);
        return now ? { outcome: 'al-verwerkt', mailId, status: now.status } : undefined;
      },
    },
  );
}

async function storeParts(
  mail: MailObjectStore,
  mailId: string,
  parsed: ParsedMail,
  accepted: ReturnType<typeof checkAttachments>['accepted'],
): Promise<Pick<InboundRecord, 'bodyKey' | 'attachments'>> {
  const bodyKey = `mail/${mailId}/body.txt`;
  await mail.putPart(bodyKey, parsed.text, 'text/plain; charset=utf-8');
  const attachments: StoredAttachment[] = [];
  for (const a of accepted) {
    const content = Buffer.from(parsed.attachments[a.index]!.content);
    const key = `mail/${mailId}/attachments/${String(a.index + 1).padStart(2, '0')}-${safeObjectName(a.filename)}`;
    await mail.putPart(key, content, a.contentType);
    attachments.push({
      name: a.filename.slice(0, 200),
      contentType: a.contentType,
      size: a.size,
      sha256: createHash('sha256').update(content).digest('hex'),
      key,
      ...(a.inline ? { inline: true } : {}),
    });
  }
  return { bodyKey, attachments };
}

async function sendRefusalNotice(deps: InboundDeps, record: InboundRecord): Promise<void> {
  if (!deps.notice) return;
  const lines = [
    'Een e-mail aan de woonzaken-mailbox is geweigerd en niet aan een dossier gekoppeld.',
    '',
    // Mails carry a reference and a link, never personal data: not the sender's address, a link to the item instead.
    `Ontvangen: ${record.receivedAt}`,
    ...(record.reference ? [`Kenmerk in het bericht: ${record.reference}`] : []),
    `Reden: ${record.reason}${record.detail ? ` (${record.detail})` : ''}`,
    '',
    'Vraag de afzender zo nodig het bericht opnieuw te sturen met bijlagen als pdf, jpg, png, docx, xlsx of txt.',
    `Het bericht staat in de lijst niet-gekoppelde e-mail (id ${record.mailId}):`,
    `${(deps.notice.appBaseUrl ?? '').replace(/\/$/, '')}/wonen/unmatched/${encodeURIComponent(record.mailId)}`,
  ];
  try {
    await deps.notice.mailer.send({
      to: [deps.notice.to],
      subject: `[Omslagroute] E-mail geweigerd: ${record.reason}`,
      text: lines.join('\n'),
      html: lines.map((l) => `<p>${escapeHtml(l)}</p>`).join(''),
      tags: { kind: 'inbound-refused', mailId: record.mailId },
    });
  } catch (error) {
    // A notice is a courtesy: the refusal is recorded and listed either way.
    logger.warn('refusal notice not sent', { mailId: record.mailId, ...errorFields(error) });
  }
}
