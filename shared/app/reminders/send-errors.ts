/**
 * What an error from the Mailer means for the stage being sent. SendEmail has no idempotency key, so only an answer
 * that proves nothing went out may lead to a resend.
 * - `not-sent`: SES refused before sending — throttling (TooManyRequests, LimitExceeded, Throttling; HTTP 429) or the
 *   account/sender is not able to send right now. Release the claim; the stage is retried later.
 *   So is a connection that was never made (refused, no such host): not a byte reached SES.
 * - `rejected`: SES refused this message for good (bad address, invalid content). Retrying cannot help: `failed`.
 * - `in-doubt`: anything else (timeout, connection reset, 5xx, a crash right after the send): SES may have sent it.
 *   The claim stays; a redelivery sees it and does not resend.
 */
export type SendErrorKind = 'not-sent' | 'rejected' | 'in-doubt';

const THROTTLING = new Set(['TooManyRequestsException', 'LimitExceededException', 'Throttling', 'ThrottlingException', 'ThrottledException']);
const NOT_SENT = new Set(['SendingPausedException', 'AccountSuspendedException', 'MailFromDomainNotVerifiedException', 'NotFoundException']);
const REJECTED = new Set(['MessageRejected', 'BadRequestException']);
/** Socket errors before the request left this machine. ECONNRESET is not among them: the request may have arrived. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export function isThrottling(error: unknown): boolean {
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: number } } | null;
  return (typeof e?.name === 'string' && THROTTLING.has(e.name)) || e?.$metadata?.httpStatusCode === 429;
}

export function classifySendError(error: unknown): SendErrorKind {
  if (isThrottling(error)) return 'not-sent';
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && NOT_SENT.has(name)) return 'not-sent';
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NEVER_CONNECTED.has(code)) return 'not-sent';
  if (typeof name === 'string' && REJECTED.has(name)) return 'rejected';
  return 'in-doubt';
}

export function errorName(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : 'Error';
}
