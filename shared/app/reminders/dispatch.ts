/**
 * The dispatcher run (invoked by EventBridge Scheduler every few minutes, locally by the local scheduler): reads
 * ONLY the due index (GSI2), shard by shard, for items due by now, and
 * - reminder stages (pending): leases each with a conditional write (GSI2SK moves to `<now+lease>#id`, fireAt stays)
 *   and puts the leased ones on SQS, ten per SendMessageBatch. Two dispatchers, or a repeated run, lease each item
 *   at most once: the loser's condition fails and it sends nothing. A stage whose message is lost (SQS failure, DLQ)
 *   comes back into the due window when its lease ends and is dispatched again.
 * - reminder stages stuck in `sending` (their claim ran out, see send.ts, and no SES Send/Delivery event marked them
 *   sent meanwhile): released to `pending`, due now, and sent again (issue 16; the status table is
 *   #domain/reminder-status).
 * - outbox events (pending): leased the same way, relayed with PutEvents, marked published with a conditional
 *   write; a failed PutEvents releases the lease so the next run retries (at least once).
 * Cost grows with the number of due items, never with the number of cases.
 */
import { nextReminderStatus } from '#domain/reminder-status.js';
import { DUE_SHARD_COUNT, normaliseInstant, type DispatcherDeps, type DueItem, type OutboxItem, type ReminderItem, type ReminderMessage } from './ports.js';

export interface DispatchResult {
  dispatched: number;
  published: number;
  /** Claims whose doubt wait ran out without an SES event: back to pending, sent again. */
  doubtReleased: number;
  /** Items another dispatcher leased first, or that changed under us. */
  contended: number;
  queueFailures: number;
  publishFailures: number;
  /** False when the time budget ran out before every shard was read to the end (the next run continues). */
  complete: boolean;
}

export interface DispatchOptions {
  /** Stop paging when this returns true (the Lambda's remaining time); the next run picks up the rest. */
  outOfTime?: () => boolean;
  pageSize?: number;
  /** Conditional writes in flight per shard. */
  concurrency?: number;
}

const MINUTE = 60_000;

export async function dispatchDue(deps: DispatcherDeps, options: DispatchOptions = {}): Promise<DispatchResult> {
  const now = normaliseInstant(deps.clock.now());
  const result: DispatchResult = { dispatched: 0, published: 0, doubtReleased: 0, contended: 0, queueFailures: 0, publishFailures: 0, complete: true };
  const shards = Array.from({ length: DUE_SHARD_COUNT }, (_, shard) => shard);
  await Promise.all(shards.map((shard) => dispatchShard(deps, shard, now, options, result)));
  return result;
}

async function dispatchShard(deps: DispatcherDeps, shard: number, now: string, options: DispatchOptions, result: DispatchResult): Promise<void> {
  let cursor: Record<string, unknown> | undefined;
  do {
    if (options.outOfTime?.()) {
      result.complete = false;
      return;
    }
    const page = await deps.store.queryDue(shard, now, options.pageSize ?? 100, cursor);
    await handlePage(deps, page.items, now, options.concurrency ?? 10, result);
    cursor = page.cursor;
  } while (cursor);
}

async function handlePage(deps: DispatcherDeps, items: DueItem[], now: string, concurrency: number, result: DispatchResult): Promise<void> {
  const leaseUntil = new Date(Date.parse(now) + deps.config.leaseMinutes * MINUTE).toISOString();
  const reminders = items.filter((i): i is ReminderItem => i.entity === 'reminder');
  const outbox = items.filter((i): i is OutboxItem => i.entity === 'outbox' && i.outboxStatus === 'pending');

  // Reminder stages.
  const pending = reminders.filter((r) => nextReminderStatus(r.reminderStatus, 'lease'));
  const leased = await filterLimited(pending, concurrency, (r) => deps.store.lease(r, leaseUntil, now));
  result.contended += pending.length - leased.length;
  if (leased.length) {
    const messages: ReminderMessage[] = leased.map((r) => ({ reminderId: r.reminderId, caseId: r.caseId, stage: r.stage, key: { PK: r.PK, SK: r.SK } }));
    const { failed } = await deps.queue.send(messages);
    const failedIds = new Set(failed);
    result.queueFailures += failedIds.size;
    for (const m of messages) {
      if (failedIds.has(m.reminderId)) continue;
      result.dispatched += 1;
      deps.observe({ type: 'dispatched', reminderId: m.reminderId });
    }
  }
  // A claim whose time ran out (the doubt wait, CLAIM_TIMEOUT_MINUTES): the sender died between SES and the mark, or
  // SES answered ambiguously. Had SES accepted the mail, its Send event would have marked the stage sent by now
  // (ses-events, seconds after the send), so it did not: send it again. The conditional write on the claim token
  // makes the release happen once, and a late event still wins over the resend (confirmSent accepts pending).
  const stuck = reminders.filter((r) => r.claimToken && nextReminderStatus(r.reminderStatus, 'releaseInDoubt', true));
  const released = await filterLimited(stuck, concurrency, (r) => deps.store.releaseInDoubt(r, { reminderId: r.reminderId, token: r.claimToken!, now }));
  for (const r of released) {
    result.doubtReleased += 1;
    deps.observe({ type: 'doubt-released', reminderId: r.reminderId });
  }

  // Outbox events.
  const leasedEvents = await filterLimited(outbox, concurrency, (o) => deps.store.lease(o, leaseUntil, now));
  result.contended += outbox.length - leasedEvents.length;
  if (leasedEvents.length) {
    const { failed } = await deps.publisher.publish(
      leasedEvents.map((o) => ({ eventId: o.eventId, detailType: o.detailType, detail: { ...o.detail }, time: o.recordedAt })),
    );
    const failedIds = new Set(failed);
    const expiresAt = Math.floor(Date.parse(now) / 1000) + deps.config.outboxRetentionDays * 86_400;
    await forEachLimited(leasedEvents, concurrency, async (o) => {
      if (failedIds.has(o.eventId)) {
        result.publishFailures += 1;
        deps.observe({ type: 'publish-failed', eventId: o.eventId });
        await deps.store.releaseOutbox(o, leaseUntil);
        return;
      }
      if (await deps.store.markPublished(o, now, expiresAt)) {
        result.published += 1;
        deps.observe({ type: 'published', eventId: o.eventId });
      }
    });
  }
}

/** Runs `fn` over `items`, at most `limit` at a time; keeps the items for which it answered true. */
async function filterLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<boolean>): Promise<T[]> {
  const kept: boolean[] = new Array<boolean>(items.length).fill(false);
  await forEachLimited(items.map((item, index) => ({ item, index })), limit, async ({ item, index }) => {
    kept[index] = await fn(item);
  });
  return items.filter((_, index) => kept[index]);
}

async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  });
  await Promise.all(workers);
}
