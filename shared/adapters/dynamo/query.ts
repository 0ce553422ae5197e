/** Query and write building blocks every DynamoDB adapter shares. */
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyRecord } from '#app/ports.js';
import { keys, TABLE } from './table.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Idempotency records outlive any client retry; DynamoDB TTL then removes them. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** Every item of one Query, all pages (a partition or an index range, never a scan). */
export async function queryAll(db: DynamoDBDocumentClient, input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    found.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return found;
}

/** The write of a request's idempotency record inside its transaction: fails the whole change if the key was used. */
export function idempotencyPut(TableName: string, record: IdempotencyRecord, now: string): TransactItem {
  return {
    Put: {
      TableName,
      Item: {
        ...keys.idempotency(record.scope, record.key),
        entity: 'idempotency',
        fingerprint: record.fingerprint,
        response: record.response,
        [TABLE.ttlAttribute]: Math.floor(Date.parse(now) / 1000) + IDEMPOTENCY_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}
