/**
 * SES sending events on one machine. aws-ses-v2-local accepts mail but produces no bounce, complaint or delivery
 * events, so `POST /_dev/ses-event` feeds one to the real `ses-events` handler (functions/ses-events.ts) — the same
 * code the EventBridge rule invokes on AWS. The body is the event as EventBridge delivers it
 * (`{"source":"aws.ses","detail-type":"Email Bounced","detail":{…}}`), as SNS would (`{"Records":[{"Sns":{"Message":"…"}}]}`)
 * or the bare SES record (`{"eventType":"Bounce",…}`); see test/fixtures/ses/.
 */
import { InvalidSesEvent } from '#domain/mail-health.js';
import type { DevRoute } from './api-gateway.js';
import { loadHandler } from './functions.js';

/** `POST /_dev/ses-event <event>`: answers `{outcomes}` (recorded / duplicate / ignored), 400 for an unreadable event. */
export function sesEventRoute(): DevRoute {
  return async ({ method, path, body }) => {
    if (path !== '/_dev/ses-event') return undefined;
    if (method !== 'POST') return { status: 405, body: { error: 'POST an SES event (see test/fixtures/ses/)' } };
    const handler = await loadHandler('ses-events');
    try {
      return { status: 200, body: { outcomes: await handler(body, { functionName: 'ses-events' }) } };
    } catch (error) {
      if (error instanceof InvalidSesEvent || (error as Error)?.name === 'InvalidSesEvent') return { status: 400, body: { error: (error as Error).message } };
      throw error;
    }
  };
}
