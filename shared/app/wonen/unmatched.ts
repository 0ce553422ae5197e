/**
 * The unmatched list (GET /wonen/unmatched, POST /wonen/unmatched/{mailId}/link): mail to woonzaken that matched no
 * case, or was refused, and linking it to a case by hand. Kept apart from inbound.ts so the HTTP function does not
 * carry the MIME parser.
 */
import * as z from 'zod';
import { canSeeCase } from '#domain/access.js';
import type { SameType } from '#domain/same-type.js';
import { CaseNotFound, DomainError, NotFound } from '#domain/errors.js';
import type { Principal } from '#domain/roles.js';
import { idempotent, type Answer, type IdempotentRequest } from '../idempotency.js';
import { pageSchema, type AppDeps, type CaseIntent, type Page, type StoredResponse } from '../ports.js';
import { changeCase } from '../change-case.js';
import { mailEventChange } from './mail-event.js';
import type { InboundRecord, MailObjectStore, WonenStore } from './ports.js';
import { wonenRegioOf } from './queue.js';

export interface UnmatchedEntry {
  mailId: string;
  status: 'niet-gekoppeld' | 'geweigerd';
  reason: string;
  detail?: string;
  from: string;
  subject: string;
  receivedAt: string;
  reference?: string;
  attachments: Array<{ name: string; contentType: string; size: number }>;
  refusedAttachments?: Array<{ extension: string; contentType: string; size: number; reason: string }>;
}

/** GET /wonen/unmatched lists these (checked against UnmatchedEntry); GET /wonen/unmatched/{id} adds `text`. */
export const unmatchedEntrySchema = z.object({
  mailId: z.string(),
  status: z.enum(['niet-gekoppeld', 'geweigerd']),
  reason: z.string(),
  detail: z.string().optional(),
  from: z.string(),
  subject: z.string(),
  receivedAt: z.string(),
  reference: z.string().optional(),
  attachments: z.array(z.object({ name: z.string(), contentType: z.string(), size: z.number().int().min(0) })),
  refusedAttachments: z.array(z.object({ extension: z.string(), contentType: z.string(), size: z.number().int().min(0), reason: z.string() })).optional(),
});
export const unmatchedPageSchema = pageSchema(unmatchedEntrySchema);
export const unmatchedMailReadSchema = unmatchedEntrySchema.extend({ text: z.string().optional().describe('The body as plain text; never the raw HTML') });
/** POST /wonen/unmatched/{id}/link answers (201): the mail, now gekoppeld, and the event it became in the case. */
export const linkedMailSchema = z.object({
  mailId: z.string(),
  status: z.literal('gekoppeld'),
  caseId: z.string(),
  reference: z.string(),
  event: z.object({ seq: z.number().int().min(1), type: z.literal('mail-ontvangen'), occurredOn: z.iso.date() }),
});
const _unmatchedEntry: SameType<z.infer<typeof unmatchedEntrySchema>, UnmatchedEntry> = true;
void _unmatchedEntry;

function unmatchedEntry(record: InboundRecord): UnmatchedEntry {
  return {
    mailId: record.mailId,
    status: record.status as UnmatchedEntry['status'],
    reason: record.reason ?? '',
    ...(record.detail ? { detail: record.detail } : {}),
    from: record.from,
    subject: record.subject,
    receivedAt: record.receivedAt,
    ...(record.reference ? { reference: record.reference } : {}),
    attachments: record.attachments.map(({ name, contentType, size }) => ({ name, contentType, size })),
    ...(record.refusedAttachments?.length
      ? { refusedAttachments: record.refusedAttachments.map(({ extension, contentType, size, reason }) => ({ extension, contentType, size, reason })) }
      : {}),
  };
}

