/** Query and write building blocks every DynamoDB adapter shares. */
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyRecord } from '#app/ports.js';
import { ValidationFailed } from '#domain/errors.js';
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

/**
 * The write of a request's idempotency record inside its transaction: fails the whole change if the key was used.
 * A record whose `expiresAt` has passed (by the Clock, as `now`) counts as absent: TTL deletes lazily, and the
 * repeat of a request after the window is a new request, so it may replace the expired record.
 */
export function idempotencyPut(TableName: string, record: IdempotencyRecord, now: string): TransactItem {
  const nowSeconds = Math.floor(Date.parse(now) / 1000);
  return {
    Put: {
      TableName,
      Item: {
        ...keys.idempotency(record.scope, record.key),
        entity: 'idempotency',
        fingerprint: record.fingerprint,
        response: storedResponseText(record.response),
        [TABLE.ttlAttribute]: nowSeconds + IDEMPOTENCY_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(PK) OR #expiresAt <= :now',
      ExpressionAttributeNames: { '#expiresAt': TABLE.ttlAttribute },
      ExpressionAttributeValues: { ':now': nowSeconds },
    },
  };
}

/**
 * The first answer as sent: serialised once, so a replay returns it byte for byte (a DynamoDB map keeps no key order
 * and would be re-serialised differently), with its headers (ETag, Location).
 */
export function storedResponseText(response: IdempotencyRecord['response']): string {
  return JSON.stringify(response);
}

/** The stored answer of an idempotency record (a map in records written before answers were stored as text). */
export function storedResponseOf(stored: unknown): IdempotencyRecord['response'] {
  return (typeof stored === 'string' ? JSON.parse(stored) : stored) as IdempotencyRecord['response'];
}

/** An opaque cursor for the client: the last evaluated key, base64url. */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor and checks it belongs to the partition being read, so a cursor cannot open another's list. */
export function decodeCursor(cursor: string, partitionAttribute: string, partition: string): Record<string, unknown> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (key[partitionAttribute] !== partition) throw new Error('foreign cursor');
    return key;
  } catch {
    throw new ValidationFailed([{ path: 'query.cursor', message: 'Ongeldige cursor' }]);
  }
}

/**
 * One page of one partition (of the table or an index) for a client-facing list: `limit` items at most, and a
 * cursor that only opens the same partition again.
 */
export async function queryPage(
  db: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Limit'>,
  page: { partitionAttribute: string; partition: string; limit: number; cursor?: string | undefined },
): Promise<{ items: Record<string, unknown>[]; cursor?: string }> {
  const out = await db.send(
    new QueryCommand({
      ...input,
      Limit: page.limit,
      ExclusiveStartKey: page.cursor ? decodeCursor(page.cursor, page.partitionAttribute, page.partition) : undefined,
    }),
  );
  return { items: out.Items ?? [], ...(out.LastEvaluatedKey ? { cursor: encodeCursor(out.LastEvaluatedKey) } : {}) };
}
