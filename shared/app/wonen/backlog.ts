/**
 * How late Wonen's queue is: the werkdagen by which the oldest open item (nieuw or in behandeling) is past its
 * 5-werkdagen due date, over the given regios; 0 when nothing is overdue. Received order is due order (adding
 * werkdagen is monotonic), so the head of each open partition of the queue index is the candidate: one small Query
 * per regio and open status (shared/adapters/dynamo/wonen-backlog.ts), never a scan.
 *
 * Reported as the metric WonenOldestOverdueWerkdagen by the reminder dispatcher, which runs every 5 minutes: the
 * value (and its alarm) follows an item being handled within minutes, where the daily digest would keep an alarm
 * raised until the next werkdag's 08:00.
 */
import { toAmsterdamDate } from '#domain/calendar.js';
import type { Regio } from '#domain/case.js';
import type { Clock } from '#domain/clock.js';
import { werkdagenOverdue } from '#domain/werkdagen.js';
import { OPEN_STATUSES, type WonenStatus } from '#domain/wonen-queue.js';
import type { WonenBacklogStore } from './ports.js';

export type { WonenBacklogStore } from './ports.js';

export interface OldestOverdue {
  /** Werkdagen past due of the oldest overdue open item; 0 when none is overdue. */
  werkdagen: number;
  /** That item (identifiers only), when one is overdue. */
  item?: { reference: string; caseId: string; regio: Regio; status: WonenStatus; dueDate: string };
}

export async function oldestOverdueWonenItem(deps: { backlog: WonenBacklogStore; clock: Clock }, regios: readonly Regio[]): Promise<OldestOverdue> {
  const now = deps.clock.now();
  const today = toAmsterdamDate(now);
  let result: OldestOverdue = { werkdagen: 0 };
  for (const regio of regios) {
    for (const status of OPEN_STATUSES) {
      const item = await deps.backlog.oldestOpen(regio, status, now);
      if (!item || !(today > item.dueDate)) continue;
      const werkdagen = werkdagenOverdue(item.dueDate, today, item.regio);
      if (!result.item || werkdagen > result.werkdagen || (werkdagen === result.werkdagen && item.dueDate < result.item.dueDate)) {
        result = { werkdagen, item: { reference: item.reference, caseId: item.caseId, regio: item.regio, status: item.status, dueDate: item.dueDate } };
      }
    }
  }
  return result;
}
