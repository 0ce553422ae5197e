/**
 * Working Wonen's queue: list it by due date (GET /wonen/queue) and pick items up (POST /wonen/items/…/status).
 * Decisions themselves are the decision forms (POST /cases/{caseId}/forms/besluit-…), which close their item in the
 * form's own transaction (planner.ts).
 */
import * as z from 'zod';
import { toAmsterdamDate } from '#domain/calendar.js';
import type { SameType } from '#domain/same-type.js';
import type { Regio } from '#domain/case.js';
import { Forbidden, NotFound } from '#domain/errors.js';
import type { Principal } from '#domain/roles.js';
import { checkStatusChange, isRegio, OPEN_STATUSES, queueEntry, queueEntrySchema, type QueueEntry, type WonenStatus } from '#domain/wonen-queue.js';
import { idempotent, type Answer, type IdempotentRequest } from '../idempotency.js';
import { pageSchema, type AppDeps, type Page } from '../ports.js';
import type { WonenStore } from './ports.js';
import type { WonenItemStatusBody, WonenQueueQuery } from './schemas.js';

export interface WonenDeps extends AppDeps {
  wonen: WonenStore;
}

/**
 * Only the medewerker Wonen works the queue, in the regio of the token (`custom:regio`). A token without a regio works
 * in none: it sees an empty queue and changes nothing, as `canSeeCase` (access.ts: safe by default) says (issue 16).
 */
export function wonenRegioOf(principal: Principal): Regio | undefined {
  if (principal.role !== 'medewerker-wonen') throw new Forbidden('Alleen de afdeling Wonen werkt de Wonen-wachtrij.');
  if (principal.regio === undefined) return undefined;
  if (!isRegio(principal.regio)) throw new Forbidden(`Onbekende regio '${principal.regio}' in het token.`);
  return principal.regio;
}

/** GET /wonen/queue: a page of queue entries and the day (Europe/Amsterdam) their werkdagen are counted from. */
export const wonenQueuePageSchema = pageSchema(queueEntrySchema).extend({ today: z.iso.date() });
const _queuePage: SameType<z.infer<typeof wonenQueuePageSchema>, { items: QueueEntry[]; cursor?: string; today: string }> = true;
void _queuePage;

/** The queue sorted by due date, with werkdagen left from today (Europe/Amsterdam) and an overdue flag. */
export async function listWonenQueue(deps: WonenDeps, principal: Principal, query: WonenQueueQuery): Promise<Page<QueueEntry> & { today: string }> {
  const regio = wonenRegioOf(principal);
  const today = toAmsterdamDate(deps.clock.now());
  if (!regio) return { today, items: [] };
  const statuses: readonly WonenStatus[] = query.status ? [query.status] : OPEN_STATUSES;
  const page = await deps.wonen.listQueue(regio, statuses, {
    limit: query.limit,
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return { today, items: page.items.map((item) => queueEntry(item, today)), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/**
 * Moves a queue item: nieuw ⇄ in-behandeling, or an einde-verhuur item to besloten ('geregistreerd'). Idempotent per
 * Idempotency-Key; the update is conditional on the status the change was decided on, so it never reopens an item a
 * decision form closed meanwhile (409).
 */
export async function changeWonenItemStatus(
  deps: WonenDeps,
  principal: Principal,
  target: { caseId: string; seq: number },
  body: WonenItemStatusBody,
  request: IdempotentRequest,
): Promise<Answer> {
  const regio = wonenRegioOf(principal);
  return idempotent(deps.store, principal, request, async (recordFor) => {
    const item = await deps.wonen.getItem(target.caseId, target.seq);
    // Another regio's item (or any, without a regio) answers like a missing one: no oracle for foreign ids.
    if (!item || !regio || item.regio !== regio) throw new NotFound('Er is geen item met dit kenmerk in uw Wonen-wachtrij.');
    const now = deps.clock.now();
    const today = toAmsterdamDate(now);
    if (!checkStatusChange(item, body.status)) return { statusCode: 200, body: queueEntry(item, today) };
    const closes = body.status === 'besloten';
    const after = {
      ...item,
      status: body.status,
      statusChangedAt: now,
      statusChangedBy: principal.userId,
      ...(closes ? { decision: 'geregistreerd', decidedOn: today } : {}),
    };
    const response = { statusCode: 200, body: queueEntry(after, today) };
    await deps.wonen.changeStatus(
      item,
      { to: body.status, at: now, by: principal.userId, ...(closes ? { decision: 'geregistreerd', decidedOn: today } : {}) },
      recordFor(response),
    );
    return response;
  });
}
