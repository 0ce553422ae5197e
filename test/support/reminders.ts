/**
 * Test helpers for the reminder pipeline on the local stack: the reminder queues and scheduler next to the local
 * API, the local SES outbox filtered by case reference, and the stored reminder stages of a case.
 */
import { afterAll } from 'vitest';
import { DynamoReminderStore } from '../../shared/adapters/dynamo/reminder-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamo/client.js';
import type { ReminderItem } from '../../shared/adapters/dynamo/reminder-items.js';
import { readLocalOutbox, type LocalMail } from '../../shared/local/services.js';
import { startLocalReminders, type LocalScheduler } from '../../shared/local/scheduler.js';
import type { LocalQueues } from '../../shared/adapters/sqs/queues.js';
import type { TestApi } from './api.js';

export interface ReminderHarness {
  scheduler: LocalScheduler & { queues: LocalQueues };
  store: DynamoReminderStore;
  mailsFor(reference: string): Promise<LocalMail[]>;
  reminders(caseId: string): Promise<ReminderItem[]>;
}

/**
 * The scheduler on the stack's clock, ticking on demand only. Queues get a 1 s visibility timeout so a test sees a
 * redelivery without waiting the 3 minutes the AWS settings use.
 */
export async function reminderHarness(api: TestApi): Promise<ReminderHarness> {
  process.env.LOG_LEVEL ??= 'warn';
  const scheduler = await startLocalReminders({ clock: api.stack.clock, container: api.stack.container, intervalMs: 0, visibilityTimeoutSeconds: 1, queuePrefix: 'it-' });
  afterAll(async () => scheduler.stop());
  const store = new DynamoReminderStore(createDocumentClient(), api.stack.tableName);
  return {
    scheduler,
    store,
    async mailsFor(reference) {
      return (await readLocalOutbox(api.stack.services)).filter((m) => m.subject.includes(`[${reference}]`));
    },
    async reminders(caseId) {
      return store.listReminders(caseId);
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
