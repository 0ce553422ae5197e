/**
 * Store form of the Wonen concern's items (the one place their keys and index attributes are put together), used by
 * the intents of a change (intents.ts: writes in the form's transaction) and by the Wonen store (reads and status
 * changes).
 */
import { ENTITIES, keys, TABLE } from './table.js';
import type { Regio } from '#domain/case.js';
import type { WonenItem, WonenStatus } from '#domain/wonen-queue.js';
import type { InboundRecord } from '#app/wonen/ports.js';

export const WONEN_ITEM_ENTITY = ENTITIES.wonenItem;
export const INBOUND_ENTITY = 'inbound-mail';
export const DIGEST_ENTITY = 'wonen-digest';

const GSI3 = TABLE.indexes.byQueue;

/** The index attributes that place an item in its regio/status partition in received order. */
export function queueIndex(item: Pick<WonenItem, 'regio' | 'receivedOn' | 'caseId' | 'seq'>, status: WonenStatus): Record<string, string> {
  return {
    [GSI3.partitionKey]: keys.wonenQueuePartition(item.regio, status),
    [GSI3.sortKey]: keys.wonenQueueSort(item.receivedOn, item.caseId, item.seq),
  };
}

export function wonenItemToStore(item: WonenItem): Record<string, unknown> {
  return { ...keys.wonenItem(item.caseId, item.seq), entity: WONEN_ITEM_ENTITY, ...queueIndex(item, item.status), ...item };
}

const STORE_ONLY = new Set(['PK', 'SK', 'entity', GSI3.partitionKey, GSI3.sortKey, 'mailStatus']);

export function wonenItemFromStore(stored: Record<string, unknown>): WonenItem {
  return Object.fromEntries(Object.entries(stored).filter(([k]) => !STORE_ONLY.has(k))) as unknown as WonenItem;
}

/**
 * An inbound-mail record. `status` is stored as `mailStatus` (STATUS is a DynamoDB reserved word and conditions on it
 * are written in transactions). Unmatched and refused records are on GSI3 `UNMATCHED#<regio>` in received order;
 * attached ones are not indexed (sparse).
 */
export function inboundToStore(record: InboundRecord): Record<string, unknown> {
  const { status, ...rest } = record;
  return {
    ...keys.inboundMail(record.mailId),
    entity: INBOUND_ENTITY,
    ...rest,
    mailStatus: status,
    ...(status === 'gekoppeld' ? {} : unmatchedIndex(record.regio, record.receivedAt, record.mailId)),
  };
}

export function unmatchedIndex(regio: Regio, receivedAt: string, mailId: string): Record<string, string> {
  return { [GSI3.partitionKey]: keys.unmatchedPartition(regio), [GSI3.sortKey]: keys.unmatchedSort(receivedAt, mailId) };
}

export function inboundFromStore(stored: Record<string, unknown>): InboundRecord {
  const record = Object.fromEntries(Object.entries(stored).filter(([k]) => !STORE_ONLY.has(k))) as Record<string, unknown>;
  return { ...record, status: stored.mailStatus } as unknown as InboundRecord;
}
