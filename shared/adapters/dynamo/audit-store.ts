/**
 * DynamoDB adapter for the privacy concerns: the append-only audit trail (`AUDIT#<caseId>` / `<at>#<requestId>`;
 * list reads under `AUDITORG#<org>`), the retention queue (GSI3 `RETENTION#<yyyy-mm>`) and erasure through TTL.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { IdempotencyRace, type AuditEntry, type AuditStore, type IdempotencyRecord, type Page, type RetentionStore } from '#app/ports.js';
import { monthOf, type RetentionRecord } from '#domain/retention.js';
import type { Actor } from '#domain/roles.js';
import type { CaseEvent } from '#domain/case.js';
import { INDEXES, keys, TABLE } from './table.js';
import { idempotencyPut, queryAll, queryPage } from './query.js';

const STORE_ONLY = new Set(['PK', 'SK', 'entity', TABLE.ttlAttribute, ...INDEXES.flatMap((i) => [i.partitionKey, i.sortKey])]);
const INDEX_ATTRIBUTES = INDEXES.flatMap((i) => [i.partitionKey, i.sortKey]);

function strip(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !STORE_ONLY.has(name)));
}

function expired(item: Record<string, unknown>, nowEpoch: number): boolean {
  const at = item[TABLE.ttlAttribute];
  return typeof at === 'number' && at <= nowEpoch;
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string })?.name === 'ConditionalCheckFailedException';
}

export class DynamoPrivacyStore implements AuditStore, RetentionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  // ---------------------------------------------------------------------------------------------------------------
  // Audit trail: put-if-absent only. Nothing here updates or deletes an audit entry (TTL removes it after its period).

  async append(entry: AuditEntry, expiresAt: number): Promise<void> {
    const key = entry.caseId !== undefined ? keys.audit(entry.caseId, entry.at, entry.requestId) : keys.auditOrganisation(entry.listOf ?? entry.organisationId, entry.at, entry.requestId);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, entity: 'audit', ...entry, [TABLE.ttlAttribute]: expiresAt },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      // The same request recorded twice (a retried invocation): the first entry stands, unchanged.
      if (!isConditionFailure(error)) throw error;
    }
  }

  async listForCase(caseId: string, query: { limit: number; cursor?: string }, nowEpoch: number): Promise<Page<AuditEntry>> {
    const partition = keys.auditPartition(caseId);
    const page = await queryPage(
      this.db,
      { TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': partition }, ConsistentRead: true },
      { partitionAttribute: 'PK', partition, limit: query.limit, cursor: query.cursor },
    );
    return {
      items: page.items.filter((i) => !expired(i, nowEpoch)).map((i) => strip(i) as unknown as AuditEntry),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    };
  }

  async allForCase(caseId: string, nowEpoch: number): Promise<AuditEntry[]> {
    const all: AuditEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.listForCase(caseId, { limit: 500, ...(cursor ? { cursor } : {}) }, nowEpoch);
      all.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return all;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Retention

  async dueRetention(months: string[], now: string): Promise<RetentionRecord[]> {
    const index = TABLE.indexes.byQueue;
    const found: RetentionRecord[] = [];
    for (const month of months) {
      const items = await queryAll(this.db, {
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk AND #sk <= :upTo',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        // Sort keys are `<instant>#<caseId>`: everything up to now, whatever the case id.
        ExpressionAttributeValues: { ':pk': keys.retentionQueue(month), ':upTo': `${now}#\uffff` },
      });
      for (const item of items) if (item.entity === 'retention') found.push(strip(item) as unknown as RetentionRecord);
    }
    return found;
  }

  async markForErasure(record: RetentionRecord, eraseAt: string, now: string): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.retention(record.caseId),
        UpdateExpression: 'SET retentionState = :marked, eraseAt = :eraseAt, markedAt = :now, #qpk = :qpk, #qsk = :qsk',
        ConditionExpression: 'retentionState = :scheduled AND dueAt = :dueAt',
        ExpressionAttributeNames: { '#qpk': TABLE.indexes.byQueue.partitionKey, '#qsk': TABLE.indexes.byQueue.sortKey },
        ExpressionAttributeValues: {
          ':marked': 'marked',
          ':scheduled': 'scheduled',
          ':eraseAt': eraseAt,
          ':now': now,
          ':dueAt': record.dueAt,
          ':qpk': keys.retentionQueue(monthOf(eraseAt)),
          ':qsk': keys.retentionQueueSort(eraseAt, record.caseId),
        },
      }),
    );
  }

  async claimErasure(record: RetentionRecord): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.retention(record.caseId),
        UpdateExpression: 'SET retentionState = :erasing',
        ConditionExpression: '(retentionState = :marked AND eraseAt = :eraseAt) OR retentionState = :erasing',
        ExpressionAttributeValues: { ':marked': 'marked', ':erasing': 'erasing', ':eraseAt': record.eraseAt },
      }),
    );
  }

  async historyOf(caseId: string): Promise<CaseEvent[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :events)',
      ExpressionAttributeValues: { ':pk': keys.case(caseId).PK, ':events': keys.eventPrefix },
      ConsistentRead: true,
    });
    return items.map((item) => strip(item) as unknown as CaseEvent);
  }

  async erasePartition(caseId: string, expiresAt: number): Promise<number> {
    const items = await this.partition(`CASE#${caseId}`);
    // The case item first: from then on every read treats the case as gone, even if a later step fails.
    const ordered = [...items.filter((i) => i.entity === 'case'), ...items.filter((i) => i.entity !== 'case' && i.entity !== 'retention')];
    const reference = items.find((i) => i.entity === 'case')?.reference;
    const targets = ordered.map((i) => ({ PK: i.PK as string, SK: i.SK as string }));
    if (typeof reference === 'string') targets.push(keys.reference(reference));
    for (let i = 0; i < targets.length; i += 10) {
      await Promise.all(targets.slice(i, i + 10).map((key) => this.expire(key, expiresAt)));
    }
    return targets.length;
  }

  async finishErasure(record: RetentionRecord, expiresAt: number, now: string): Promise<void> {
    // False when an earlier run finished it already.
    await this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.retention(record.caseId),
        UpdateExpression: 'SET retentionState = :erased, erasedAt = :now, #ttl = :ttl REMOVE #qpk, #qsk',
        ConditionExpression: 'retentionState = :erasing',
        ExpressionAttributeNames: { '#ttl': TABLE.ttlAttribute, '#qpk': TABLE.indexes.byQueue.partitionKey, '#qsk': TABLE.indexes.byQueue.sortKey },
        ExpressionAttributeValues: { ':erased': 'erased', ':erasing': 'erasing', ':now': now, ':ttl': expiresAt },
      }),
    );
  }

  async revoke(record: RetentionRecord, change: { now: string; dueAt: string; by: Actor }, idempotency: IdempotencyRecord): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.retention(record.caseId),
                UpdateExpression:
                  'SET retentionState = :scheduled, dueAt = :dueAt, scheduledAt = :now, revokedAt = :now, revokedBy = :by, #qpk = :qpk, #qsk = :qsk REMOVE eraseAt, markedAt',
                ConditionExpression: 'retentionState = :marked AND eraseAt > :now',
                ExpressionAttributeNames: { '#qpk': TABLE.indexes.byQueue.partitionKey, '#qsk': TABLE.indexes.byQueue.sortKey },
                ExpressionAttributeValues: {
                  ':scheduled': 'scheduled',
                  ':marked': 'marked',
                  ':dueAt': change.dueAt,
                  ':now': change.now,
                  ':by': change.by,
                  ':qpk': keys.retentionQueue(monthOf(change.dueAt)),
                  ':qsk': keys.retentionQueueSort(change.dueAt, record.caseId),
                },
              },
            },
            idempotencyPut(this.tableName, idempotency, change.now),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        if (reasons[1]?.Code === 'ConditionalCheckFailed') throw new IdempotencyRace();
        if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
      }
      throw error;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  private async partition(pk: string): Promise<Record<string, unknown>[]> {
    return queryAll(this.db, { TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true });
  }

  /** Expires one item (never later than it would expire anyway) and removes it from every index at once. */
  private async expire(key: { PK: string; SK: string }, expiresAt: number): Promise<void> {
    const names: Record<string, string> = {};
    INDEX_ATTRIBUTES.forEach((attribute, i) => (names[`#i${i}`] = attribute));
    const removeIndexes = `REMOVE ${INDEX_ATTRIBUTES.map((_, i) => `#i${i}`).join(', ')}`;
    const lowered = await this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: `SET #ttl = :ttl ${removeIndexes}`,
        ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(#ttl) OR #ttl > :ttl)',
        ExpressionAttributeNames: { ...names, '#ttl': TABLE.ttlAttribute },
        ExpressionAttributeValues: { ':ttl': expiresAt },
      }),
    );
    if (!lowered) {
      // It expires earlier already (or is gone): still take it out of every index.
      await this.conditional(
        new UpdateCommand({ TableName: this.tableName, Key: key, UpdateExpression: removeIndexes, ConditionExpression: 'attribute_exists(PK)', ExpressionAttributeNames: names }),
      );
    }
  }

  private async conditional(command: UpdateCommand): Promise<boolean> {
    try {
      await this.db.send(command);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
