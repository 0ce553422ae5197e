import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { MonitorReader, OverdueDeadline } from '#app/monitor/ports.js';
import { systemClock, type Clock } from '#domain/clock.js';
import type { CountedFact } from '#domain/monitor.js';
import { PHASES, type Phase } from '#domain/phases.js';
import { keys, TABLE } from './table.js';

/** Reads the monitor figures: Queries of one partition or index key each, paged to the end; never a scan. */
export class DynamoMonitorReader implements MonitorReader {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  private async queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<{ items: Record<string, unknown>[]; count: number }> {
    const items: Record<string, unknown>[] = [];
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey: start }));
      items.push(...(out.Items ?? []));
      count += out.Count ?? 0;
      start = out.LastEvaluatedKey;
    } while (start);
    return { items, count };
  }

  /** Items whose `expiresAt` has passed are gone (TTL deletes lazily). */
  private liveFilter(): { expression: string; values: Record<string, unknown> } {
    return { expression: '(attribute_not_exists(#ttl) OR #ttl > :nowEpoch)', values: { ':nowEpoch': Math.floor(Date.parse(this.clock.now()) / 1000) } };
  }

  async facts(organisationId: string, month: string, regio?: string): Promise<CountedFact[]> {
    const { items } = await this.queryAll({
      KeyConditionExpression: regio ? '#pk = :pk AND begins_with(#sk, :regio)' : '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE.partitionKey, ...(regio ? { '#sk': TABLE.sortKey } : {}), '#counter': 'counter', '#phase': 'phase', '#days': 'days', '#outcome': 'outcome' },
      ExpressionAttributeValues: { ':pk': keys.monitorPartition(organisationId, month), ...(regio ? { ':regio': keys.monitorRegioPrefix(regio) } : {}) },
      ProjectionExpression: '#counter, #phase, #days, #outcome',
    });
    return items.map((item) => ({
      counter: item.counter as CountedFact['counter'],
      ...(typeof item.phase === 'string' ? { phase: item.phase as Phase } : {}),
      ...(typeof item.days === 'number' ? { days: item.days } : {}),
      ...(typeof item.outcome === 'string' ? { outcome: item.outcome as CountedFact['outcome'] } : {}),
    }));
  }

  async openDeadlinesDue(organisationId: string, from: string, before: string, regio?: string): Promise<OverdueDeadline[]> {
    const index = TABLE.indexes.byQueue;
    const live = this.liveFilter();
    const { items } = await this.queryAll({
      IndexName: index.name,
      // GSI3SK is `<dueAt>#<caseId>#<deadlineId>`: every due instant >= from and < before.
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :before',
      FilterExpression: regio ? `${live.expression} AND #regio = :regio` : live.expression,
      ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey, '#ttl': TABLE.ttlAttribute, '#dueDate': 'dueDate', '#ruleId': 'ruleId', ...(regio ? { '#regio': 'regio' } : {}) },
      ExpressionAttributeValues: { ':pk': keys.deadlinePartition(organisationId), ':from': from, ':before': before, ...live.values, ...(regio ? { ':regio': regio } : {}) },
      ProjectionExpression: '#dueDate, #ruleId',
    });
    return items.map((item) => ({ dueDate: item.dueDate as string, ruleId: item.ruleId as string }));
  }

  async casesPerPhase(organisationId: string, regio?: string): Promise<Record<Phase, number>> {
    const index = TABLE.indexes.byOrganisation;
    const live = this.liveFilter();
    const counts = await Promise.all(
      PHASES.map(async (phase) => {
        const { count } = await this.queryAll({
          IndexName: index.name,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :phase)',
          FilterExpression: regio ? `${live.expression} AND #regio = :regio` : live.expression,
          ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey, '#ttl': TABLE.ttlAttribute, ...(regio ? { '#regio': 'regio' } : {}) },
          ExpressionAttributeValues: { ':pk': keys.organisationPartition(organisationId), ':phase': `${phase}#`, ...live.values, ...(regio ? { ':regio': regio } : {}) },
          Select: 'COUNT',
        });
        return [phase, count] as const;
      }),
    );
    return Object.fromEntries(counts) as Record<Phase, number>;
  }
}
