/**
 * The sender's pacing (shared/app/reminders/pacing.ts): each container sends at its share of the SES account's send
 * rate, evenly spaced, so the senders together never exceed the quota SES throttles at. On fake process time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUOTA_REFRESH_MS, sendPacer } from '../../shared/app/reminders/pacing.js';
import { localSendQuota } from '../../shared/local/ses-events.js';

/** Process time that moves only when someone sleeps. */
function fakeTime() {
  let now = 0;
  return { nowMs: () => now, sleep: async (ms: number) => void (now += ms), advance: (ms: number) => void (now += ms) };
}

describe('the sender paces itself to its share of the SES send rate', () => {
  it('spaces sends at accountRate / senders per second, with no burst at the start', async () => {
    const time = fakeTime();
    const pacer = sendPacer({ accountRate: async () => 10, senders: 2, ...time });
    const at: number[] = [];
    for (let i = 0; i < 6; i++) {
      await pacer.take();
      at.push(time.nowMs());
    }
    expect(at).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(await pacer.ratePerSecond()).toBe(5);
  });

  it('says how long the next slot is away, so a stage is not claimed when the invocation would end first', async () => {
    const time = fakeTime();
    const pacer = sendPacer({ accountRate: async () => 4, senders: 1, ...time });
    await pacer.take();
    expect(await pacer.waitMs()).toBe(250);
    time.advance(100);
    expect(await pacer.waitMs()).toBe(150);
  });

  it('does not pace when the rate is unknown, and keeps the last known rate when SES cannot be asked', async () => {
    const time = fakeTime();
    const unknown = sendPacer({ accountRate: async () => undefined, senders: 2, ...time });
    for (let i = 0; i < 5; i++) await unknown.take();
    expect(time.nowMs()).toBe(0);

    let calls = 0;
    const flaky = sendPacer({
      accountRate: async () => {
        calls += 1;
        if (calls > 1) throw new Error('SES GetAccount unavailable');
        return 2;
      },
      senders: 1,
      ...time,
    });
    expect(await flaky.ratePerSecond()).toBe(2);
    time.advance(QUOTA_REFRESH_MS);
    expect(await flaky.ratePerSecond()).toBe(2);
    expect(calls).toBe(2);
  });

  it('reads a raised quota again after the refresh interval', async () => {
    const time = fakeTime();
    let quota = 14;
    const pacer = sendPacer({ accountRate: async () => quota, senders: 2, ...time });
    expect(await pacer.ratePerSecond()).toBe(7);
    quota = 50;
    time.advance(QUOTA_REFRESH_MS - 1);
    expect(await pacer.ratePerSecond()).toBe(7);
    time.advance(1);
    expect(await pacer.ratePerSecond()).toBe(25);
  });

  // A quota below the number of senders (the SES sandbox's 1/s with 2 senders) can see the first sends of containers
  // that start together collide; the sender's quick retry inside its claim takes that one. Production quotas are ≥ 14/s.
  it('law: senders sharing the rate, interleaved in any order, are never throttled by a quota of that rate', async () => {
    const rateAndSenders = fc.integer({ min: 1, max: 4 }).chain((senders) => fc.tuple(fc.integer({ min: senders, max: 60 }), fc.constant(senders)));
    await fc.assert(
      fc.asyncProperty(rateAndSenders, fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 120 }), async ([rate, senders], order) => {
        // One process clock for all senders; each sender waits for its own slot, as separate containers do.
        let now = 0;
        const nowMs = () => now;
        const quota = localSendQuota(rate, nowMs);
        const mailer = quota.wrap({ send: async () => ({ messageId: 'm' }) });
        const pacers = Array.from({ length: senders }, () => sendPacer({ accountRate: async () => rate, senders, nowMs, sleep: async () => undefined }));
        // Simulate: each step, the chosen sender sends at its next slot; time moves to the latest slot taken.
        const nextFree = new Array<number>(senders).fill(0);
        const events: Array<{ at: number; sender: number }> = [];
        for (const pick of order) {
          const s = pick % senders;
          events.push({ at: nextFree[s]!, sender: s });
          nextFree[s]! += 1000 / (rate / senders);
        }
        events.sort((a, b) => a.at - b.at);
        for (const e of events) {
          now = e.at;
          await pacers[e.sender]!.take();
          await mailer.send({ to: ['x@example.org'], subject: 's', html: 'h', text: 't' });
        }
        expect(quota.throttled()).toBe(0);
      }),
      { seed: 20261203, numRuns: 200 },
    );
  });

  it('the local SES quota refuses a burst over the rate with SES’s throttling error, sending nothing', async () => {
    const time = fakeTime();
    const sent: string[] = [];
    const quota = localSendQuota(3, time.nowMs);
    const mailer = quota.wrap({ send: async (mail) => (sent.push(mail.subject), { messageId: mail.subject }) });
    const outcomes = await Promise.allSettled(['a', 'b', 'c', 'd'].map((subject) => mailer.send({ to: ['x@example.org'], subject, html: '', text: '' })));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect((outcomes[3] as PromiseRejectedResult).reason).toMatchObject({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
    expect(sent).toEqual(['a', 'b', 'c']);
    expect(quota.throttled()).toBe(1);
    time.advance(1000 / 3);
    await expect(mailer.send({ to: ['x@example.org'], subject: 'e', html: '', text: '' })).resolves.toEqual({ messageId: 'e' });
  });
});
