/**
 * Bounces and complaints, the pure part (shared/domain/mail-health.ts): reading SES events as EventBridge, SNS or bare
 * records deliver them; which events suppress; the record's next state; swapping suppressed recipients.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDirectory } from '../../shared/app/directory.js';
import { applyFeedback, applySuppressions, clearSuppression, suppressionCandidates, suppresses, type MailFeedback } from '../../shared/domain/mail-health.js';
import { InvalidSesEvent, parseSesEvents } from '../../shared/lib/ses-events.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/ses/${name}.json`, import.meta.url), 'utf8')) as Record<string, any>;
const directory = loadDirectory();
const BEGELEIDER = 'begeleider.een@hvo-querido.example';
const ZA_MAILBOX = 'omslagroute@hvo-querido.example';
const NOW = '2026-07-13T07:00:00.000Z';

const one = (input: unknown) => {
  const { events } = parseSesEvents(input);
  expect(events).toHaveLength(1);
  return events[0]! as Extract<MailFeedback, { kind: 'bounce' | 'complaint' }>;
};

describe('parsing SES events', () => {
  it('reads a Permanent bounce as EventBridge delivers it, with its tags', () => {
    const event = one(fixture('bounce-permanent'));
    expect(event).toMatchObject({
      kind: 'bounce',
      bounceType: 'Permanent',
      bounceSubType: 'General',
      recipients: [BEGELEIDER],
      sesMessageId: '0102019a1b2c3b11-aa11bb22-cc33-4d44-8e55-ff6677889900-000000',
      at: '2026-07-13T06:05:03.114Z',
      sentAt: '2026-07-13T06:05:01.862Z',
      tags: { reminderId: 'rem_3f2a9c', stage: 'vooraf', 'ses:configuration-set': 'omslagroute-dev' },
    });
    expect(event.eventKey).toContain('0102019a1b2c3d4e-5f6a7b8c');
  });

  it('reads the same record wrapped by SNS, or bare, to the same event', () => {
    const eventBridge = fixture('bounce-permanent');
    const sns = { Records: [{ EventSource: 'aws:sns', Sns: { Message: JSON.stringify(eventBridge.detail) } }] };
    expect(one(sns)).toEqual(one(eventBridge));
    expect(one(eventBridge.detail)).toEqual(one(eventBridge));
  });

  it('reads complaints and deliveries; skips event types it does not act on', () => {
    expect(one(fixture('complaint'))).toMatchObject({ kind: 'complaint', recipients: [BEGELEIDER], complaintType: 'abuse' });
    expect(parseSesEvents(fixture('delivery')).events[0]).toMatchObject({ kind: 'delivery', recipients: [BEGELEIDER] });
    const send = { ...fixture('delivery').detail, eventType: 'Send', send: {} };
    // Issue 16: a Send event is read now (it confirms a reminder stage in doubt); Open is still skipped.
    expect(parseSesEvents(send).events[0]).toMatchObject({ kind: 'send' });
    const open = { ...fixture('delivery').detail, eventType: 'Open', open: {} };
    expect(parseSesEvents(open)).toEqual({ events: [], ignored: ['Open'] });
  });

  it('refuses what is not an SES event, naming the field', () => {
    expect(() => parseSesEvents({ source: 'aws.s3', 'detail-type': 'Object Created', detail: {} })).toThrow(InvalidSesEvent);
    const broken = fixture('bounce-permanent');
    delete broken.detail.bounce.bouncedRecipients;
    expect(() => parseSesEvents(broken)).toThrow(/bounce\.bouncedRecipients/);
    expect(() => parseSesEvents('nope')).toThrow(InvalidSesEvent);
  });
});

describe('the suppression rule', () => {
  it('Permanent bounces and complaints suppress; Transient bounces do not', () => {
    expect(suppresses(one(fixture('bounce-permanent')))).toBe(true);
    expect(suppresses(one(fixture('complaint')))).toBe(true);
    expect(suppresses(one(fixture('bounce-transient')))).toBe(false);
  });

  it('records the owner organisation from the directory; a transient record expires, a suppressed one does not', () => {
    const transient = applyFeedback(undefined, one(fixture('bounce-transient')), BEGELEIDER, directory, NOW);
    expect(transient).toMatchObject({ organisationId: 'za-hvo-querido', as: 'contact', suppressed: false, count: 1, version: 1, bounceType: 'Transient' });
    expect(transient.expiresAt).toBeGreaterThan(Date.parse(NOW) / 1000);
    const permanent = applyFeedback(transient, one(fixture('bounce-permanent')), BEGELEIDER, directory, NOW);
    expect(permanent).toMatchObject({ suppressed: true, count: 2, version: 2, bounceType: 'Permanent', suppressedAt: '2026-07-13T06:05:03.114Z' });
    expect(permanent.expiresAt).toBeUndefined();
    // A later transient bounce keeps the suppression.
    expect(applyFeedback(permanent, one(fixture('bounce-transient')), BEGELEIDER, directory, NOW)).toMatchObject({ suppressed: true, count: 3 });
  });

  it('a bounce of a mail sent before the address was cleared does not suppress it again; a later one does', () => {
    const suppressed = applyFeedback(undefined, one(fixture('bounce-permanent')), BEGELEIDER, directory, NOW);
    const cleared = clearSuppression(suppressed, 'beheer-1', '2026-07-14T10:00:00.000Z');
    expect(cleared).toMatchObject({ suppressed: false, clearedBy: 'beheer-1', version: 2 });
    const late = one(fixture('bounce-permanent')); // sent 13 July, reported late
    expect(applyFeedback(cleared, { ...late, at: '2026-07-14T11:00:00.000Z' }, BEGELEIDER, directory, NOW).suppressed).toBe(false);
    const fresh = { ...late, sentAt: '2026-07-15T06:00:00.000Z', at: '2026-07-15T06:00:02.000Z' };
    expect(applyFeedback(cleared, fresh, BEGELEIDER, directory, NOW)).toMatchObject({ suppressed: true, suppressedAt: fresh.at });
  });
});

describe('swapping suppressed recipients', () => {
  it('knows whose address it is', () => {
    expect(directory.ownerOf('BEGELEIDER.een@hvo-querido.example')).toEqual({ organisationId: 'za-hvo-querido', as: 'contact', mailbox: ZA_MAILBOX });
    expect(directory.ownerOf('team-oost@hvo-querido.example')).toMatchObject({ organisationId: 'za-hvo-querido', as: 'team' });
    expect(directory.ownerOf('bijzondere-doelgroepen@ymere.example')).toMatchObject({ organisationId: 'corp-ymere', as: 'mailbox' });
    expect(directory.ownerOf('someone@elsewhere.example')).toBeUndefined();
  });

  it('replaces a suppressed address with its organisation’s functional mailbox, once; drops it when that bounced too', () => {
    const to = [BEGELEIDER, 'bijzondere-doelgroepen@ymere.example'];
    expect(suppressionCandidates(to, directory).sort()).toEqual([BEGELEIDER, 'bijzondere-doelgroepen@ymere.example', ZA_MAILBOX].sort());
    expect(applySuppressions(to, new Set([BEGELEIDER]), directory)).toEqual({
      to: [ZA_MAILBOX, 'bijzondere-doelgroepen@ymere.example'],
      replaced: [{ from: BEGELEIDER, to: ZA_MAILBOX }],
      dropped: [],
    });
    expect(applySuppressions([BEGELEIDER, ZA_MAILBOX], new Set([BEGELEIDER]), directory).to).toEqual([ZA_MAILBOX]);
    expect(applySuppressions([BEGELEIDER], new Set([BEGELEIDER, ZA_MAILBOX]), directory)).toEqual({ to: [], replaced: [], dropped: [BEGELEIDER] });
    expect(applySuppressions(['someone@elsewhere.example'], new Set(['someone@elsewhere.example']), directory).dropped).toEqual(['someone@elsewhere.example']);
  });
});
