/**
 * GET /organisations/{organisationId}/users through the real handler on the local stack, where the identity provider
 * is the seeded people of config/people.local.json (the Cognito adapter: test/unit/cognito-user-directory.test.ts).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { callers, localApi, type Caller, type TestApi } from '../support/api.js';

let api: TestApi;
const people = (JSON.parse(readFileSync(new URL('../../config/people.local.json', import.meta.url), 'utf8')) as { people: Array<{ sub: string; organisationId: string; role: string }> }).people;

beforeAll(async () => {
  api = await localApi({ now: '2026-11-23T09:00:00.000Z' });
});

describe('the organisation’s users (Beheer, issue 13)', () => {
  for (const [who, caller] of [
    ['organisatiebeheerder', callers.beheerder],
    ['corporatiebeheerder', callers.corporatieBeheerder],
    ['wonenbeheerder', callers.wonenBeheerder],
  ] as Array<[string, Caller]>) {
    it(`lists its own organisation's seeded people with role and team to the ${who}`, async () => {
      const answer = await api.get(`/organisations/${caller.organisationId}/users`, caller);
      expect(answer.status, answer.text).toBe(200);
      const expected = people.filter((p) => p.organisationId === caller.organisationId);
      expect(answer.body.items.map((u: { userId: string }) => u.userId).sort()).toEqual(expected.map((p) => p.sub).sort());
      for (const u of answer.body.items) expect(u).toMatchObject({ role: expected.find((p) => p.sub === u.userId)!.role, enabled: true, name: expect.any(String) });
      expect(answer.body.items.map((u: { role: string }) => u.role)).toContain(who);
    });
  }

  it('shows the team of a begeleider in a team', async () => {
    const answer = await api.get(`/organisations/za-hvo-querido/users`, callers.beheerder);
    expect(answer.body.items.find((u: { userId: string }) => u.userId === 'begeleider-anouk')).toMatchObject({ teamId: 'team-west', role: 'begeleider' });
  });

  it('refuses another organisation’s beheerder and every other role', async () => {
    for (const caller of [callers.corporatieBeheerder, callers.wonenBeheerder, callers.begeleider, callers.derde, callers.corporatie, callers.wonen]) {
      const answer = await api.get(`/organisations/za-hvo-querido/users`, caller);
      expect(answer.status, `${caller.organisationId} ${caller.role}`).toBe(403);
      expect(answer.text).not.toContain('begeleider-anouk');
    }
  });
});
