/**
 * The reminder pipeline against the local stack (DynamoDB Local, fauxqs, aws-ses-v2-local), driving the real
 * handlers through the local scheduler. A benchmark, not a test: it prints figures.
 *
 *   1. N due reminders (one per case): time for the dispatcher to lease them and put them on SQS, then the time to
 *      send them (sender invocations at the event source mapping's maxConcurrency).
 *   2. The same N due reminders in a table with FACTOR × N more cases that have nothing due (a future reminder and a
 *      sent one each): dispatch time again. The dispatcher reads only the due index, so the ratio stays near 1.
 *
 * BENCH_REMINDERS (default 10000) and BENCH_NON_DUE_FACTOR (default 10) scale it. Local figures measure our code plus
 * the Java/Node stand-ins on this machine, not AWS.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createDocumentClient } from '../shared/adapters/dynamo/client.js';
import { ensureTable } from '../shared/adapters/dynamo/create-table.js';
import { dueAttributes, reminderIdOf, reminderKeys, type ReminderItem } from '../shared/adapters/dynamo/reminder-items.js';
import { keys } from '../shared/adapters/dynamo/table.js';
import { createLocalQueues } from '../shared/adapters/sqs/queues.js';
import { replaceReminderPorts, processContainer } from '../shared/app/composition-root.js';
import { AdjustableClock } from '../shared/domain/clock.js';
import { startLocalScheduler } from '../shared/local/scheduler.js';
import { applyLocalEnv, clearLocalOutbox, localSesAccount, readLocalOutbox, startLocalServices, type LocalServices } from '../shared/local/services.js';
import { handler as dispatcher } from '../functions/reminder-dispatcher.js';

const NOW = '2026-06-10T06:05:00.000Z';
const PAST = '2026-06-10T06:00:00.000Z';
const FUTURE = '2026-09-01T06:00:00.000Z';

const db = () => createDocumentClient();

function caseItem(caseId: string, n: number): Record<string, unknown> {
  return {
    ...keys.case(caseId),
    entity: 'case',
    caseId,
    reference: `OMS-2026-${String(n).padStart(6, '0')}`,
    regio: 'amsterdam',
    route: 'MO',
    doelgroep: 'volwassene',
    clientPseudonym: 'B.M.',
    zorgaanbiederId: 'za-hvo-querido',
    corporatieId: 'corp-ymere',
    phase: 'herstelfase',
    version: 4,
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-06-01T09:00:00.000Z',
    facts: { toestemmingDelen: { gegeven: true, sinds: '2026-01-05', doelen: ['start-verhuur'], metWie: ['woningcorporatie'] } },
  };
}

function reminder(caseId: string, reference: string, fireAt: string, status: 'pending' | 'sent'): ReminderItem {
  const deadlineId = `kennismaking-gehouden:${fireAt.slice(0, 10)}`;
  const reminderId = reminderIdOf(caseId, deadlineId, 'vooraf');
  return {
    ...reminderKeys.reminder(caseId, deadlineId, 'vooraf'),
    entity: 'reminder',
    kind: 'deadline',
    reminderId,
    caseId,
    reference,
    deadlineId,
    ruleId: 'kennismaking-gehouden',
    ruleKind: 'termijn',
    title: 'Kennismakingsgesprek houden',
    source: '001 §3; 002 WA4; 002 Bijlage 2a',
    actor: 'begeleider',
    stage: 'vooraf',
    to: ['begeleider', 'corporatie'],
    dueDate: '2026-09-15',
    dueAt: '2026-09-15T21:59:59.999Z',
    fireAt,
    begeleiderUserId: 'begeleider-1',
    reminderStatus: status,
    plannedAt: '2026-06-01T09:00:00.000Z',
    ...(status === 'pending' ? dueAttributes(reminderId, fireAt) : { sentAt: '2026-06-02T06:01:00.000Z', messageId: 'old' }),
  };
}

/** BatchWrite, 25 items a call, `parallel` calls in flight; unprocessed items are retried. */
async function write(tableName: string, items: Record<string, unknown>[], parallel = 16): Promise<void> {
  const client = db();
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < chunks.length) {
        let pending = chunks[next++]!.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length) {
          const out = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
          pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
        }
      }
    }),
  );
  client.destroy();
}

