/**
 * The sender paces itself to the SES account's send rate (issue 15). On AWS the quota, not our code, is the limit:
 * SES answers a send over `SendQuota.MaxSendRate` with a throttling error, and a throttled stage is released and
 * retried later (nothing lost, nothing sent twice: ports.ts), but a storm of throttles wastes the sender's time and
 * delays everything behind it. So each sender container spaces its sends at its share of the rate: the account's
 * MaxSendRate divided by the number of senders that run at once (the event source mapping's maxConcurrency). With
 * 10,000 stages due at 08:00 every sender is busy and together they send at the quota.
 *
 * The rate is read from SES (GetAccount) at cold start and again every QUOTA_REFRESH_MS, so a raised quota applies
 * without a deploy; SES_MAX_SEND_RATE overrides it (and is the only source where GetAccount is not available).
 * Durations come from the process's monotonic counter, never the Clock: pacing is about this process's own time.
 */
import { monotonicMs } from '#domain/clock.js';
import { pause } from '../pause.js';

export interface SendPacer {
  /** How long `take()` would wait now (ms): the sender does not claim a stage it cannot send in time. */
  waitMs(): Promise<number>;
  /** Waits for this container's next send slot. */
  take(): Promise<void>;
  /** The sends per second this container keeps to (undefined: not paced). */
  ratePerSecond(): Promise<number | undefined>;
}

export const QUOTA_REFRESH_MS = 10 * 60_000;

export interface PacerOptions {
  /** The account's MaxSendRate (sends per second), or undefined when unknown: then nothing is paced. */
  accountRate: () => Promise<number | undefined>;
  /** How many senders share the rate (REMINDER_QUEUE.maxConcurrency). */
  senders: number;
  nowMs?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Evenly spaced slots at `share = accountRate / senders` per second, no burst: a fresh container starts with one
 * slot, so a dozen containers starting at once cannot together exceed the rate for more than their first send.
 */
export function sendPacer(options: PacerOptions): SendPacer {
  const nowMs = options.nowMs ?? monotonicMs;
  const sleep = options.sleep ?? pause;
  let rate: { value: number | undefined; readAt: number } | undefined;
  let nextSlot = -Infinity;

  const share = async (): Promise<number | undefined> => {
    if (!rate || nowMs() - rate.readAt >= QUOTA_REFRESH_MS) {
      const account = await options.accountRate().catch(() => rate?.value);
      rate = { value: account && account > 0 ? account / Math.max(1, options.senders) : undefined, readAt: nowMs() };
    }
    return rate.value;
  };

  return {
    ratePerSecond: share,
    async waitMs() {
      const perSecond = await share();
      return perSecond ? Math.max(0, nextSlot - nowMs()) : 0;
    },
    async take() {
      const perSecond = await share();
      if (!perSecond) return;
      const now = nowMs();
      const slot = Math.max(now, nextSlot);
      nextSlot = slot + 1000 / perSecond;
      if (slot > now) await sleep(slot - now);
    },
  };
}
