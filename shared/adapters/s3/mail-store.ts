/**
 * The inbox bucket (S3): raw mails as the SES receipt rule stored them (`raw/…`) and the parts the inbound-mail
 * function extracts from them (`mail/<mailId>/…`: body text, accepted attachments). Every object is written with
 * server-side encryption: SSE-KMS with the inbox key when INBOX_KMS_KEY_ID is set (AWS), SSE-S3 otherwise; the bucket's
 * policy on AWS refuses unencrypted puts as well. The endpoint comes from the SDK configuration (AWS_ENDPOINT_URL_S3
 * locally: fauxqs), like every other client in this code base.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  UploadPartCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { CaseObjectStore } from '#app/ports.js';
import type { MailObjectStore } from '#app/wonen/ports.js';

/** An S3 client; path-style addressing when a local endpoint is configured (fauxqs serves path-style). */
/**
 * Objects larger than this go up in parts (multipart upload, 8 MiB parts). A mail may be 40 MB (SES's limit) and an
 * attachment 10 MB; the local S3 stand-in (fauxqs) refuses any request body over 11 MiB, so a single PUT of a 20 MB
 * mail failed there (issue 16). On AWS a multipart upload is equally valid (parts ≥ 5 MiB) and retries a part, not
 * the whole object.
 */
export const MULTIPART_THRESHOLD_BYTES = 8 * 1024 * 1024;

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
    await this.put(key, body, 'message/rfc822');
  }

  async putPart(key: string, body: Buffer | string, contentType: string): Promise<void> {
    await this.put(key, body, contentType);
  }

  private async put(key: string, body: Buffer | string, contentType: string): Promise<void> {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    if (bytes.length <= MULTIPART_THRESHOLD_BYTES) {
      await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType, ...this.encryption() }));
      return;
    }
    const { UploadId } = await this.s3.send(
      new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: contentType, ...this.encryption() }),
    );
    try {
      const parts: Array<{ ETag: string; PartNumber: number }> = [];
      for (let offset = 0, PartNumber = 1; offset < bytes.length; offset += MULTIPART_THRESHOLD_BYTES, PartNumber++) {
        // subarray: a view, not a copy of the mail.
        const Body = bytes.subarray(offset, offset + MULTIPART_THRESHOLD_BYTES);
        const out = await this.s3.send(new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId, PartNumber, Body }));
        parts.push({ ETag: out.ETag!, PartNumber });
      }
      await this.s3.send(new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId, MultipartUpload: { Parts: parts } }));
    } catch (error) {
      await this.s3.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId })).catch(() => undefined);
      throw error;
    }
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
