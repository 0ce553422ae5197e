/**
 * The reminder pipeline's DynamoDB operations: the due-index query (GSI2 only, so cost grows with due work, never
 * with the number of cases) and the conditional transitions of reminder stages and outbox items. Each stage
 * transition is one of the status table's (#domain/reminder-status), its condition derived from it (`statusCondition`).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CaseState } from '#domain/case.js';
import type { DuePage, DueItem, ReminderStore } from '#app/reminders/ports.js';
import { DUE_INDEX, reminderKeys, statusCondition, type OutboxItem, type ReminderItem, type ReminderKey } from './reminder-items.js';
import { keys } from './table.js';
import { queryAll } from './query.js';

type UpdateInput = ConstructorParameters<typeof UpdateCommand>[0];

export class DynamoReminderStore implements ReminderStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async queryDue(shard: number, now: string, limit: number, cursor?: Record<string, unknown>): Promise<DuePage> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: DUE_INDEX.name,
        KeyConditionExpression: '#pk = :pk AND #sk <= :upTo',
        ExpressionAttributeNames: { '#pk': DUE_INDEX.partitionKey, '#sk': DUE_INDEX.sortKey },
        ExpressionAttributeValues: { ':pk': reminderKeys.duePartition(shard), ':upTo': reminderKeys.dueUpTo(now) },
        Limit: limit,
        ExclusiveStartKey: cursor,
      }),
    );
    return { items: (out.Items ?? []) as DueItem[], ...(out.LastEvaluatedKey ? { cursor: out.LastEvaluatedKey } : {}) };
  }

  async lease(item: DueItem, until: string, now: string): Promise<boolean> {
    const id = item.entity === 'outbox' ? item.eventId : item.reminderId;
    const status = item.entity === 'outbox' ? { condition: 'outboxStatus = :pending', conditionValues: { ':pending': 'pending' } } : statusCondition('lease');
    return this.conditional({
      Key: keyOf(item),
      UpdateExpression: 'SET #sk = :leased, leaseUntil = :until, lastDispatchedAt = :now ADD dispatchCount :one',
      ConditionExpression: `#sk = :seen AND ${status.condition}`,
      ExpressionAttributeNames: { '#sk': DUE_INDEX.sortKey },
      ExpressionAttributeValues: {
        ':leased': reminderKeys.dueSort(until, id),
        ':until': until,
        ':now': now,
        ':one': 1,
        ':seen': item.GSI2SK,
        ...status.conditionValues,
      },
    });
  }

  async getReminder(key: ReminderKey): Promise<ReminderItem | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf(key), ConsistentRead: true }));
    return out.Item?.entity === 'reminder' ? (out.Item as ReminderItem) : undefined;
  }

  async getCase(caseId: string): Promise<CaseState | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.case(caseId), ConsistentRead: true }));
    return out.Item?.entity === 'case' ? (out.Item as unknown as CaseState) : undefined;
  }

  async claim(key: ReminderKey, claim: { reminderId: string; token: string; now: string; claimUntil: string }): Promise<boolean> {
    const move = statusCondition('claim');
    return this.conditional({
      Key: keyOf(key),
      UpdateExpression: `SET ${move.set}, claimToken = :token, claimedAt = :now, #sk = :claimSort ADD attempts :one`,
      ConditionExpression: `${move.condition} AND fireAt <= :now`,
      ExpressionAttributeNames: { '#sk': DUE_INDEX.sortKey },
      ExpressionAttributeValues: {
        ...move.values,
        ':token': claim.token,
        ':now': claim.now,
        ':claimSort': reminderKeys.dueSort(claim.claimUntil, claim.reminderId),
        ':one': 1,
      },
    });
  }

  async markSent(key: ReminderKey, token: string, sent: { now: string; messageId: string; recipients: string[]; unresolved: string[] }): Promise<boolean> {
    const move = statusCondition('markSent');
    return this.conditional({
      Key: keyOf(key),
      UpdateExpression: `SET ${move.set}, sentAt = :now, messageId = :messageId, recipients = :recipients${
        sent.unresolved.length ? ', unresolvedParties = :unresolved' : ''
      } REMOVE #pk, #sk, leaseUntil`,
      ConditionExpression: move.condition,
      ExpressionAttributeNames: { '#pk': DUE_INDEX.partitionKey, '#sk': DUE_INDEX.sortKey },
      ExpressionAttributeValues: {
        ...move.values,
        ':token': token,
        ':now': sent.now,
        ':messageId': sent.messageId,
        ':recipients': sent.recipients,
        ...(sent.unresolved.length ? { ':unresolved': sent.unresolved } : {}),
      },
    });
  }

  async release(key: ReminderKey, release: { reminderId: string; token: string; retryAt: string }): Promise<boolean> {
    const move = statusCondition('release');
    return this.conditional({
      Key: keyOf(key),
      UpdateExpression: `SET ${move.set}, #sk = :retrySort, leaseUntil = :retryAt REMOVE claimToken, claimedAt`,
      ConditionExpression: move.condition,
      ExpressionAttributeNames: { '#sk': DUE_INDEX.sortKey },
      ExpressionAttributeValues: {
        ...move.values,
        ':token': release.token,
        ':retryAt': release.retryAt,
        ':retrySort': reminderKeys.dueSort(release.retryAt, release.reminderId),
      },
    });
  }

  async cancelPending(key: ReminderKey, reason: string, now: string): Promise<boolean> {
    const move = statusCondition('supersede');
    return this.conditional({
      Key: keyOf(key),
      UpdateExpression: `SET ${move.set}, cancelledAt = :now, cancelReason = :reason REMOVE #pk, #sk, leaseUntil`,
      ConditionExpression: move.condition,
      ExpressionAttributeNames: { '#pk': DUE_INDEX.partitionKey, '#sk': DUE_INDEX.sortKey },
      ExpressionAttributeValues: { ...move.values, ':now': now, ':reason': reason },
    });
  }

  async markFailed(key: ReminderKey, reason: string, now: string, token?: string): Promise<boolean> {
    // With the claim: SES rejected it for good; without: nobody to send to, before any claim.
    const move = statusCondition(token ? 'reject' : 'failUndeliverable');
    return this.conditional({
      Key: keyOf(key),
      UpdateExpression: `SET ${move.set}, failedAt = :now, failReason = :reason REMOVE #pk, #sk, leaseUntil`,
      ConditionExpression: move.condition,
      ExpressionAttributeNames: { '#pk': DUE_INDEX.partitionKey, '#sk': DUE_INDEX.sortKey },
      ExpressionAttributeValues: { ...move.values, ':now': now, ':reason': reason, ...(token ? { ':token': token } : {}) },
    });
  }

  async releaseInDoubt(key: ReminderKey, release: { reminderId: string; token: string; now: string }): Promise<boolean> {
    const move = statusCondition('releaseInDoubt');
    return this.conditional({
      Key: keyOf(key),
      UpdateExpression: `SET ${move.set}, #sk = :dueSort, leaseUntil = :now REMOVE claimToken, claimedAt`,
      ConditionExpression: move.condition,
      ExpressionAttributeNames: { '#sk': DUE_INDEX.sortKey },
      ExpressionAttributeValues: {
        ...move.values,
        ':token': release.token,
        ':now': release.now,
        ':dueSort': reminderKeys.dueSort(release.now, release.reminderId),
      },
    });
  }

  async confirmSent(key: ReminderKey, confirm: { reminderId: string; sesMessageId: string; at: string }): Promise<boolean> {
    const move = statusCondition('confirmFromSes');
    return this.conditional({
      Key: keyOf(key),
      UpdateExpression: `SET ${move.set}, sentAt = if_not_exists(sentAt, :at), messageId = :messageId, confirmedBy = :ses REMOVE #pk, #sk, leaseUntil, claimToken, claimedAt`,
      ConditionExpression: `reminderId = :id AND ${move.condition}`,
      ExpressionAttributeNames: { '#pk': DUE_INDEX.partitionKey, '#sk': DUE_INDEX.sortKey },
      ExpressionAttributeValues: {
        ...move.values,
        ':id': confirm.reminderId,
        ':at': confirm.at,
        ':messageId': confirm.sesMessageId,
        ':ses': 'ses-event',
      },
    });
  }

  async markPublished(key: ReminderKey, now: string, expiresAt: number): Promise<boolean> {
    return this.conditional({
      Key: keyOf(key),
      UpdateExpression: 'SET outboxStatus = :published, publishedAt = :now, expiresAt = :expiresAt REMOVE #pk, #sk, leaseUntil',
      ConditionExpression: 'outboxStatus = :pending',
      ExpressionAttributeNames: { '#pk': DUE_INDEX.partitionKey, '#sk': DUE_INDEX.sortKey },
      ExpressionAttributeValues: { ':published': 'published', ':pending': 'pending', ':now': now, ':expiresAt': expiresAt },
    });
  }

  async releaseOutbox(item: OutboxItem, leasedUntil: string): Promise<boolean> {
    const leasedSort = reminderKeys.dueSort(leasedUntil, item.eventId);
    return this.conditional({
      Key: keyOf(item),
      UpdateExpression: 'SET #sk = :original REMOVE leaseUntil',
      ConditionExpression: 'outboxStatus = :pending AND #sk = :leased',
      ExpressionAttributeNames: { '#sk': DUE_INDEX.sortKey },
      ExpressionAttributeValues: { ':pending': 'pending', ':leased': leasedSort, ':original': item.GSI2SK },
    });
  }

  /** All reminder stages of a case (for tests, tools and a future UI). */
  async listReminders(caseId: string): Promise<ReminderItem[]> {
    return (await this.queryPrefix(caseId, reminderKeys.reminderPrefix)) as unknown as ReminderItem[];
  }

  async listOutbox(caseId: string): Promise<OutboxItem[]> {
    return (await this.queryPrefix(caseId, reminderKeys.outboxPrefix)) as unknown as OutboxItem[];
  }

  private async queryPrefix(caseId: string, prefix: string): Promise<Record<string, unknown>[]> {
    return queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.case(caseId).PK, ':prefix': prefix },
      ConsistentRead: true,
    });
  }

  private async conditional(input: Omit<UpdateInput, 'TableName'>): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand({ TableName: this.tableName, ...input }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

function keyOf(key: ReminderKey): ReminderKey {
  return { PK: key.PK, SK: key.SK };
}