async function seed(tableName: string, due: number, nonDue: number): Promise<void> {
  await ensureTable(new DynamoDBClient({}), tableName);
  const items: Record<string, unknown>[] = [];
  for (let n = 1; n <= due + nonDue; n++) {
    const caseId = randomUUID();
    const c = caseItem(caseId, n);
    items.push(c);
    // Due: one pending stage in the past. Not due: half have a pending stage in the future (in the due index, in the
    // same shards), half only a sent one (out of the index).
    if (n <= due) items.push({ ...reminder(caseId, String(c.reference), PAST, 'pending') });
    else if (n % 2 === 0) items.push({ ...reminder(caseId, String(c.reference), FUTURE, 'pending') });
    else items.push({ ...reminder(caseId, String(c.reference), '2026-06-02T06:00:00.000Z', 'sent') });
    if (items.length >= 5_000) await write(tableName, items.splice(0));
  }
  await write(tableName, items.splice(0));
}

function useTable(tableName: string, queueUrl: string): void {
  process.env.TABLE_NAME = tableName;
  process.env.QUEUE_URL = queueUrl;
  process.env.EVENT_BUS_NAME ??= 'omslagroute-bench';
  process.env.MAIL_FROM ??= 'Omslagroute <noreply@omslagroute.example>';
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

const context = { getRemainingTimeInMillis: () => 15 * 60_000 };

export async function main(): Promise<void> {
  const N = Number(process.env.BENCH_REMINDERS ?? 10_000);
  const FACTOR = Number(process.env.BENCH_NON_DUE_FACTOR ?? 10);
  const savedLog = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = 'silent';
  let services: LocalServices | undefined;
  try {
    services = await startLocalServices();
    applyLocalEnv(services);
    const sqs = new SQSClient({});
    const clock = new AdjustableClock(NOW);

    // 0. Warm-up (the JVM and the handlers), not measured.
    const w = await createLocalQueues(sqs, { prefix: 'bench-w-' });
    await seed('bench-reminders-w', Math.min(1_000, N), 0);
    const warm = await startLocalScheduler({ clock, container: processContainer, intervalMs: 0, queueUrl: w.queueUrl });
    useTable('bench-reminders-w', w.queueUrl);
    await dispatcher({}, context);
    await warm.tick();
    await warm.stop();

    // 1. N due reminders: dispatch, then send.
    const a = await createLocalQueues(sqs, { prefix: 'bench-a-' });
    const seededA = await timed(() => seed('bench-reminders-a', N, 0));
    const scheduler = await startLocalScheduler({ clock, container: processContainer, intervalMs: 0, queueUrl: a.queueUrl });
    useTable('bench-reminders-a', a.queueUrl);
    await clearLocalOutbox(services);
    const dispatchA = await timed(() => dispatcher({}, context));
    const send = await timed(() => scheduler.tick());
    const mails = (await readLocalOutbox(services)).length;
    await scheduler.stop();

    // 2. The same N due among FACTOR × N cases with nothing due; then N due alone again, so JVM warm-up and machine
    // noise show as the spread between the two runs without non-due cases.
    const b = await createLocalQueues(sqs, { prefix: 'bench-b-' });
    const seededB = await timed(() => seed('bench-reminders-b', N, FACTOR * N));
    useTable('bench-reminders-b', b.queueUrl);
    const dispatchB = await timed(() => dispatcher({}, context));
    const c = await createLocalQueues(sqs, { prefix: 'bench-c-' });
    await seed('bench-reminders-c', N, 0);
    useTable('bench-reminders-c', c.queueUrl);
    const dispatchC = await timed(() => dispatcher({}, context));
    const baseline = (dispatchA.ms + dispatchC.ms) / 2;

    const rate = (count: number, ms: number) => `${Math.round((count / ms) * 1000)}/s`;
    console.log(`\nReminder pipeline against the local stack (${N} due reminders)`);
    console.log(`  seed ${N} cases + due reminders               ${(seededA.ms / 1000).toFixed(1)} s`);
    console.log(`  dispatch (lease + SQS batches of 10)        ${(dispatchA.ms / 1000).toFixed(2)} s   ${rate(dispatchA.value.dispatched, dispatchA.ms)}   dispatched ${dispatchA.value.dispatched}`);
    console.log(`  send (sender × 2 pollers, SES v2 local)     ${(send.ms / 1000).toFixed(2)} s   ${rate(send.value.sent, send.ms)}   sent ${send.value.sent}, mails in local SES ${mails}`);
    console.log(`  dispatch + send                             ${((dispatchA.ms + send.ms) / 1000).toFixed(2)} s`);
    console.log(`\nSame ${N} due among ${FACTOR * N} more cases with nothing due: half with a future stage in the due index (seeded in ${(seededB.ms / 1000).toFixed(1)} s)`);
    console.log(`  dispatch                                    ${(dispatchB.ms / 1000).toFixed(2)} s   dispatched ${dispatchB.value.dispatched}`);
    console.log(`  dispatch of ${N} due alone, again             ${(dispatchC.ms / 1000).toFixed(2)} s   dispatched ${dispatchC.value.dispatched}`);
    console.log(`  ratio with ${FACTOR}× non-due / the run after it     ${(dispatchB.ms / dispatchC.ms).toFixed(2)}   (/ mean of both runs without: ${(dispatchB.ms / baseline).toFixed(2)})`);

    // 3. Pacing (issue 15): N due at 08:00 against an SES account that throttles above Q sends per second, as SES does
    // (the local SES enforces its account's MaxSendRate; aws-ses-v2-local alone does not). Paced: the sender reads the
    // rate with GetAccount and spaces its sends at its share. Unpaced, the same run: what SES's throttling does to it.
    // Defaults: SES's starting production quota (14/s) and 2,000 stages (2½ minutes paced); the whole 08:00 batch of
    // 10,000 is BENCH_PACED_REMINDERS=10000 (12 minutes at 14/s). The local pipeline itself sends ~30–60/s here.
    const Q = Number(process.env.BENCH_SES_RATE ?? 14);
    const P = Number(process.env.BENCH_PACED_REMINDERS ?? 2_000);
    process.env.LOCAL_SES_MAX_SEND_RATE = String(Q);
    process.env.AWS_SES_ACCOUNT = JSON.stringify(localSesAccount(Q));
    const pacedRun = await quotaRun(services, sqs, clock, 'p', P, true);
    const unpacedRun = await quotaRun(services, sqs, clock, 'u', P, false);
    console.log(`\n${P} reminders due at once, SES account quota ${Q}/s (GetAccount; throttling above it enforced locally)`);
    console.log(`  ${''.padEnd(38)}${'paced (sender)'.padEnd(26)}unpaced (raw sends)`);
    const row = (label: string, f: (r: QuotaRun) => string) => console.log(`  ${label.padEnd(38)}${f(pacedRun).padEnd(26)}${f(unpacedRun)}`);
    row('sent in the run', (r) => `${r.sent} of ${P}`);
    row('send rate', (r) => `${Math.round((r.sent / r.ms) * 1000)}/s (${Math.round(((r.sent / r.ms) * 1000 * 100) / Q)}% of quota)`);
    row('time', (r) => `${(r.ms / 1000).toFixed(1)} s`);
    row('throttled by SES', (r) => String(r.throttled));
    row('left pending (retried after lease)', (r) => String(r.pending));
    row('mails in local SES / duplicates', (r) => `${r.mails} / ${r.duplicates}`);
    delete process.env.LOCAL_SES_MAX_SEND_RATE;
    sqs.destroy();
  } finally {
    if (savedLog === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = savedLog;
    await services?.stop();
  }
}

interface QuotaRun {
  sent: number;
  ms: number;
  throttled: number;
  pending: number;
  mails: number;
  duplicates: number;
}

async function quotaRun(services: LocalServices, sqs: SQSClient, clock: AdjustableClock, name: string, n: number, paced: boolean): Promise<QuotaRun> {
  const queues = await createLocalQueues(sqs, { prefix: `bench-${name}-` });
  await seed(`bench-reminders-${name}`, n, 0);
  replaceReminderPorts(processContainer, { pacer: paced ? undefined : null });
  const scheduler = await startLocalScheduler({ clock, container: processContainer, intervalMs: 0, queueUrl: queues.queueUrl, enforceSendRate: true });
  useTable(`bench-reminders-${name}`, queues.queueUrl);
  await clearLocalOutbox(services);
  const run = await timed(() => scheduler.tick());
  const throttled = scheduler.sendQuota?.throttled() ?? 0;
  await scheduler.stop();
  const outbox = await readLocalOutbox(services);
  const references = new Set(outbox.map((m) => /OMS-\d{4}-\d{6}/.exec(m.subject)?.[0]));
  replaceReminderPorts(processContainer, { pacer: undefined });
  return { sent: run.value.sent, ms: run.ms, throttled, pending: n - run.value.sent, mails: outbox.length, duplicates: outbox.length - references.size };
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
