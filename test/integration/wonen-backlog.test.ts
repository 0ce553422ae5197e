/**
 * The Wonen backlog Query (shared/adapters/dynamo/wonen-backlog.ts) against DynamoDB Local: the head of each open
 * partition of the queue index, in received order, skipping items whose TTL has passed; other regios and decided items
 * are not read.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '#adapters/dynamo/client.js';
import { ensureTable } from '#adapters/dynamo/create-table.js';
import { DynamoWonenBacklog } from '#adapters/dynamo/wonen-backlog.js';
import { oldestOverdueWonenItem } from '#app/wonen/backlog.js';
import { wonenItemToStore } from '#adapters/dynamo/wonen-items.js';
import { dueDateFor, type WonenItem, type WonenStatus } from '#domain/wonen-queue.js';
import type { Regio } from '#domain/case.js';
import { withLocalServices } from '../support/local.js';

const TABLE_NAME = `wonen-backlog-${Date.now()}`;
const NOW = '2027-03-11T10:00:00.000Z';
let backlog: DynamoWonenBacklog;

const item = (n: number, receivedOn: string, status: WonenStatus, regio: Regio = 'amsterdam'): WonenItem => ({
  caseId: `case-${n}`,
  seq: 1,
  kind: 'urgentie',
  status,
  regio,
  reference: `OMS-2027-${String(n).padStart(6, '0')}`,
  sourceType: 'aanvraag-urgentie' as WonenItem['sourceType'],
  receivedOn,
  receivedAt: `${receivedOn}T09:00:00.000Z`,
  dueDate: dueDateFor(receivedOn, regio),
  projection: {},
});

beforeAll(async () => {
  await withLocalServices();
  await ensureTable(new DynamoDBClient({}), TABLE_NAME);
  const db = createDocumentClient();
  const expired = Math.floor(Date.parse(NOW) / 1000) - 60;
  const items: Array<Record<string, unknown>> = [
    { ...wonenItemToStore(item(1, '2027-02-01', 'nieuw')), expiresAt: expired }, // erased case: TTL passed, not yet deleted
    wonenItemToStore(item(2, '2027-03-01', 'nieuw')),
    wonenItemToStore(item(3, '2027-03-05', 'nieuw')),
    wonenItemToStore(item(4, '2027-03-03', 'in-behandeling')),
    wonenItemToStore(item(5, '2027-01-04', 'besloten')),
  ];
  for (const Item of items) await db.send(new PutCommand({ TableName: TABLE_NAME, Item }));
  backlog = new DynamoWonenBacklog(db, TABLE_NAME);
}, 90_000);

describe('the Wonen backlog query', () => {
  it('returns the oldest live item of a partition', async () => {
    expect((await backlog.oldestOpen('amsterdam', 'nieuw', NOW))?.reference).toBe('OMS-2027-000002');
    expect((await backlog.oldestOpen('amsterdam', 'in-behandeling', NOW))?.reference).toBe('OMS-2027-000004');
    expect(await backlog.oldestOpen('klantreis-2023', 'nieuw', NOW)).toBeUndefined();
  });

  it('gives the werkdagen the oldest open item is overdue, over the open partitions only', async () => {
    const result = await oldestOverdueWonenItem({ backlog, clock: { now: () => NOW } }, ['amsterdam']);
    // OMS-2027-000002: received Mon 1 March, due Mon 8 March; Thursday 11 March = 3 werkdagen overdue.
    expect(result).toEqual({ werkdagen: 3, item: { reference: 'OMS-2027-000002', caseId: 'case-2', regio: 'amsterdam', status: 'nieuw', dueDate: '2027-03-08' } });
  });
});
