/**
 * Monitor figures over HTTP on the local stack: a handful of cases seeded through the real API (form fixtures on one
 * timeline, FIXTURE_TODAY 2027-06-14), then `GET /monitor/{organisationId}` compared to numbers computed by hand.
 *
 * The seeds (za-hvo-querido unless said; every case is created on 2027-06-14, the aanvragen are back-dated):
 *   A  the whole route: aanvraag 2025-11-21, besluit akkoord 2025-11-26, woningaanbod (corp-ymere) 2026-01-30,
 *      sleuteloverdracht 2026-02-09, voordracht 2027-04-15, toets derde 04-20, besluit omklap 04-25,
 *      contract op eigen naam 2027-06-04 → 480 days from sleuteloverdracht to omklap.
 *   B  the same route with the sleuteloverdracht on 2026-02-04 → 485 days.
 *   C  aanvraag 2025-11-21 only (submitted twice with the same Idempotency-Key); Wonen never decided: the toets
 *      Wonen (5 werkdagen → due Fri 2025-11-28) is overdue and open.
 *   D  aanvraag 2025-11-21, besluit afgewezen 2025-11-26 → back to onderzoek.
 *   E  za-leger-des-heils: aanvraag 2025-11-21 (another organisation's figures).
 *
 * By hand, za-hvo-querido:
 *   2025-11  entered urgentie_aangevraagd 4 (A B C D), wachtlijst 2 (A B), onderzoek 1 (D);
 *            urgenties aangevraagd 4 (C once, the replay writes nothing), verleend 2 (A B);
 *            deadlines: toets Wonen met on time 3 (A B D), C's overdue and open 1 → gemist 1.
 *   2026-01  entered aanbod 2.   2026-02  entered herstelfase 2.
 *   2027-04  entered voordracht 2, toets_wonen 2, omklap_akkoord 2.
 *   2027-06  entered onderzoek 4 (the four cases were created then), omgeklapt 2; omklappen 2;
 *            median days (480 + 485) / 2 = 482.5.
 *   Over every month: gemist 1 (the route's other deadlines were all met in time, as test/e2e/route.test.ts shows).
 *   Now: omgeklapt 2, urgentie_aangevraagd 1 (C), onderzoek 1 (D).
 * corp-ymere (from the woningaanbod on, with the client's consent): entered aanbod 2 in 2026-01, omklappen 2 in 2027-06.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, amsterdamInstant } from '../../shared/domain/calendar.js';
import type { Action } from '../../shared/domain/phases.js';
import { callerFor, callers, localApi, type Caller, type TestApi } from '../support/api.js';
import { FIXTURE_TODAY, validInput, type Overrides } from '../unit/forms.fixtures.js';

const d = (n: number) => addDays(FIXTURE_TODAY, n);
const ORG = 'za-hvo-querido';
const ldhBeheerder: Caller = { organisationId: 'za-leger-des-heils', role: 'organisatiebeheerder', sub: 'ldh-beheer' };
const ldhBegeleider: Caller = callers.andereZorgaanbieder;

const ROUTE: Action[] = [
  'aanvraag-urgentie',
  'besluit-urgentie',
  'woningaanbod',
  'reactie-aanbod',
  'bezichtiging',
  'sleuteloverdracht',
  'afspraak-gepland',
  'kennismaking',
  'begeleidingsplan',
  'woonevaluatie',
  'voordracht-omklap',
  'toets-derde',
  'besluit-omklap',
  'huurcontract-eigen-naam',
];

let api: TestApi;

async function createCase(begeleider: Caller = callers.begeleider): Promise<string> {
  const created = await api.post('/cases', begeleider, { regio: 'amsterdam', route: 'MO', doelgroep: 'volwassene', clientPseudonym: 'Q.X.' });
  expect(created.status).toBe(201);
  return created.body.caseId as string;
}

async function submit(caseId: string, action: Action, overrides: Overrides = {}, options: { caller?: Caller; idempotencyKey?: string } = {}) {
  return api.submitForm(caseId, action, options.caller ?? callerFor(action), validInput(action, overrides), {
    ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
  });
}

async function walk(overrides: Partial<Record<Action, Overrides>> = {}): Promise<string> {
  const caseId = await createCase();
  for (const action of ROUTE) await submit(caseId, action, overrides[action] ?? {});
  return caseId;
}

type Month = {
  maand: string;
  instroomPerFase: Record<string, number>;
  urgentiesAangevraagd: number;
  urgentiesVerleend: number;
  omklappen: number;
  mediaanDagenSleuteloverdrachtTotOmklap: number | null;
  termijnen: { gehaald: number; teLaatGehaald: number; vervallen: number; verlopenOpen: number; gemist: number };
};

async function figures(caller: Caller, organisationId = ORG, query = 'from=2025-11&to=2027-06') {
  const answer = await api.get(`/monitor/${organisationId}?${query}`, caller);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  const byMonth = new Map((answer.body.months as Month[]).map((m) => [m.maand, m]));
  return { body: answer.body, month: (m: string) => byMonth.get(m)!, months: answer.body.months as Month[] };
}

async function rawGet(path: string, caller: Caller): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(api.stack.api.url + path, { headers: { authorization: `Bearer ${await api.tokenFor(caller)}` } });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

beforeAll(async () => {
  api = await localApi({ now: amsterdamInstant(FIXTURE_TODAY, 12) });
  await walk(); // A
  const sleutel = d(-495);
  await walk({
    // B: the keys were handed over five days earlier; the forms that name the sleuteloverdracht follow it.
    sleuteloverdracht: { datum: sleutel },
    kennismaking: { startIntermediaireVerhuur: sleutel },
    woonevaluatie: { startIntermediaireVerhuur: sleutel },
    'voordracht-omklap': { startZelfstandigWonen: sleutel },
  });
  const c = await createCase();
  const key = 'monitor-retry-aanvraag-c';
  await submit(c, 'aanvraag-urgentie', {}, { idempotencyKey: key });
  const replay = await api.post(`/cases/${c}/forms/aanvraag-urgentie`, callers.begeleider, validInput('aanvraag-urgentie'), { idempotencyKey: key });
  expect(replay.status).toBe(201);
  expect(replay.headers.get('idempotency-replayed')).toBe('true');
  const dCase = await createCase();
  await submit(dCase, 'aanvraag-urgentie');
  await submit(dCase, 'besluit-urgentie', { besluit: 'afgewezen', motivatie: 'De akkoordbrief ontbreekt.' });
  const e = await createCase(ldhBegeleider);
  await submit(e, 'aanvraag-urgentie', {}, { caller: ldhBegeleider });
}, 240_000);

describe('monitor figures', () => {
  it('counts the seeded cases per month as computed by hand, for the organisatiebeheerder', async () => {
    const { body, month, months } = await figures(callers.beheerder);
    expect(body).toMatchObject({ organisationId: ORG, from: '2025-11', to: '2027-06' });
    expect(months).toHaveLength(20);

    const nov = month('2025-11');
    expect(nov.instroomPerFase).toMatchObject({ urgentie_aangevraagd: 4, wachtlijst: 2, onderzoek: 1 });
    expect(nov.urgentiesAangevraagd).toBe(4); // the replayed aanvraag of C counted once
    expect(nov.urgentiesVerleend).toBe(2);
    // Wonen's toets runs from receipt (001 §4; issue 14 point 2): these back-dated histories are recorded on 14 June 2027,
    // so the toetsen fall due in June 2027 (21 June), not in November 2025; C's open aanvraag is not late yet.
    expect(nov.termijnen).toEqual({ gehaald: 0, teLaatGehaald: 0, vervallen: 0, verlopenOpen: 0, gemist: 0 });

    expect(month('2026-01').instroomPerFase.aanbod).toBe(2);
    expect(month('2026-02').instroomPerFase.herstelfase).toBe(2);
    expect(month('2027-04').instroomPerFase).toMatchObject({ voordracht: 2, toets_wonen: 2, omklap_akkoord: 2 });

    const june = month('2027-06');
    expect(june.instroomPerFase).toMatchObject({ onderzoek: 4, omgeklapt: 2 });
    expect(june.omklappen).toBe(2);
    expect(june.mediaanDagenSleuteloverdrachtTotOmklap).toBe(482.5);
    // 7 of the route, and per case the corporatie's akkoord on kennismaking, woonevaluatie and voordracht (given the day
    // they were ingediend, in June: the stack's clock): 7 + 2 × 3.
    expect(june.termijnen).toMatchObject({ gehaald: 13, gemist: 0, verlopenOpen: 0 });

    expect(months.reduce((sum, m) => sum + m.termijnen.gemist, 0)).toBe(0);
    expect(months.reduce((sum, m) => sum + m.urgentiesAangevraagd, 0)).toBe(4);
    expect(months.reduce((sum, m) => sum + m.omklappen, 0)).toBe(2);

    expect(body.casesPerPhaseNow).toMatchObject({ omgeklapt: 2, urgentie_aangevraagd: 1, onderzoek: 1, wachtlijst: 0, herstelfase: 0 });
    // Counts only: nothing that names a case or a client.
    expect(JSON.stringify(body)).not.toMatch(/OMS-|Q\.X\.|caseId/);
  });

  it('counts the corporatie from the woningaanbod on, and keeps organisations apart', async () => {
    const corporatie = await figures(callers.wonen, 'corp-ymere');
    expect(corporatie.month('2025-11').urgentiesAangevraagd).toBe(0);
    expect(corporatie.month('2026-01').instroomPerFase.aanbod).toBe(2);
    expect(corporatie.month('2027-06').omklappen).toBe(2);
    const ldh = await figures(ldhBeheerder, 'za-leger-des-heils');
    expect(ldh.month('2025-11').urgentiesAangevraagd).toBe(1);
    expect(ldh.month('2027-06').instroomPerFase.onderzoek).toBe(1);
    expect(ldh.body.casesPerPhaseNow.urgentie_aangevraagd).toBe(1);
  });

  it('shows Wonen the figures of its regio', async () => {
    const wonen = await figures(callers.wonen);
    expect(wonen.body.regio).toBe('amsterdam');
    expect(wonen.month('2025-11').urgentiesAangevraagd).toBe(4);
    expect(wonen.month('2027-06').termijnen.gehaald).toBeGreaterThan(0); // the toetsen, received in June 2027 (001 §4)
    const elsewhere = await figures({ ...callers.wonen, sub: 'wonen-other', regio: 'klantreis-2023' });
    expect(elsewhere.month('2025-11').urgentiesAangevraagd).toBe(0);
    expect(elsewhere.month('2025-11').termijnen.gemist).toBe(0);
    expect(elsewhere.body.casesPerPhaseNow.omgeklapt).toBe(0);
  });

  it('exports the same figures as CSV (semicolons, decimal comma), also as /monitor/{id}.csv', async () => {
    for (const path of [`/monitor/${ORG}?from=2025-11&to=2027-06&format=csv`, `/monitor/${ORG}.csv?from=2025-11&to=2027-06`]) {
      const csv = await rawGet(path, callers.beheerder);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(csv.headers.get('content-disposition')).toContain(`monitor-${ORG}-2025-11-2027-06.csv`);
      const lines = csv.text.trimEnd().split('\r\n');
      expect(lines).toHaveLength(21); // header + 20 months
      const header = lines[0]!.split(';');
      expect(header[0]).toBe('maand');
      const row = (m: string) => Object.fromEntries(header.map((h, i) => [h, lines.find((l) => l.startsWith(m))!.split(';')[i]]));
      expect(row('2027-06')).toMatchObject({ omklappen: '2', mediaan_dagen_sleuteloverdracht_tot_omklap: '482,5', instroom_onderzoek: '4' });
      expect(row('2025-11')).toMatchObject({ urgenties_aangevraagd: '4', urgenties_verleend: '2', termijnen_gehaald: '0', termijnen_gemist: '0' });
      expect(row('2027-06')).toMatchObject({ termijnen_gehaald: '13' });
    }
  });

  it('refuses another organisation’s beheerder and roles without monitor access (403)', async () => {
    for (const caller of [ldhBeheerder, callers.begeleider, callers.corporatie, callers.derde]) {
      const answer = await api.get(`/monitor/${ORG}`, caller);
      expect(answer.status, caller.role).toBe(403);
      expect(answer.headers.get('content-type')).toMatch(/problem\+json/);
    }
    expect((await api.get('/monitor/no-such-organisation', callers.wonen)).status).toBe(404);
  });

  it('caps the range at 24 months and refuses a reversed or malformed range (400 problem+json)', async () => {
    const tooLong = await api.get(`/monitor/${ORG}?from=2025-01&to=2027-01`, callers.beheerder);
    expect(tooLong.status).toBe(400);
    expect(tooLong.headers.get('content-type')).toMatch(/problem\+json/);
    expect(JSON.stringify(tooLong.body)).toMatch(/24 maanden/);
    expect((await api.get(`/monitor/${ORG}?from=2027-06&to=2027-01`, callers.beheerder)).status).toBe(400);
    expect((await api.get(`/monitor/${ORG}?from=2027-13`, callers.beheerder)).status).toBe(400);
    // The default range: the twelve months up to the current one (2026-07 … 2027-06).
    const standard = await api.get(`/monitor/${ORG}`, callers.beheerder);
    expect(standard.body).toMatchObject({ from: '2026-07', to: '2027-06' });
    expect(standard.body.months).toHaveLength(12);
  });
});
