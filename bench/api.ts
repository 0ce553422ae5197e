/**
 * Latency of create-case and get-case through the local API Gateway, the real handlers and DynamoDB Local.
 * A benchmark, not a test: it prints figures. Local figures measure our code plus DynamoDB Local, not AWS.
 */
import { randomUUID } from 'node:crypto';
import { startLocalStack } from '../shared/local/stack.js';

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
    const create = async () => {
      const r = await fetch(`${stack.api.url}/cases`, { method: 'POST', headers: { ...headers, 'idempotency-key': randomUUID() }, body });
      return ((await r.json()) as { caseId: string }).caseId;
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
      const r = await fetch(`${stack.api.url}/cases/${ids[i % ids.length]}`, { headers });
      await r.text();
      getTimes.push(performance.now() - t);
    }
    createTimes.sort((a, b) => a - b);
    getTimes.sort((a, b) => a - b);
    console.log(`\nAPI latency against the local stack (${RUNS} sequential requests each, after ${WARMUP} warm-up)`);
    console.log(`  create-case  p50 ${percentile(createTimes, 50).toFixed(1)} ms   p99 ${percentile(createTimes, 99).toFixed(1)} ms`);
    console.log(`  get-case     p50 ${percentile(getTimes, 50).toFixed(1)} ms   p99 ${percentile(getTimes, 99).toFixed(1)} ms`);
  } finally {
    await stack.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
