import { handleSesEvent, type MailEventOutcome } from '#app/mail-health/events.js';
import { mailEventDeps } from '#app/composition-root.js';

/**
 * SES sending events of the configuration set (EventBridge rule on the default bus: Email Bounced, Email Complaint
 * Received, Email Delivered) → the address records (app/mail-health/events.ts). Idempotent per SES event; an error
 * throws, so EventBridge retries and then dead-letters the event.
 */
export const handler = async (event: unknown): Promise<MailEventOutcome[]> => handleSesEvent(mailEventDeps(), event);
