/** The ReminderQueue port on SQS: SendMessageBatch, ten messages per call. */
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ReminderMessage, ReminderQueue } from '#app/reminders/ports.js';

export const SQS_BATCH_LIMIT = 10;

export class SqsReminderQueue implements ReminderQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(messages: ReminderMessage[]): Promise<{ failed: string[] }> {
    const failed: string[] = [];
    for (let i = 0; i < messages.length; i += SQS_BATCH_LIMIT) {
      const batch = messages.slice(i, i + SQS_BATCH_LIMIT);
      try {
        const out = await this.sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: this.queueUrl,
            // The reminderId is deterministic and unique within a batch: a valid batch entry id.
            Entries: batch.map((m) => ({ Id: m.reminderId, MessageBody: JSON.stringify(m) })),
          }),
        );
        failed.push(...(out.Failed ?? []).map((f) => f.Id ?? ''));
      } catch {
        // The whole call failed: these stay leased and are dispatched again after the lease.
        failed.push(...batch.map((m) => m.reminderId));
      }
    }
    return { failed };
  }
}