/** Unmatched and refused mail of the caller's regio, oldest first. */
export async function listUnmatchedMail(
  deps: AppDeps & { wonen: WonenStore },
  principal: Principal,
  query: { limit: number; cursor?: string },
): Promise<Page<UnmatchedEntry>> {
  const regio = wonenRegioOf(principal);
  if (!regio) return { items: [] };
  const page = await deps.wonen.listUnmatched(regio, query);
  return { items: page.items.map(unmatchedEntry), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** One unmatched mail to read: its entry and the text of its body; attachments by name, type and size only. */
export interface UnmatchedMailRead extends UnmatchedEntry {
  /**
   * The body as plain text: the mail's text part, or its HTML converted to text when it had none (parse-mail.ts
   * htmlToText). Never the raw HTML. Absent for refused mail (its parts were not kept).
   */
  text?: string;
}

/**
 * GET /wonen/unmatched/{mailId}: the reading view the refused-mail notice links to (APP_BASE_URL/wonen/unmatched/<id>).
 * Another regio's mail, or an already linked one, answers 404 like a missing one.
 */
export async function readUnmatchedMail(
  deps: AppDeps & { wonen: WonenStore; mail?: Pick<MailObjectStore, 'getPart'> },
  principal: Principal,
  mailId: string,
): Promise<UnmatchedMailRead> {
  const regio = wonenRegioOf(principal);
  const record = await deps.wonen.getInbound(mailId);
  if (!record || !regio || record.regio !== regio || record.status === 'gekoppeld') throw new NotFound('Er is geen e-mail met dit id in uw lijst.');
  const text = record.bodyKey && deps.mail ? (await deps.mail.getPart(record.bodyKey)).toString('utf8') : undefined;
  return { ...unmatchedEntry(record), ...(text !== undefined ? { text } : {}) };
}

/** A mail that cannot be linked in its state (409). */
export class MailNotLinkable extends DomainError {
  readonly status = 409;
  readonly title = 'Deze e-mail kan niet (meer) gekoppeld worden';
  constructor(detail: string, status: string) {
    super(detail);
    this.extensions.mailStatus = status;
  }
}

/**
 * Links an unmatched mail to the case with `reference`: the same 'mail-ontvangen' event as an automatic match, with
 * who linked it; the record leaves the unmatched list in the same transaction (conditional on still being unmatched).
 */
export async function linkUnmatchedMail(
  deps: AppDeps & { wonen: WonenStore },
  principal: Principal,
  mailId: string,
  body: { reference: string },
  request: IdempotentRequest,
): Promise<Answer> {
  const regio = wonenRegioOf(principal);
  return idempotent(
    deps.store,
    principal,
    request,
    async (recordFor) => {
      const record = await deps.wonen.getInbound(mailId);
      if (!record || !regio || record.regio !== regio) throw new NotFound('Er is geen e-mail met dit id in uw lijst.');
      if (record.status === 'geweigerd') throw new MailNotLinkable('Een geweigerde e-mail wordt niet aan een dossier gekoppeld; vraag de afzender het opnieuw te sturen.', record.status);
      if (record.status === 'gekoppeld') throw new MailNotLinkable(`Deze e-mail is al gekoppeld aan ${record.reference ?? 'een dossier'}.`, record.status);
      const caseId = await deps.store.findByReference(body.reference);
      if (!caseId) throw new CaseNotFound();
      return changeCase(
        deps,
        caseId,
        (loaded, now) => {
          // The case must be one this medewerker may see, in the mailbox's regio (canSeeCase checks the regio).
          if (!loaded || loaded.state.regio !== record.regio || !canSeeCase(principal, loaded.state, loaded.history)) throw new CaseNotFound();
          const actor = { userId: principal.userId, organisationId: principal.organisationId, role: principal.role };
          const { after, event } = mailEventChange(loaded, record, actor, now, principal.userId);
          const response: StoredResponse = {
            statusCode: 201,
            body: { mailId, status: 'gekoppeld', caseId, reference: body.reference, event: { seq: event.seq, type: event.type, occurredOn: event.occurredOn } },
            headers: { location: `/cases/${caseId}` },
          };
          const link = linkEffect(mailId, { caseId, reference: body.reference, eventSeq: event.seq, linkedBy: principal.userId, linkedAt: now });
          return { after, event, extra: [link], idempotency: recordFor(response), result: response };
        },
        {
          // A lost race is read again from the mail record: linked meanwhile (by someone else) is said as such.
          settled: async () => {
            const now = await deps.wonen.getInbound(mailId);
            if (now?.status === 'gekoppeld') throw new MailNotLinkable(`Deze e-mail is al gekoppeld aan ${now.reference ?? 'een dossier'}.`, now.status);
            return undefined;
          },
        },
      );
    },
  );
}

/** The unmatched record becomes 'gekoppeld' and leaves the list, if still unmatched (else the commit fails). */
function linkEffect(mailId: string, link: Extract<CaseIntent, { kind: 'inbound.link' }>['link']): CaseIntent {
  return { kind: 'inbound.link', mailId, link };
}
