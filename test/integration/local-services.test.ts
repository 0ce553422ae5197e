import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import {
  CreateTableCommand,
  DynamoDBClient,
  QueryCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { createSesClient, readSendRate } from '../../shared/adapters/ses/mailer.js';
import {
  applyLocalEnv,
  clearLocalOutbox,
  localSesMaxSendRate,
  readLocalOutbox,
  startLocalServices,
  type LocalServices,
} from '../../shared/local/services.js';

let s: LocalServices;

beforeAll(async () => {
  s = await startLocalServices();
  // Clients below get no endpoint: they must find the stand-ins through the environment alone, as the app does.
  applyLocalEnv(s);
  console.log('local services ready (ms since start):', s.readyMs, s.endpoints);
}, 60_000);

afterAll(async () => {
  await s?.stop();
}, 60_000);

describe('local services', () => {
  it('hands out 127.0.0.1 endpoints and fake credentials, and sets the SDK environment', () => {
    for (const url of Object.values(s.endpoints)) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s.endpoints.s3).toBe(s.endpoints.sqs);
    expect(s.region).toBe('eu-west-1');
    expect(process.env.AWS_ENDPOINT_URL_DYNAMODB).toBe(s.endpoints.dynamodb);
    expect(process.env.AWS_ENDPOINT_URL_SESV2).toBe(s.endpoints.ses);
    expect(process.env.AWS_REGION).toBe('eu-west-1');
  });

  it('DynamoDB: CreateTable, TransactWriteItems, Query', async () => {
    const ddb = new DynamoDBClient({});
    await ddb.send(
      new CreateTableCommand({
        TableName: 'local-services-test',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    const put = (sk: string) => ({
      Put: {
        TableName: 'local-services-test',
        Item: { pk: { S: 'CASE#1' }, sk: { S: sk } },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    await ddb.send(new TransactWriteItemsCommand({ TransactItems: [put('A'), put('B')] }));

    // The whole transaction is refused when one condition fails, and nothing of it is written.
    await expect(ddb.send(new TransactWriteItemsCommand({ TransactItems: [put('C'), put('A')] }))).rejects.toBeInstanceOf(
      TransactionCanceledException,
    );

    const q = await ddb.send(
      new QueryCommand({
        TableName: 'local-services-test',
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'CASE#1' } },
      }),
    );
    expect(q.Items?.map((i) => i.sk?.S)).toEqual(['A', 'B']);

    // sharedDb: other credentials and region see the same table (DynamoDB Local only accepts [A-Za-z0-9] key ids).
    const other = new DynamoDBClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'someoneElse', secretAccessKey: 'x' },
    });
    const q2 = await other.send(
      new QueryCommand({
        TableName: 'local-services-test',
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'CASE#1' } },
      }),
    );
    expect(q2.Count).toBe(2);
  });

  it('SQS: send, receive, delete (with message attributes)', async () => {
    const sqs = new SQSClient({});
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'local-services-test' }));
    // Same origin as the endpoint, so the SDK never re-routes to an unresolvable queue host.
    expect(new URL(QueueUrl!).origin).toBe(s.endpoints.sqs);

    await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: JSON.stringify({ hello: 'world' }),
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' } },
      }),
    );
    const r = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], WaitTimeSeconds: 1 }),
    );
    expect(r.Messages).toHaveLength(1);
    const m = r.Messages![0]!;
    expect(JSON.parse(m.Body!)).toEqual({ hello: 'world' });
    expect(m.MessageAttributes?.kind?.StringValue).toBe('greeting');
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle! }));

    const after = await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 0, WaitTimeSeconds: 0 }));
    expect(after.Messages ?? []).toHaveLength(0);
  });

  it('S3: put and get (environment-configured client and path-style client)', async () => {
    const s3 = new S3Client({});
    await s3.send(new CreateBucketCommand({ Bucket: 'local-services-test' }));
    await s3.send(
      new PutObjectCommand({
        Bucket: 'local-services-test',
        Key: 'dir/hello.json',
        Body: '{"a":1}',
        ContentType: 'application/json',
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: 'local-services-test', Key: 'dir/hello.json' }));
    expect(await got.Body!.transformToString()).toBe('{"a":1}');
    expect(got.ContentType).toBe('application/json');

    const explicit = new S3Client({
      endpoint: s.endpoints.s3,
      region: s.region,
      credentials: s.credentials,
      forcePathStyle: s.s3ForcePathStyle,
    });
    const again = await explicit.send(new GetObjectCommand({ Bucket: 'local-services-test', Key: 'dir/hello.json' }));
    expect(await again.Body!.transformToString()).toBe('{"a":1}');
  });

  it('SES: Simple and Raw mail land in the local outbox, which can be cleared', async () => {
    const ses = new SESv2Client({});
    await clearLocalOutbox(s);
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'noreply@omslagroute.example',
        Destination: { ToAddresses: ['worker@example.org'] },
        Content: {
          Simple: {
            Subject: { Data: 'Reminder: form due' },
            Body: { Html: { Data: '<p>Due tomorrow</p>' }, Text: { Data: 'Due tomorrow' } },
          },
        },
      }),
    );
    const raw = [
      'From: noreply@omslagroute.example',
      'To: team@example.org, "Wonen, team" <wonen@example.org>',
      'Subject: Raw hello',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Raw body',
    ].join('\r\n');
    await ses.send(new SendEmailCommand({ Content: { Raw: { Data: new TextEncoder().encode(raw) } } }));

    const outbox = await readLocalOutbox(s);
    expect(outbox).toHaveLength(2);
    expect(outbox[0]).toMatchObject({
      from: 'noreply@omslagroute.example',
      to: ['worker@example.org'],
      subject: 'Reminder: form due',
      html: '<p>Due tomorrow</p>',
      text: 'Due tomorrow',
    });
    expect(Date.parse(outbox[0]!.at)).toBeGreaterThan(Date.now() - 60_000);
    // One address per entry, also for Raw mail (the display name keeps its quotes).
    expect(outbox[1]).toMatchObject({ to: ['team@example.org', '"Wonen, team" <wonen@example.org>'], subject: 'Raw hello' });
    expect(outbox[1]!.text?.trim()).toBe('Raw body');

    const inbox = await fetch(s.sesInboxUrl);
    expect(inbox.status).toBe(200);

    await clearLocalOutbox(s);
    expect(await readLocalOutbox(s)).toEqual([]);
  });

  it('SES: GetAccount answers the local account’s send rate, which the reminder sender paces itself to', async () => {
    expect(await readSendRate(createSesClient())).toBe(localSesMaxSendRate());
  });

  it('stop() shuts everything down and is idempotent', async () => {
    const extra = await startLocalServices();
    await Promise.all([extra.stop(), extra.stop()]);
    for (const url of [extra.endpoints.dynamodb, extra.endpoints.sqs, extra.endpoints.ses]) {
      await expect(fetch(url)).rejects.toThrow();
    }
  }, 60_000);
});
