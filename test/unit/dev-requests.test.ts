/** The local dev endpoints validate their input (issue 14 point 13): /_dev/clock and /_dev/token. */
import { describe, expect, it } from 'vitest';
import { loadDirectory } from '../../shared/app/directory.js';
import { isRefusal, parseDevClock, parseDevInboundMail, parseDevToken } from '../../shared/local/dev-requests.js';

const directory = loadDirectory();

describe('POST /_dev/clock', () => {
  it.each([[{ advanceDays: 'x' }], [{ now: 'gisteren' }], [{ advanceMinutes: null }], [{ advance: 1 }], [[]]])('refuses %j', (body) => {
    const answer = parseDevClock(body);
    expect(isRefusal(answer)).toBe(true);
  });

  it('accepts an ISO instant and numbers', () => {
    expect(parseDevClock({ now: '2026-05-22T10:00:00.000Z', advanceDays: 2 })).toEqual({ now: '2026-05-22T10:00:00.000Z', advanceDays: 2 });
    expect(parseDevClock(undefined)).toEqual({});
  });
});

describe('POST /_dev/token', () => {
  it('mints for an organisation the directory knows, in a role of its kind', () => {
    expect(parseDevToken({ organisationId: 'za-hvo-querido', role: 'begeleider' }, directory)).toEqual({ organisationId: 'za-hvo-querido', role: 'begeleider' });
    expect(isRefusal(parseDevToken({ organisationId: 'gemeente-amsterdam-wonen', role: 'medewerker-wonen', regio: 'amsterdam' }, directory))).toBe(false);
  });

  it.each([
    [{ organisationId: 'za-bestaat-niet', role: 'begeleider' }, 'body.organisationId'],
    [{ organisationId: 'corp-ymere', role: 'begeleider' }, 'body.role'],
    [{ organisationId: 'gemeente-amsterdam-wonen', role: 'medewerker-wonen' }, 'body.regio'],
    [{ organisationId: 'gemeente-amsterdam-wonen', role: 'medewerker-wonen', regio: 'klantreis-2023' }, 'body.regio'],
    [{ organisationId: 'za-hvo-querido', role: 'koning' }, 'body.role'],
    [{ role: 'begeleider' }, 'body.organisationId'],
  ])('refuses %j at %s', (body, path) => {
    const answer = parseDevToken(body, directory);
    expect(isRefusal(answer) && answer.body.errors.map((e) => e.path)).toContain(path);
  });
});

describe('POST /_dev/inbound-mail', () => {
  it.each([[{}], [{ eml: 5 }], [{ eml: '' }], [{ eml: 'x', bijlage: 1 }], [null]])('refuses %j', (body) => {
    expect(isRefusal(parseDevInboundMail(body))).toBe(true);
  });

  it('accepts a raw message as text or as base64', () => {
    expect(parseDevInboundMail({ eml: 'Subject: x\r\n\r\nbody' })).toEqual({ eml: 'Subject: x\r\n\r\nbody' });
    expect(parseDevInboundMail({ base64: 'U3ViamVjdDogeA==' })).toEqual({ base64: 'U3ViamVjdDogeA==' });
  });
});
