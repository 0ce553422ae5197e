/**
 * The inbox bucket (S3): raw mails as the SES receipt rule stored them (`raw/…`) and the parts the inbound-mail
 * function extracts from them (`mail/<mailId>/…`: body text, accepted attachments). Every object is written with
 * server-side encryption: SSE-KMS with the inbox key when INBOX_KMS_KEY_ID is set (AWS), SSE-S3 otherwise; the bucket's
 * policy on AWS refuses unencrypted puts as well. The endpoint comes from the SDK configuration (AWS_ENDPOINT_URL_S3
 * locally: fauxqs), like every other client in this code base.
 */
import { CreateBucketCommand, DeleteObjectsCommand, GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { CaseObjectStore } from '#app/retention.js';
import type { MailObjectStore } from '#app/wonen/ports.js';

/** An S3 client; path-style addressing when a local endpoint is configured (fauxqs serves path-style). */
export function createS3Client(): S3Client {
  return new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) });
}

export class S3MailStore implements MailObjectStore, CaseObjectStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly kmsKeyId?: string,
  ) {}

  private encryption() {
    return this.kmsKeyId
      ? { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: this.kmsKeyId, BucketKeyEnabled: true }
      : { ServerSideEncryption: 'AES256' as const };
  }

  async getRaw(key: string): Promise<Buffer> {
    return this.get(key);
  }

  async getPart(key: string): Promise<Buffer> {
    return this.get(key);
  }

  async putRaw(key: string, body: Buffer): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: 'message/rfc822', ...this.encryption() }));
  }

  async putPart(key: string, body: Buffer | string, contentType: string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType, ...this.encryption() }));
  }

  /** Deletes the objects (1000 per request, S3's limit); deleting one that is gone already is no error. */
  async deleteObjects(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const out = await this.s3.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })), Quiet: true } }),
      );
      if (out.Errors?.length) throw new Error(`S3 refused to delete ${out.Errors.length} object(s): ${out.Errors[0]?.Code}`);
    }
  }

  private async get(key: string): Promise<Buffer> {
    const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!out.Body) throw new Error(`Empty object s3://${this.bucket}/${key}`);
    return Buffer.from(await out.Body.transformToByteArray());
  }
}

/** Creates the bucket when it does not exist (local stack only; on AWS the bucket is part of the stateful stack). */
export async function ensureBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }
}
