/**
 * The Mailer port on SES v2 SendEmail (Simple content: SES builds the multipart HTML + text message), with the
 * configuration set (delivery, bounce and complaint events) and tags that lead events back to the reminder.
 *
 * The client makes ONE attempt (maxAttempts 1): SendEmail has no idempotency key, and an SDK retry after a timeout
 * could send twice. Retrying is the pipeline's job, which only retries when SES certainly sent nothing (throttling).
 */
import { GetAccountCommand, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mailer, OutgoingMail } from '#app/ports.js';

/** SES tag values allow ASCII letters, digits, `_` and `-` only. */
function tagValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256) || '_';
}

export interface SesMailerOptions {
  from: string;
  configurationSet?: string;
}

export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESv2Client,
    private readonly options: SesMailerOptions,
  ) {}

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const out = await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.options.from,
        Destination: { ToAddresses: mail.to },
        Content: {
          Simple: {
            Subject: { Data: mail.subject, Charset: 'UTF-8' },
            Body: { Html: { Data: mail.html, Charset: 'UTF-8' }, Text: { Data: mail.text, Charset: 'UTF-8' } },
          },
        },
        ...(this.options.configurationSet ? { ConfigurationSetName: this.options.configurationSet } : {}),
        ...(mail.tags ? { EmailTags: Object.entries(mail.tags).map(([Name, Value]) => ({ Name: tagValue(Name), Value: tagValue(Value) })) } : {}),
      }),
    );
    if (!out.MessageId) throw new Error('SES accepted the mail without a MessageId');
    return { messageId: out.MessageId };
  }
}

/** One SES client per container: a single attempt, bounded by a request timeout well below the sender's timeout. */
export function createSesClient(): SESv2Client {
  return new SESv2Client({ maxAttempts: 1, requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000 } });
}

/** The account's send rate (SendQuota.MaxSendRate, sends per second): what SES throttles above. */
export async function readSendRate(ses: SESv2Client): Promise<number | undefined> {
  const account = await ses.send(new GetAccountCommand({}));
  return account.SendQuota?.MaxSendRate;
}
