/**
 * Bounce records and SES event markers in the one table (keys: table.ts `keys.bounce`, `keys.sesEvent`).
 *
 *   BOUNCE#<address>   / BOUNCE    the address's record; GSI3 `BOUNCES#<org>` / `<lastAt>#<address>` (the beheerder's list)
 *   SESEVENT#<key>     / SESEVENT  "this SES event was processed" (TTL), put in the same transaction as the records
 *
 * Every write is conditional: the marker only if absent (a redelivered event writes nothing), a record only if its
 * version is the one the new state was computed from.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, type BatchGetCommandOutput, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BounceStore, WriteOutcome } from '#app/mail-health/ports.js';
import type { Page } from '#app/ports.js';
import type { BounceRecord } from '#domain/mail-health.js';
import { queryPage } from './query.js';
import { keys, TABLE } from './table.js';

const GSI3 = TABLE.indexes.byQueue;
/** Markers outlive every redelivery (EventBridge retries for up to 24 h, SNS for longer with a DLQ redrive). */
export const SES_EVENT_MARKER_DAYS = 30;
const BATCH_GET_LIMIT = 100;

export class DynamoBounceStore implements BounceStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(address: string): Promise<BounceRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.bounce(address), ConsistentRead: true }));
    return out.Item ? toRecord(out.Item) : undefined;
  }

  async writeEvent(eventKey: string, at: string, records: Array<{ record: BounceRecord; expectedVersion: number }>): Promise<WriteOutcome> {
    const expiresAt = Math.floor(Date.parse(at) / 1000) + SES_EVENT_MARKER_DAYS * 86_400;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.sesEvent(eventKey), entity: 'ses-event', processedAt: at, addresses: records.length, expiresAt },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            ...records.map(({ record, expectedVersion }) => ({ Put: this.put(record, expectedVersion) })),
          ],
        }),
      );
      return 'written';
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'duplicate';
        if (reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')) return 'conflict';
      }
      throw error;
    }
  }

  async save(record: BounceRecord, expectedVersion: number): Promise<boolean> {
    try {
      await this.db.send(new PutCommand(this.put(record, expectedVersion)));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async suppressedAmong(addresses: readonly string[]): Promise<Set<string>> {
    const wanted = [...new Set(addresses.map((a) => a.toLowerCase()))];
    const suppressed = new Set<string>();
    for (let i = 0; i < wanted.length; i += BATCH_GET_LIMIT) {
      let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean; ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> }> | undefined = {
        [this.tableName]: {
          Keys: wanted.slice(i, i + BATCH_GET_LIMIT).map((a) => keys.bounce(a)),
          ConsistentRead: true,
          ProjectionExpression: '#a, #s',
          ExpressionAttributeNames: { '#a': 'address', '#s': 'suppressed' },
        },
      };
      for (let attempt = 0; request && Object.keys(request).length && attempt < 5; attempt += 1) {
        const out: BatchGetCommandOutput = await this.db.send(new BatchGetCommand({ RequestItems: request }));
        for (const item of out.Responses?.[this.tableName] ?? []) if (item.suppressed === true) suppressed.add(String(item.address));
        request = out.UnprocessedKeys?.[this.tableName]?.Keys?.length ? (out.UnprocessedKeys as typeof request) : undefined;
        if (request) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
      if (request) throw new Error('BatchGetItem left keys unprocessed (throttled)');
    }
    return suppressed;
  }

  async listByOrganisation(organisationId: string, query: { limit: number; cursor?: string; now: string }): Promise<Page<BounceRecord>> {
    const partition = keys.bounceQueuePartition(organisationId);
    const page = await queryPage(
      this.db,
      {
        TableName: this.tableName,
        IndexName: GSI3.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': GSI3.partitionKey },
        ExpressionAttributeValues: { ':pk': partition },
        ScanIndexForward: false,
      },
      { partitionAttribute: GSI3.partitionKey, partition, limit: query.limit, cursor: query.cursor },
    );
    const now = Math.floor(Date.parse(query.now) / 1000);
    return {
      // TTL deletes lazily: an expired record is not shown.
      items: page.items.filter((item) => typeof item.expiresAt !== 'number' || item.expiresAt > now).map(toRecord),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    };
  }

  private put(record: BounceRecord, expectedVersion: number) {
    return {
      TableName: this.tableName,
      Item: {
        ...keys.bounce(record.address),
        entity: 'bounce',
        ...record,
        [GSI3.partitionKey]: keys.bounceQueuePartition(record.organisationId),
        [GSI3.sortKey]: keys.bounceQueueSort(record.lastAt, record.address),
      },
      ...(expectedVersion === 0
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : { ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': expectedVersion } }),
    };
  }
}

function toRecord(item: Record<string, unknown>): BounceRecord {
  const { PK: _pk, SK: _sk, entity: _e, GSI3PK: _g, GSI3SK: _gs, ...record } = item;
  return record as unknown as BounceRecord;
}
