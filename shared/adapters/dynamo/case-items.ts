/**
 * The case partition's items besides the case, its events and its memberships, decoded into LoadedCase's typed
 * fields (app/ports.ts `CaseItems`): the one place that reads them by `entity` and strips what only the table needs
 * (keys, index attributes).
 */
import type { CaseItems, DeadlineIndexEntry } from '#app/ports.js';
import { DRAFT_ENTITY, type Draft } from '#domain/drafts.js';
import type { RetentionRecord } from '#domain/retention.js';
import type { WonenItem } from '#domain/wonen-queue.js';
import { isOutboxItem, isReminderItem } from './reminder-items.js';
import { ENTITIES, INDEXES, keys, TABLE } from './table.js';

const STORE_ONLY = new Set([TABLE.partitionKey, TABLE.sortKey, 'entity', ...INDEXES.flatMap((i) => [i.partitionKey, i.sortKey])]);

function strip(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !STORE_ONLY.has(name)));
}

const DEADLINE_PARTITION_PREFIX = keys.deadlinePartition('');

function deadlineIndexEntryOf(item: Record<string, unknown>): DeadlineIndexEntry {
  const partition = String(item[TABLE.indexes.byQueue.partitionKey] ?? '');
  return {
    organisationId: partition.slice(DEADLINE_PARTITION_PREFIX.length),
    deadlineId: item.deadlineId as string,
    dueAt: item.dueAt as string,
    regio: item.regio as string,
  };
}

function draftOf(item: Record<string, unknown>): Draft {
  return {
    caseId: item.caseId as string,
    action: item.action as string,
    organisationId: item.organisationId as string,
    input: item.input as Record<string, unknown>,
    version: item.version as number,
    savedAt: item.savedAt as string,
    savedBy: item.savedBy as string,
  };
}

/** Sorts the items into their fields; items of no field here (e.g. monitor facts live elsewhere) are left out. */
export function caseItemsOf(items: Record<string, unknown>[]): CaseItems {
  const decoded: CaseItems = { reminders: [], outbox: [], wonenItems: [], deadlineIndex: [], drafts: [] };
  for (const item of items) {
    if (isReminderItem(item)) decoded.reminders.push(item);
    else if (isOutboxItem(item)) decoded.outbox.push(item);
    else if (item.entity === ENTITIES.wonenItem) decoded.wonenItems.push(strip(item) as unknown as WonenItem);
    else if (item.entity === ENTITIES.deadlineIndex) decoded.deadlineIndex.push(deadlineIndexEntryOf(item));
    else if (item.entity === DRAFT_ENTITY) decoded.drafts.push(draftOf(item));
    else if (item.entity === ENTITIES.retention) decoded.retention = strip(item) as unknown as RetentionRecord;
  }
  return decoded;
}
