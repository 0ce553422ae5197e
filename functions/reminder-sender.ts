import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { sendReminderBatch } from '#app/reminders/send.js';
import { senderDeps } from '#app/reminders/wiring.js';

/**
 * SQS → one e-mail per record (app/reminders/send.ts). Records are processed one by one; only the failed ones are
 * returned (ReportBatchItemFailures), so one throttled mail never redelivers the batch.
 */
export const handler = async (event: SQSEvent, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<SQSBatchResponse> =>
  sendReminderBatch(
    senderDeps(),
    event.Records.map((record) => ({ messageId: record.messageId, body: record.body })),
    context ? { remainingMs: () => context.getRemainingTimeInMillis() } : {},
  );
