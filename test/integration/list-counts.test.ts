/**
 * GET /cases?counts=true (issue 13): Mijn dossiers' tab counts in one request. The counts are exactly what the
 * per-phase listings show, for an organisation and for a begeleider in a team (same filter), and nothing for a role
 * without a listing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PHASES } from '../../shared/domain/phases.js';
import { aanvraagUrgentieBody, createCaseBody } from '../support/bodies.js';
import { callers, localApi, type Caller, type TestApi } from '../support/api.js';

let api: TestApi;

beforeAll(async () => {
  api = await localApi({ now: '2026-11-23T09:00:00.000Z' });
  for (const teamId of ['team-noord', 'team-noord', 'team-zuid', undefined]) {
    const created = await api.post('/cases', callers.begeleider, createCaseBody(teamId ? { teamId } : {}));
    expect(created.status, created.text).toBe(201);
    if (teamId === 'team-noord') await api.submitForm(created.body.caseId, 'aanvraag-urgentie', callers.begeleider, aanvraagUrgentieBody('2026-11-23'));
  }
});

async function perPhase(caller: Caller): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const phase of PHASES) counts[phase] = (await api.get(`/cases?phase=${phase}&limit=100`, caller)).body.items.length;
  return counts;
}

describe('GET /cases?counts=true', () => {
  for (const [label, caller] of [
    ['the organisation (organisatiebeheerder)', callers.beheerder],
    ['a begeleider without a team', callers.begeleider],
    ['a begeleider in team-zuid', { ...callers.begeleider, teamId: 'team-zuid', sub: 'begeleider-zuid' }],
    ['the corporatie', callers.corporatie],
  ] as Array<[string, Caller]>) {
    it(`counts per phase what the per-phase listings show, for ${label}`, async () => {
      const answer = await api.get('/cases?counts=true&limit=100', caller);
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body.counts).toEqual(await perPhase(caller));
      expect(answer.body.items.length).toBe(Math.min(100, Object.values(answer.body.counts as Record<string, number>).reduce((a, b) => a + b, 0)));
    });
  }

  it('leaves counts out unless asked, and answers zeros to a role without a listing', async () => {
    expect((await api.get('/cases?limit=5', callers.beheerder)).body.counts).toBeUndefined();
    const none = await api.get('/cases?counts=true', callers.corporatieBeheerder);
    expect(none.body.items).toEqual([]);
    expect(Object.values(none.body.counts)).toEqual(PHASES.map(() => 0));
    expect((await api.get('/cases?counts=yes', callers.beheerder)).status).toBe(400);
  });
});
