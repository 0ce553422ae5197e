/**
 * The Wonen queue and the inbound-mail records in the one table. Every read is a Query on GSI3 (`byQueue`) or a
 * GetItem: no scans.
 *
 * - Queue: `WONEN#<regio>#<status>` → `<receivedOn>#<caseId>#<seq>`. Received order is due order (adding werkdagen is
 *   monotonic), so a partition read is already sorted by due date. Without a status filter the open partitions
 *   (nieuw, in-behandeling) are read side by side and merged. The kind filter is a FilterExpression on the per-status
 *   partition (small: what Wonen has open in one regio); DynamoDB applies Limit before the filter, so a page is filled
 *   by reading on until `limit` items matched or the partition ends.
 * - Unmatched/refused inbound mail: `UNMATCHED#<regio>` → `<receivedAt>#<mailId>` (sparse: linking removes it).
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Regio } from '#domain/case.js';
import { ValidationFailed } from '#domain/errors.js';
import { WonenStatusConflict, type WonenItem, type WonenStatus } from '#domain/wonen-queue.js';
import { IdempotencyRace, type IdempotencyRecord, type Page } from '#app/ports.js';
import type { InboundRecord, QueueQuery, WonenStore } from '#app/wonen/ports.js';
import {
  DIGEST_ENTITY,
  inboundFromStore,
  inboundToStore,
  queueIndex,
  wonenItemFromStore,
} from './wonen-items.js';
import { keys, TABLE } from './table.js';
import { idempotencyPut, queryAll, queryPage } from './query.js';

const GSI3 = TABLE.indexes.byQueue;
/** Digest records are kept a while for the audit of what was sent, then expire. */
const DIGEST_TTL_SECONDS = 90 * 24 * 60 * 60;

type Key = Record<string, unknown>;

interface Candidate {
  item: Record<string, unknown>;
  status: WonenStatus;
}

export class DynamoWonenStore implements WonenStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listQueue(regio: Regio, statuses: readonly WonenStatus[], query: QueueQuery): Promise<Page<WonenItem>> {
    const positions = decodeQueueCursor(query.cursor, regio, statuses);
    const fetched = new Map<WonenStatus, { items: Record<string, unknown>[]; more: boolean }>();
    for (const status of statuses) {
      const position = positions[status];
      if (position === null) continue; // this partition was read to its end on an earlier page
      fetched.set(status, await this.readPartition(keys.wonenQueuePartition(regio, status), query.limit, position, query.kind));
    }
    const merged: Candidate[] = [...fetched].flatMap(([status, { items }]) => items.map((item) => ({ item, status })));
    merged.sort((a, b) => String(a.item[GSI3.sortKey]).localeCompare(String(b.item[GSI3.sortKey])));
    const page = merged.slice(0, query.limit);

