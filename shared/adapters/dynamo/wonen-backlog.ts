/**
 * The head of Wonen's queue, for the oldest-overdue metric (shared/app/wonen/backlog.ts): a Query on GSI3
 * `WONEN#<regio>#<status>` in received order (= due order), a few items per page, stopping at the first live item.
 * Never a scan; cost is one small page per regio and open status.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Regio } from '#domain/case.js';
import type { WonenItem, WonenStatus } from '#domain/wonen-queue.js';
import type { WonenBacklogStore } from '#app/wonen/ports.js';
import { wonenItemFromStore } from './wonen-items.js';
import { keys, TABLE } from './table.js';

const GSI3 = TABLE.indexes.byQueue;
const PAGE = 5;
const MAX_PAGES = 20;

export class DynamoWonenBacklog implements WonenBacklogStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async oldestOpen(regio: Regio, status: WonenStatus, now: string): Promise<WonenItem | undefined> {
    let start: Record<string, unknown> | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: GSI3.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': GSI3.partitionKey },
          ExpressionAttributeValues: { ':pk': keys.wonenQueuePartition(regio, status) },
          ScanIndexForward: true,
          Limit: PAGE,
          ExclusiveStartKey: start,
        }),
      );
      // TTL deletes lazily: an erased case's items may linger after their expiresAt.
      const live = (out.Items ?? []).find((item) => !(typeof item[TABLE.ttlAttribute] === 'number' && (item[TABLE.ttlAttribute] as number) * 1000 <= Date.parse(now)));
      if (live) return wonenItemFromStore(live);
      start = out.LastEvaluatedKey;
      if (!start) return undefined;
    }
    return undefined;
  }
}
