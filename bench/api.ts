/**
 * create-case and get-case through the local API Gateway, the real handlers and DynamoDB Local:
 *   1. latency, one request at a time;
 *   2. throughput at concurrency 20, side by side with the raw SDK calls each request needs (issue 15): for POST
 *      /cases the same TransactWriteItems the handler commits (captured from the case store) plus the reference
 *      counter's UpdateItem; for GET /cases/{id} the same Query of the case partition plus the audit PutItem. The
 *      reference counter is one hot item every new case updates: it is measured alone, against UpdateItems on
 *      distinct items, so the bench says whether it limits.
 * The bench's own HTTP client is node:http with a keep-alive agent, not fetch: client, gateway and handlers share this
 * process and its two cores, and undici's fetch spends about twice the CPU per request (`BENCH_FETCH=1` uses fetch, to
 * compare). The client is not what is measured, so it should take as little as it can.
 * A benchmark, not a test: it prints figures. Local figures measure our code plus DynamoDB Local, not AWS.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../shared/adapters/dynamo/client.js';
import { DynamoCaseStore } from '../shared/adapters/dynamo/case-store.js';
import { keys } from '../shared/adapters/dynamo/table.js';
import { startLocalStack } from '../shared/local/stack.js';

const CONCURRENCY = 20;
const CONCURRENT_RUNS = Number(process.env.BENCH_API_CONCURRENT ?? 1_000);

/** Runs `n` calls of `fn`, `concurrency` in flight; answers calls per second. */
async function throughput(n: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await fn(next++);
    }),
  );
  return (n / (performance.now() - t)) * 1000;
}