    const next: Record<string, Key | null> = {};
    let anyLeft = false;
    for (const status of statuses) {
      const read = fetched.get(status);
      if (!read) {
        next[status] = null;
        continue;
      }
      const taken = page.filter((c) => c.status === status);
      const last = taken.at(-1)?.item;
      const allTaken = taken.length === read.items.length;
      if (allTaken && !read.more) next[status] = null;
      else next[status] = last ? indexKey(last) : (positions[status] ?? startMarker);
      if (next[status] !== null) anyLeft = true;
    }
    return {
      items: page.map((c) => wonenItemFromStore(c.item)),
      ...(anyLeft ? { cursor: encodeQueueCursor(next) } : {}),
    };
  }

  /** Up to `limit` matching items after `start`; `more` when the partition may hold further matches. */
  private async readPartition(
    partition: string,
    limit: number,
    start: Key | undefined,
    kind: string | undefined,
  ): Promise<{ items: Record<string, unknown>[]; more: boolean }> {
    const items: Record<string, unknown>[] = [];
    let exclusiveStart = start && start !== startMarker ? start : undefined;
    for (;;) {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: GSI3.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': GSI3.partitionKey, ...(kind ? { '#kind': 'kind' } : {}) },
          ExpressionAttributeValues: { ':pk': partition, ...(kind ? { ':kind': kind } : {}) },
          ...(kind ? { FilterExpression: '#kind = :kind' } : {}),
          Limit: limit,
          ExclusiveStartKey: exclusiveStart,
        }),
      );
      items.push(...(out.Items ?? []));
      exclusiveStart = out.LastEvaluatedKey;
      if (!exclusiveStart) return { items, more: false };
      if (items.length >= limit) return { items, more: true };
    }
  }

  async listReceivedBefore(regio: Regio, status: WonenStatus, receivedBefore: string): Promise<WonenItem[]> {
    const found = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: GSI3.name,
      KeyConditionExpression: '#pk = :pk AND #sk < :before',
      ExpressionAttributeNames: { '#pk': GSI3.partitionKey, '#sk': GSI3.sortKey },
      ExpressionAttributeValues: { ':pk': keys.wonenQueuePartition(regio, status), ':before': receivedBefore },
    });
    return found.map(wonenItemFromStore);
  }

  async getItem(caseId: string, seq: number): Promise<WonenItem | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.wonenItem(caseId, seq), ConsistentRead: true }));
    return out.Item ? wonenItemFromStore(out.Item) : undefined;
  }

  async changeStatus(
    item: WonenItem,
    change: { to: WonenStatus; at: string; by: string; decision?: string; decidedOn?: string },
    idempotency: IdempotencyRecord,
  ): Promise<void> {
    const index = queueIndex(item, change.to);
    const TableName = this.tableName;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName,
                Key: keys.wonenItem(item.caseId, item.seq),
                UpdateExpression:
                  'SET #status = :to, #gpk = :gpk, #gsk = :gsk, statusChangedAt = :at, statusChangedBy = :by' +
                  (change.decision ? ', decision = :decision, decidedOn = :decidedOn' : ''),
                // Only from the status the decision was taken on: a decision form that closed the item meanwhile wins.
                ConditionExpression: 'attribute_exists(PK) AND #gpk = :from',
                ExpressionAttributeNames: { '#status': 'status', '#gpk': GSI3.partitionKey, '#gsk': GSI3.sortKey },
                ExpressionAttributeValues: {
                  ':to': change.to,
                  ':gpk': index[GSI3.partitionKey],
                  ':gsk': index[GSI3.sortKey],
                  ':at': change.at,
                  ':by': change.by,
                  ':from': keys.wonenQueuePartition(item.regio, item.status),
                  ...(change.decision ? { ':decision': change.decision, ':decidedOn': change.decidedOn ?? change.at.slice(0, 10) } : {}),
                },
              },
            },
            idempotencyPut(TableName, idempotency, change.at),
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const [itemReason, idemReason] = error.CancellationReasons ?? [];
        if (idemReason?.Code === 'ConditionalCheckFailed') throw new IdempotencyRace();
        if (itemReason?.Code === 'ConditionalCheckFailed') {
          const current = await this.getItem(item.caseId, item.seq);
          throw new WonenStatusConflict(current?.status ?? item.status, change.to, 'Het item is intussen gewijzigd; haal de wachtrij opnieuw op.');
        }
      }
      throw error;
    }
  }

  async getInbound(mailId: string): Promise<InboundRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.inboundMail(mailId), ConsistentRead: true }));
    return out.Item ? inboundFromStore(out.Item) : undefined;
  }

  async putInbound(record: InboundRecord): Promise<boolean> {
    try {
      await this.db.send(new PutCommand({ TableName: this.tableName, Item: inboundToStore(record), ConditionExpression: 'attribute_not_exists(PK)' }));
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async listUnmatched(regio: Regio, query: { limit: number; cursor?: string }): Promise<Page<InboundRecord>> {
    const partition = keys.unmatchedPartition(regio);
    const page = await queryPage(
      this.db,
      { TableName: this.tableName, IndexName: GSI3.name, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': GSI3.partitionKey }, ExpressionAttributeValues: { ':pk': partition } },
      { partitionAttribute: GSI3.partitionKey, partition, limit: query.limit, cursor: query.cursor },
    );
    return { items: page.items.map(inboundFromStore), ...(page.cursor ? { cursor: page.cursor } : {}) };
  }

  async claimDigest(regio: Regio, date: string, at: string): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.wonenDigest(regio, date),
            entity: DIGEST_ENTITY,
            regio,
            date,
            digestStatus: 'sending',
            claimedAt: at,
            [TABLE.ttlAttribute]: Math.floor(Date.parse(at) / 1000) + DIGEST_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async markDigestSent(regio: Regio, date: string, messageId: string, at: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.wonenDigest(regio, date),
        UpdateExpression: 'SET digestStatus = :sent, messageId = :id, sentAt = :at',
        ExpressionAttributeValues: { ':sent': 'sent', ':id': messageId, ':at': at },
      }),
    );
  }

  async releaseDigest(regio: Regio, date: string): Promise<void> {
    await this.db.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: keys.wonenDigest(regio, date),
        ConditionExpression: 'digestStatus = :sending',
        ExpressionAttributeValues: { ':sending': 'sending' },
      }),
    ).catch((error: { name?: string }) => {
      if (error.name !== 'ConditionalCheckFailedException') throw error;
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Cursors: opaque, checked to belong to the partition(s) being read, so a cursor cannot open another regio's list.
// ---------------------------------------------------------------------------------------------------------------

/** Marks a partition whose reading has not started (nothing of it was on the earlier pages). */
const startMarker: Key = Object.freeze({ start: true });

function indexKey(item: Record<string, unknown>): Key {
  return { PK: item.PK, SK: item.SK, [GSI3.partitionKey]: item[GSI3.partitionKey], [GSI3.sortKey]: item[GSI3.sortKey] };
}

function encodeQueueCursor(positions: Record<string, Key | null>): string {
  return Buffer.from(JSON.stringify(positions)).toString('base64url');
}

function invalidCursor(): ValidationFailed {
  return new ValidationFailed([{ path: 'query.cursor', message: 'Ongeldige cursor' }]);
}

/** Per status: undefined = from the start, null = read to the end, else the key to continue after. */
function decodeQueueCursor(cursor: string | undefined, regio: Regio, statuses: readonly WonenStatus[]): Record<string, Key | null | undefined> {
  if (!cursor) return {};
  let positions: Record<string, Key | null>;
  try {
    positions = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, Key | null>;
  } catch {
    throw invalidCursor();
  }
  if (!positions || typeof positions !== 'object' || Object.keys(positions).some((s) => !statuses.includes(s as WonenStatus))) throw invalidCursor();
  const out: Record<string, Key | null | undefined> = {};
  for (const status of statuses) {
    const position = positions[status];
    if (position === null || position === undefined) out[status] = position === null ? null : undefined;
    else if ((position as { start?: unknown }).start === true) out[status] = startMarker;
    else if (position[GSI3.partitionKey] !== keys.wonenQueuePartition(regio, status)) throw invalidCursor();
    else out[status] = position;
  }
  return out;
}

