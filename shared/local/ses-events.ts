/**
 * SES sending events on one machine. aws-ses-v2-local accepts mail but produces no bounce, complaint or delivery
 * events, so `POST /_dev/ses-event` feeds one to the real `ses-events` handler (functions/ses-events.ts) — the same
 * code the EventBridge rule invokes on AWS. The body is the event as EventBridge delivers it
 * (`{"source":"aws.ses","detail-type":"Email Bounced","detail":{…}}`), as SNS would (`{"Records":[{"Sns":{"Message":"…"}}]}`)
 * or the bare SES record (`{"eventType":"Bounce",…}`); see test/fixtures/ses/.
 */
import type { Mailer } from '#app/ports.js';
import { monotonicMs, type Clock } from '#domain/clock.js';
import { InvalidSesEvent } from '#lib/ses-events.js';
import type { DevRoute } from './api-gateway.js';
import type { Container } from '#app/composition-root.js';
import { loadHandler } from './functions.js';

/** `POST /_dev/ses-event <event>`: answers `{outcomes}` (recorded / duplicate / ignored), 400 for an unreadable event. */
export function sesEventRoute(container: Container): DevRoute {
  return async ({ method, path, body }) => {
    if (path !== '/_dev/ses-event') return undefined;
    if (method !== 'POST') return { status: 405, body: { error: 'POST an SES event (see test/fixtures/ses/)' } };
    const handler = await loadHandler('ses-events', container);
    try {
      return { status: 200, body: { outcomes: await handler(body, { functionName: 'ses-events' }) } };
    } catch (error) {
      if (error instanceof InvalidSesEvent || (error as Error)?.name === 'InvalidSesEvent') return { status: 400, body: { error: (error as Error).message } };
      throw error;
    }
  };
}

const inFlight = new Set<Promise<unknown>>();

/**
 * The local SES stand-in's configuration set (issue 16): after aws-ses-v2-local accepted a mail, a Send event for it —
 * shaped as SES publishes it, with the message tags — goes to the real `ses-events` handler, a moment later, as the
 * AWS event destination would deliver it. So the local stack resolves a reminder stage in doubt by itself. A mail SES
 * did not accept (the send threw) gets no event, as on AWS.
 */
export function withLocalSendEvents(mailer: Mailer, clock: Clock, container: Container): Mailer {
  return {
    async send(mail) {
      const sent = await mailer.send(mail);
      const event = {
        eventType: 'Send',
        mail: {
          messageId: sent.messageId,
          timestamp: clock.now(),
          destination: mail.to,
          tags: Object.fromEntries(Object.entries(mail.tags ?? {}).map(([name, value]) => [name, [value]])),
        },
        send: {},
      };
      const delivered = new Promise((resolve) => setTimeout(resolve, 20))
        .then(async () => (await loadHandler('ses-events', container))(event, { functionName: 'ses-events' }))
        .catch((error: Error) => console.warn(`[ses] local Send event not handled: ${error.message}`))
        .finally(() => inFlight.delete(delivered));
      inFlight.add(delivered);
      return sent;
    },
  };
}

/** Waits for the local Send events still on their way (the local scheduler's tick ends with this). */
export async function settleLocalSesEvents(): Promise<void> {
  while (inFlight.size) await Promise.all([...inFlight]);
}

/**
 * SES's send-rate quota, which aws-ses-v2-local does not enforce: a send over `maxSendRate` per second is refused
 * before anything goes out, with the throttling error SES answers (TooManyRequestsException, HTTP 429). One token
 * bucket of one second's sends for the whole account (every sender container draws from it), as SES averages the
 * rate over a second. Used by the bench and by `LOCAL_SES_ENFORCE_RATE=1 npm start`; tests are not throttled.
 */
export interface LocalSendQuota {
  wrap(mailer: Mailer): Mailer;
  /** Sends refused so far. */
  throttled(): number;
}

export function localSendQuota(maxSendRate: number, nowMs: () => number = monotonicMs): LocalSendQuota {
  let tokens = maxSendRate;
  let at = nowMs();
  let throttled = 0;
  return {
    throttled: () => throttled,
    wrap: (mailer) => ({
      async send(mail) {
        const now = nowMs();
        tokens = Math.min(maxSendRate, tokens + ((now - at) / 1000) * maxSendRate);
        at = now;
        if (tokens < 1) {
          throttled += 1;
          throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
        }
        tokens -= 1;
        return mailer.send(mail);
      },
    }),
  };
}