/** The UpdateItem the case store's `nextReference` sends (ADD 1, the new value back), on any counter. */
const counterIncrement = (tableName: string, name: string) =>
  new UpdateCommand({ TableName: tableName, Key: keys.counter(name), UpdateExpression: 'ADD #value :one', ExpressionAttributeNames: { '#value': 'value' }, ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_NEW' });

type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

/**
 * The captured transaction made a new case again, as the handler would: every id in it (case, idempotency key, outbox
 * and monitor ids) replaced by a fresh one, consistently, and the reference by a fresh number.
 */
function asNewCase(items: TransactItems, n: number): TransactItems {
  const fresh = new Map<string, string>();
  const json = JSON.stringify(items)
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => fresh.get(id) ?? (fresh.set(id, randomUUID()), fresh.get(id)!))
    .replace(/OMS-\d{4}-\d{6}/g, `OMS-9999-${String(n).padStart(6, '0')}`);
  return JSON.parse(json) as TransactItems;
}

interface Answer {
  status: number;
  text: string;
}

/** One request to the local API: node:http on a keep-alive agent (or fetch with BENCH_FETCH=1), the whole answer read. */
function client(baseUrl: string): (method: string, path: string, headers: Record<string, string>, body?: string) => Promise<Answer> {
  if (process.env.BENCH_FETCH === '1') {
    return async (method, path, headers, body) => {
      const r = await fetch(`${baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
      return { status: r.status, text: await r.text() };
    };
  }
  const base = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return (method, path, headers, body) =>
    new Promise((resolve, reject) => {
      const req = request({ host: base.hostname, port: base.port, path: `${base.pathname.replace(/\/$/, '')}${path}`, method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
}

const WARMUP = 20;
const RUNS = 300;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function main(): Promise<void> {
  const stack = await startLocalStack();
  try {
    const token = await stack.token({ organisationId: 'za-hvo-querido', role: 'begeleider' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const body = JSON.stringify({ regio: 'amsterdam', route: 'MO', doelgroep: 'volwassene', clientPseudonym: 'B.M.' });
    const call = client(stack.api.url);
    const create = async () => {
      const r = await call('POST', '/cases', { ...headers, 'idempotency-key': randomUUID() }, body);
      if (r.status !== 201) throw new Error(`POST /cases answered ${r.status}: ${r.text}`);
      return (JSON.parse(r.text) as { caseId: string }).caseId;
    };
    const get = async (caseId: string) => {
      const r = await call('GET', `/cases/${caseId}`, headers);
      if (r.status !== 200) throw new Error(`GET /cases/{id} answered ${r.status}`);
    };
    const ids: string[] = [];
    for (let i = 0; i < WARMUP; i++) ids.push(await create());
    const createTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      ids.push(await create());
      createTimes.push(performance.now() - t);
    }
    const getTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await get(ids[i % ids.length]!);
      getTimes.push(performance.now() - t);
    }
    // 2. Concurrency 20: the handlers, then the raw calls they need, in the same run.
    let captured: TransactItems | undefined;
    const prototype = DynamoCaseStore.prototype as unknown as { commit: (change: unknown) => Promise<void>; transactItems: (change: unknown) => TransactItems };
    const commit = prototype.commit;
    prototype.commit = async function (this: typeof prototype, change: unknown) {
      captured ??= this.transactItems(change);
      return commit.call(this, change);
    };
    const apiCreate = await throughput(CONCURRENT_RUNS, CONCURRENCY, async () => ids.push(await create()));
    prototype.commit = commit;
    const apiGet = await throughput(CONCURRENT_RUNS, CONCURRENCY, (i) => get(ids[i % ids.length]!));
    // What the local gateway and an invocation cost with no token check and no store call (on AWS API Gateway does this part).
    const gatewayOnly = await throughput(CONCURRENT_RUNS, CONCURRENCY, () => call('GET', '/health', headers));
    const db = createDocumentClient();
    const table = process.env.TABLE_NAME!;
    const transaction = captured!;
    const rawCreate = await throughput(CONCURRENT_RUNS, CONCURRENCY, async (i) => {
      await db.send(counterIncrement(table, 'REF#BENCH'));
      await db.send(new TransactWriteCommand({ TransactItems: asNewCase(transaction, i) }));
    });
    const rawGet = await throughput(CONCURRENT_RUNS, CONCURRENCY, async (i) => {
      const caseId = ids[i % ids.length]!;
      await db.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.case(caseId).PK }, ConsistentRead: true }));
      await db.send(new PutCommand({ TableName: table, Item: { ...keys.audit(caseId, new Date(0).toISOString(), randomUUID()), entity: 'audit', action: 'bench' }, ConditionExpression: 'attribute_not_exists(PK)' }));
    });
    const hotCounter = await throughput(CONCURRENT_RUNS, CONCURRENCY, () => db.send(counterIncrement(table, 'REF#HOT')));
    const spreadCounters = await throughput(CONCURRENT_RUNS, CONCURRENCY, (i) => db.send(counterIncrement(table, `REF#SPREAD-${i}`)));
    db.destroy();

    createTimes.sort((a, b) => a - b);
    getTimes.sort((a, b) => a - b);
    console.log(`\nAPI latency against the local stack (${RUNS} sequential requests each, after ${WARMUP} warm-up)`);
    console.log(`  create-case  p50 ${percentile(createTimes, 50).toFixed(1)} ms   p99 ${percentile(createTimes, 99).toFixed(1)} ms`);
    console.log(`  get-case     p50 ${percentile(getTimes, 50).toFixed(1)} ms   p99 ${percentile(getTimes, 99).toFixed(1)} ms`);
    const perSecond = (n: number) => `${Math.round(n)}/s`.padEnd(10);
    console.log(`\nThroughput at concurrency ${CONCURRENCY} (${CONCURRENT_RUNS} requests each, client ${process.env.BENCH_FETCH === '1' ? 'fetch' : 'node:http keep-alive'}), the handlers beside the raw calls they need`);
    console.log(`  POST /cases        ${perSecond(apiCreate)} raw counter UpdateItem + the same TransactWriteItems ${perSecond(rawCreate)} ratio ${(apiCreate / rawCreate).toFixed(2)}× (target ≥ 0.7×)`);
    console.log(`  GET /cases/{id}    ${perSecond(apiGet)} raw Query of the partition + audit PutItem          ${perSecond(rawGet)} ratio ${(apiGet / rawGet).toFixed(2)}× (target ≥ 0.7×)`);
    console.log(`  GET /health        ${perSecond(gatewayOnly)} the local gateway and an invocation, no token check, no store call (a ceiling for both)`);
    console.log(`  reference counter  one hot item ${perSecond(hotCounter)} distinct items ${perSecond(spreadCounters)} ratio ${(hotCounter / spreadCounters).toFixed(2)}× (≈1: the hot item does not limit)`);
  } finally {
    await stack.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
