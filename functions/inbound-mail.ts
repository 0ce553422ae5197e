import type { EventBridgeEvent, S3Event } from 'aws-lambda';
import { receiveInboundMail, type InboundOutcome } from '#app/wonen/inbound.js';
import { inboundDeps, wonenEnv } from '#app/composition-root.js';
import { logger, withInvocationLog, withLogContext, logContext } from '#observability/logger.js';

/** S3 "Object Created" as EventBridge delivers it (the inbox bucket has EventBridge notifications on). */
type ObjectCreated = EventBridgeEvent<'Object Created', { bucket: { name: string }; object: { key: string } }>;

/** The objects an event names: bucket, key (decoded) and when S3 stored it. */
function objectsOf(event: S3Event | ObjectCreated): Array<{ bucket: string; key: string; at?: string }> {
  if ('Records' in event) {
    // S3 notification keys are URL-encoded with '+' for spaces.
    return event.Records.map((r) => ({ bucket: r.s3.bucket.name, key: decodeURIComponent(r.s3.object.key.replace(/\+/g, ' ')), at: r.eventTime }));
  }
  return [{ bucket: event.detail.bucket.name, key: event.detail.object.key, at: event.time }];
}

/**
 * A mail the SES receipt rule for the woonzaken address stored in the inbox bucket (`raw/…`): on AWS an EventBridge
 * rule on the bucket's "Object Created" events invokes this function; locally (shared/local/inbound.ts) an S3 event.
 * Objects are processed one by one; processing is idempotent per mail, so a redelivered event or a retried invocation
 * (asynchronous: two retries, then the on-failure queue) attaches once. A transient failure throws, and the retry
 * recognises what was already done.
 */
export const handler = withInvocationLog('inbound-mail', async (event: S3Event | ObjectCreated): Promise<InboundOutcome[]> => {
  const deps = inboundDeps();
  const inbox = wonenEnv().INBOX_BUCKET;
  const outcomes: InboundOutcome[] = [];
  for (const object of objectsOf(event)) {
    if (object.bucket !== inbox) {
      logger.warn('inbound mail from another bucket ignored', { bucket: object.bucket });
      continue;
    }
    const outcome = await withLogContext({ ...logContext() }, async () => {
      const outcome = await receiveInboundMail(deps, { objectKey: object.key, ...(object.at ? { receivedAt: new Date(object.at).toISOString() } : {}) });
      // Ids, the case reference and outcomes only: no addresses, no subjects in the logs.
      logger.info(`inbound mail ${outcome.outcome}`, {
        mailId: outcome.mailId,
        ...('reference' in outcome ? { reference: outcome.reference, caseId: outcome.caseId } : {}),
        ...('reason' in outcome ? { reason: outcome.reason } : {}),
      });
      return outcome;
    });
    outcomes.push(outcome);
  }
  return outcomes;
});
