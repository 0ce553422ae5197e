import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeadlineIndexReader, OpenDeadline, Page } from '#app/ports.js';
import { queryPage } from './query.js';
import { keys, TABLE } from './table.js';

/** Reads an organisation's open deadlines by due instant from GSI3 (`DEADLINES#<org>`). */
export class DynamoDeadlineIndex implements DeadlineIndexReader {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listOpen(organisationId: string, query: { limit: number; cursor?: string; dueBefore?: string }): Promise<Page<Omit<OpenDeadline, 'overdue' | 'werkdagenLeft'>>> {
    const index = TABLE.indexes.byQueue;
    const partition = keys.deadlinePartition(organisationId);
    const page = await queryPage(
      this.db,
      {
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: query.dueBefore ? '#pk = :pk AND #sk <= :before' : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey, ...(query.dueBefore ? { '#sk': index.sortKey } : {}) },
        ExpressionAttributeValues: { ':pk': partition, ...(query.dueBefore ? { ':before': `${query.dueBefore}~` } : {}) },
      },
      { partitionAttribute: index.partitionKey, partition, limit: query.limit, cursor: query.cursor },
    );
    return {
      items: page.items.map((item) => ({
        caseId: item.caseId as string,
        reference: item.reference as string,
        deadlineId: item.deadlineId as string,
        ruleId: item.ruleId as string,
        title: item.title as string,
        actor: item.actor as string,
        dueDate: item.dueDate as string,
        dueAt: item.dueAt as string,
      })),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    };
  }
}
