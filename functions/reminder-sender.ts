import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { sendReminderBatch } from '#app/reminders/send.js';
import { senderDeps } from '#app/composition-root.js';
import { withInvocationLog } from '#observability/logger.js';

/**
 * SQS → one e-mail per record (app/reminders/send.ts). Records are processed one by one; only the failed ones are
 * returned (ReportBatchItemFailures), so one throttled mail never redelivers the batch.
 */
export const handler = withInvocationLog(
  'reminder-sender',
  async (event: SQSEvent, context?: Pick<Context, 'getRemainingTimeInMillis'> & Partial<Pick<Context, 'awsRequestId'>>): Promise<SQSBatchResponse> =>
    sendReminderBatch(
      senderDeps(),
      event.Records.map((record) => ({ messageId: record.messageId, body: record.body })),
      context ? { remainingMs: () => context.getRemainingTimeInMillis() } : {},
    ),
);
