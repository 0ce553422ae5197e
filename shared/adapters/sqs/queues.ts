/**
 * The reminder queue's settings, defined once: the CDK construct (infra/constructs/reminders.ts) and the local stack
 * (createLocalQueues) both read them, so local runs behave like AWS.
 */
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** The sender's Lambda timeout. Kept short: a batch is ≤ 10 mails, each one SES call. */
export const SENDER_TIMEOUT_SECONDS = 30;

export const REMINDER_QUEUE = {
  name: 'omslagroute-reminders',
  dlqName: 'omslagroute-reminders-dlq',
  /** ≥ 6 × the sender's timeout (AWS guidance for Lambda event sources), so a slow batch is never redelivered mid-flight. */
  visibilityTimeoutSeconds: 6 * SENDER_TIMEOUT_SECONDS,
  /** After 5 receives a message moves to the DLQ. Not a loss: the stage is still pending in DynamoDB and is dispatched again after its lease. */
  maxReceiveCount: 5,
  retentionSeconds: 4 * 24 * 60 * 60,
  dlqRetentionSeconds: 14 * 24 * 60 * 60,
  receiveWaitTimeSeconds: 20,
  /** Event source mapping: records per invocation, ReportBatchItemFailures on. */
  batchSize: 10,
  maxBatchingWindowSeconds: 1,
  /** Event source mapping maxConcurrency (minimum 2) = the sender's reserved concurrency: SES is never hammered, and
   * the poller never receives more than the function may run (no Lambda throttling, no spurious receives). */
  maxConcurrency: 2,
  senderReservedConcurrency: 2,
} as const;

export interface LocalQueues {
  queueUrl: string;
  dlqUrl: string;
}

/**
 * Creates the reminder queue and its DLQ with the settings above (idempotent: CreateQueue returns the existing
 * queue). Tests may shorten the visibility timeout to see redeliveries without waiting minutes.
 */
export async function createLocalQueues(
  sqs: SQSClient,
  options: { prefix?: string; visibilityTimeoutSeconds?: number; maxReceiveCount?: number } = {},
): Promise<LocalQueues> {
  const prefix = options.prefix ?? '';
  const dlq = await sqs.send(
    new CreateQueueCommand({
      QueueName: `${prefix}${REMINDER_QUEUE.dlqName}`,
      Attributes: { MessageRetentionPeriod: String(REMINDER_QUEUE.dlqRetentionSeconds) },
    }),
  );
  const dlqUrl = dlq.QueueUrl!;
  const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }));
  const main = await sqs.send(
    new CreateQueueCommand({
      QueueName: `${prefix}${REMINDER_QUEUE.name}`,
      Attributes: {
        VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? REMINDER_QUEUE.visibilityTimeoutSeconds),
        MessageRetentionPeriod: String(REMINDER_QUEUE.retentionSeconds),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: attributes.Attributes?.QueueArn,
          maxReceiveCount: options.maxReceiveCount ?? REMINDER_QUEUE.maxReceiveCount,
        }),
      },
    }),
  );
  return { queueUrl: main.QueueUrl!, dlqUrl };
}
