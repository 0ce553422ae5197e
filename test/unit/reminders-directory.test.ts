/** The organisation directory: the seeded config validates, and parties resolve to the documented mailboxes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CaseState } from '../../shared/domain/case.js';
import { InvalidDirectory, OrganisationDirectory } from '../../shared/domain/directory.js';
import { loadDirectory } from '../../shared/app/directory.js';
import { classifySendError } from '../../shared/app/reminders/send-errors.js';

const directory = loadDirectory();

const kase: Pick<CaseState, 'zorgaanbiederId' | 'corporatieId' | 'teamId' | 'regio' | 'facts'> = {
  zorgaanbiederId: 'za-hvo-querido',
  corporatieId: 'corp-ymere',
  regio: 'amsterdam',
  facts: { toestemmingDelen: { gegeven: true, sinds: '2026-01-05', doelen: ['start-verhuur'], metWie: ['woningcorporatie', 'gemeente-wonen'] } } as CaseState['facts'],
};

describe('organisation directory', () => {
  it('config/organisations.local.json validates, with zorgaanbieders, corporaties and the woonzaken mailbox', () => {
    const doc = JSON.parse(readFileSync(new URL('../../config/organisations.local.json', import.meta.url), 'utf8')) as unknown;
    const parsed = OrganisationDirectory.parse(doc);
    const kinds = parsed.document.organisations.map((o) => o.kind);
    expect(kinds.filter((k) => k === 'zorgaanbieder').length).toBeGreaterThanOrEqual(3);
    expect(kinds.filter((k) => k === 'woningcorporatie').length).toBeGreaterThanOrEqual(3);
    expect(parsed.addressOf('woonzaken', kase)).toBe('woonzaken.omslag@amsterdam.example');
    for (const o of parsed.document.organisations) expect(o.mailbox).toMatch(/\.example$/);
  });

  it('rejects a broken file loudly, naming the path', () => {
    expect(() => OrganisationDirectory.parse({ organisations: [{ id: 'x', kind: 'zorgaanbieder', name: 'X', mailbox: 'geen-adres' }] })).toThrow(InvalidDirectory);
    expect(() => OrganisationDirectory.parse({ organisations: [{ id: 'x', kind: 'zorgaanbieder', name: 'X', mailbox: 'geen-adres' }] })).toThrow(/organisations\.0\.(id|mailbox)/);
  });

  it('begeleider: the user’s contact, else the team mailbox, else the functional mailbox', () => {
    expect(directory.addressOf('begeleider', kase, 'begeleider-1')).toBe('begeleider.een@hvo-querido.example');
    expect(directory.addressOf('begeleider', { ...kase, teamId: 'team-west' }, 'onbekend')).toBe('team-nieuw-west@hvo-querido.example');
    expect(directory.addressOf('begeleider', kase, 'onbekend')).toBe('omslagroute@hvo-querido.example');
    expect(directory.addressOf('begeleider', kase)).toBe('omslagroute@hvo-querido.example');
  });

  it('meldpunt and onafhankelijke derde fall back to the functional mailbox', () => {
    expect(directory.addressOf('meldpunt', kase)).toBe('meldpunt-overlast@hvo-querido.example');
    expect(directory.addressOf('meldpunt', { ...kase, zorgaanbiederId: 'za-leger-des-heils' })).toBe('omslag@legerdesheils.example');
    expect(directory.addressOf('onafhankelijke-derde', { ...kase, zorgaanbiederId: 'za-regenboog' })).toBe('omslagroute@regenboog.example');
  });

  it('the corporatie only with the client’s consent to share (002 WA10), and only once linked', () => {
    expect(directory.addressOf('corporatie', kase)).toBe('bijzondere-doelgroepen@ymere.example');
    expect(directory.addressOf('corporatie', { ...kase, facts: {} })).toBeUndefined();
    expect(directory.addressOf('corporatie', { ...kase, corporatieId: undefined })).toBeUndefined();
  });

  it('resolve() deduplicates and reports what it could not resolve', () => {
    const resolved = directory.resolve(['begeleider', 'zorgaanbieder', 'corporatie'], { ...kase, facts: {} });
    expect(resolved).toEqual({ to: ['omslagroute@hvo-querido.example'], unresolved: ['corporatie'] });
    expect(directory.resolve(['woonzaken'], { ...kase, regio: 'klantreis-2023' }).to).toEqual(['wonen-uitstroom@gemeente.example']);
  });
});

describe('SES error classification', () => {
  it.each([
    [{ name: 'TooManyRequestsException' }, 'not-sent'],
    [{ name: 'LimitExceededException' }, 'not-sent'],
    [{ name: 'Throttling' }, 'not-sent'],
    [{ name: 'Whatever', $metadata: { httpStatusCode: 429 } }, 'not-sent'],
    [{ name: 'SendingPausedException' }, 'not-sent'],
    [{ name: 'MessageRejected' }, 'rejected'],
    [{ name: 'BadRequestException' }, 'rejected'],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' }), 'not-sent'],
    [Object.assign(new Error('getaddrinfo ENOTFOUND email.eu-west-1.amazonaws.com'), { code: 'ENOTFOUND' }), 'not-sent'],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'in-doubt'],
    [{ name: 'TimeoutError' }, 'in-doubt'],
    [{ name: 'InternalFailure', $metadata: { httpStatusCode: 500 } }, 'in-doubt'],
    [new Error('crashed after send'), 'in-doubt'],
  ])('%j → %s', (error, kind) => {
    expect(classifySendError(error)).toBe(kind);
  });
});
