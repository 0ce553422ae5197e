/**
 * The woonzaken inbox on one machine. On AWS an SES receipt rule stores each mail in the inbox bucket and the S3 event
 * invokes `inbound-mail`; locally there is no SES receiving, so a raw .eml reaches the same handler in one of two ways:
 *
 * - `POST /_dev/inbound-mail` with `{"eml": "<raw message>"}` (or `{"base64": "…"}`): a DevRoute for the local API
 *   (register `inboundMailRoute()` in shared/local/stack.ts's devRoutes);
 * - a drop folder, `.data/inbound/`, watched while `npm start` runs (`watchInboundFolder()`): a `.eml` file put there is
 *   delivered and moved to `processed/` (or `failed/`).
 *
 * Both put the raw mail into the local bucket (fauxqs S3) under `raw/<sha256 of the mail>` — the same mail twice is the
 * same object — and invoke the real handler with an S3 ObjectCreated event. `POST /_dev/wonen-digest` runs the daily
 * digest now (no EventBridge Scheduler locally).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { ensureBucket, S3MailStore } from '#adapters/s3/mail-store.js';
import type { InboundOutcome } from '#app/wonen/inbound.js';
import { appPart, type Container } from '#app/composition-root.js';
import type { DevRoute } from './api-gateway.js';
import { isRefusal, parseDevInboundMail } from './dev-requests.js';
import { loadHandler } from './functions.js';
import type { LocalServices } from './services.js';

export const LOCAL_INBOX_BUCKET = 'omslagroute-inbox-local';

function localS3(services: LocalServices): S3Client {
  return new S3Client({ endpoint: services.endpoints.s3, region: services.region, credentials: services.credentials, forcePathStyle: true });
}

/**
 * Creates the local inbox bucket and points the inbound function at it (INBOX_BUCKET). Call after applyLocalEnv().
 * Returns the bucket name.
 */
export async function ensureLocalInbox(services: LocalServices): Promise<string> {
  const bucket = (process.env.INBOX_BUCKET ??= LOCAL_INBOX_BUCKET);
  await ensureBucket(localS3(services), bucket);
  // The container of this process is built from the configuration: the new INBOX_BUCKET rebuilds it.
  return bucket;
}

/**
 * Stores a raw mail as SES would and invokes the inbound-mail handler, bound to `container` (the local stack's by
 * default), with the S3 event for it.
 */
export async function deliverLocalMail(raw: Buffer, container: Container): Promise<InboundOutcome[]> {
  const bucket = process.env.INBOX_BUCKET;
  if (!bucket) throw new Error('INBOX_BUCKET is not set: call ensureLocalInbox(services) first');
  const key = `raw/${createHash('sha256').update(raw).digest('hex')}`;
  await new S3MailStore(new S3Client({ forcePathStyle: true }), bucket).putRaw(key, raw);
  const handler = await loadHandler('inbound-mail', container);
  return (await handler(s3Event(bucket, key, raw.length, container), { functionName: 'inbound-mail' })) as InboundOutcome[];
}

function s3Event(bucket: string, key: string, size: number, container: Container): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: process.env.AWS_REGION ?? 'eu-west-1',
        // The local clock (POST /_dev/clock), as every other handler sees it.
        eventTime: container.part(appPart).clock.now(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'local' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'local-inbox',
          bucket: { name: bucket, ownerIdentity: { principalId: 'local' }, arn: `arn:aws:s3:::${bucket}` },
          object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size, eTag: 'local', sequencer: '0' },
        },
      },
    ],
  };
}

/** `POST /_dev/inbound-mail {"eml": "…"}` or `{"base64": "…"}`: deliver a raw mail to the woonzaken inbox. */
export function inboundMailRoute(container: Container): DevRoute {
  return async ({ method, path, body }) => {
    if (path !== '/_dev/inbound-mail') return undefined;
    if (method !== 'POST') return { status: 405, body: { error: 'POST {"eml": "<raw message>"} or {"base64": "…"}' } };
    const request = parseDevInboundMail(body);
    if (isRefusal(request)) return request;
    const raw = request.eml !== undefined ? Buffer.from(request.eml, 'utf8') : Buffer.from(request.base64 ?? '', 'base64');
    if (!raw.length) return { status: 400, body: { error: 'Leeg bericht', errors: [{ path: 'body.base64', message: 'Geen bericht na base64-decodering' }] } };
    return { status: 200, body: { outcomes: await deliverLocalMail(raw, container) } };
  };
}

/** `POST /_dev/wonen-digest`: run today's digest to woonzaken now (on the local clock). */
export function wonenDigestRoute(container: Container): DevRoute {
  return async ({ method, path }) => {
    if (path !== '/_dev/wonen-digest' || method !== 'POST') return undefined;
    const handler = await loadHandler('wonen-digest', container);
    return { status: 200, body: { results: await handler({}, { functionName: 'wonen-digest' }) } };
  };
}

export interface InboundFolder {
  dir: string;
  close(): void;
}

/**
 * Watches `dir` (default `.data/inbound`) for `.eml` files: each is delivered once and moved to `processed/`, or to
 * `failed/` when the handler threw. Files already there when it starts are delivered too.
 */
export function watchInboundFolder(options: { dir?: string; log?: (line: string) => void; container: Container }): InboundFolder {
  const dir = options.dir ?? join('.data', 'inbound');
  const log = options.log ?? ((line: string) => console.log(line));
  for (const sub of ['', 'processed', 'failed']) mkdirSync(join(dir, sub), { recursive: true });
  const busy = new Set<string>();
  let chain = Promise.resolve();

  const deliver = (name: string) => {
    if (!name.toLowerCase().endsWith('.eml') || busy.has(name)) return;
    busy.add(name);
    chain = chain
      .then(async () => {
        const file = join(dir, name);
        if (!existsSync(file)) return;
        try {
          const outcomes = await deliverLocalMail(readFileSync(file), options.container);
          renameSync(file, join(dir, 'processed', name));
          log(`[inbound] ${name}: ${outcomes.map((o) => `${o.outcome}${'reason' in o ? ` (${o.reason})` : ''}`).join(', ')}`);
        } catch (error) {
          renameSync(file, join(dir, 'failed', name));
          log(`[inbound] ${name}: failed: ${(error as Error).message}`);
        }
      })
      .finally(() => busy.delete(name));
  };

  for (const name of readdirSync(dir)) deliver(name);
  // A file being written fires several events; the busy set and the existence check make delivery once per file.
  const watcher: FSWatcher = watch(dir, (_event, name) => {
    if (name) setTimeout(() => deliver(name.toString()), 200);
  });
  return { dir, close: () => watcher.close() };
}
