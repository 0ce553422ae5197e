/**
 * Wonen's queue and the woonzaken inbox on the local stack: the real handlers behind the local API Gateway,
 * DynamoDB Local, fauxqs S3 and the aws-ses-v2-local outbox. Time is the local clock.
 *
 * Thursday 29 April 2027 is the worked example: 5 werkdagen later is Monday 10 May 2027, because Wednesday 5 May
 * (Bevrijdingsdag) and Thursday 6 May (Hemelvaartsdag) are not werkdagen (Algemene termijnenwet).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aanvraagUrgentieBody, besluitUrgentieBody, createCaseBody } from '../support/bodies.js';
import { callerFor, callers, localApi, type Caller, type TestApi } from '../support/api.js';
import { deliverLocalMail, ensureLocalInbox, inboundMailRoute, watchInboundFolder } from '../../shared/local/inbound.js';
import { loadHandler } from '../../shared/local/functions.js';
import { readLocalOutbox } from '../../shared/local/services.js';
import { startLocalReminders, type LocalScheduler } from '../../shared/local/scheduler.js';
import { addDays, amsterdamInstant } from '../../shared/domain/calendar.js';
import type { Action } from '../../shared/domain/phases.js';
import { STEPS_BEFORE, validInput } from '../unit/forms.fixtures.js';

const WOONZAKEN = 'woonzaken.omslag@amsterdam.example';
const wonenKlantreis: Caller = { organisationId: 'gem-klantreis-wonen', role: 'medewerker-wonen', sub: 'wonen-kr-1', regio: 'klantreis-2023' };

let api: TestApi;
let bucket: string;
let reminders: LocalScheduler | undefined;

/** Sets the local clock to `hour`:00 Europe/Amsterdam on `date`. */
function at(date: string, hour = 10): void {
  api.stack.clock.set(amsterdamInstant(date, hour));
}

beforeAll(async () => {
  process.env.MAIL_FROM ??= 'Omslagroute (test) <noreply@omslagroute.example>';
  api = await localApi({ now: amsterdamInstant('2027-04-29', 10) });
  bucket = await ensureLocalInbox(api.stack.services);
  reminders = await startLocalReminders({ clock: api.stack.clock, container: api.stack.container, intervalMs: 0, visibilityTimeoutSeconds: 2 });
});

afterAll(async () => {
  await reminders?.stop();
});

async function newCase(overrides: Record<string, unknown> = {}): Promise<{ caseId: string; reference: string }> {
  const created = await api.post('/cases', callers.begeleider, createCaseBody(overrides));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

function submit(caseId: string, action: string, who: Caller, body: unknown, headers: Record<string, string> = {}) {
  return api.submitForm(caseId, action, who, body, { headers });
}

async function aanvraag(aanvraagDatum: string) {
  const c = await newCase();
  await submit(c.caseId, 'aanvraag-urgentie', callers.begeleider, aanvraagUrgentieBody(aanvraagDatum));
  return c;
}

async function queue(query = '', who: Caller = callers.wonen) {
  const answer = await api.get(`/wonen/queue${query}`, who);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as { today: string; items: any[]; cursor?: string };
}

/** A problem document without what differs per request (its id and the requested path). */
function withoutRequestId(body: Record<string, unknown>): Record<string, unknown> {
  const { requestId: _id, instance: _instance, ...rest } = body;
  return rest;
}

function fixture(name: string, reference = 'OMS-0000-000000'): Buffer {
  return Buffer.from(
    readFileSync(new URL(`../fixtures/mail/${name}`, import.meta.url), 'utf8').replaceAll('{{REFERENCE}}', reference).replaceAll('{{MESSAGE_ID}}', randomUUID()),
  );
}

async function timelineOf(caseId: string, who: Caller = callers.begeleider) {
  const read = await api.get(`/cases/${caseId}`, who);
  expect(read.status).toBe(200);
  return read.body.timeline as Array<{ seq: number; type: string; data?: any }>;
}

async function s3Text(key: string): Promise<string> {
  const { services } = api.stack;
  const s3 = new S3Client({ endpoint: services.endpoints.s3, region: services.region, credentials: services.credentials, forcePathStyle: true });
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return out.Body!.transformToString();
}

describe('the queue: a submission that needs Wonen, its clock, and the decision form closing it', () => {
  it('an aanvraag urgentie received on Thursday 29 April 2027 is due Monday 10 May, with the werkdagen left per day', async () => {
    at('2027-04-29');
    const { caseId, reference } = await aanvraag('2027-04-29');
    const first = (await queue('?kind=urgentie')).items.find((i) => i.caseId === caseId);
    expect(first).toMatchObject({ reference, kind: 'urgentie', status: 'nieuw', receivedOn: '2027-04-29', dueDate: '2027-05-10', werkdagenLeft: 5, overdue: false });
    // Only what Wonen may read of the aanvraag (views.ts): the doelen, not the wooneisen or the client's signature.
    expect(first.projection).toMatchObject({ route: 'MO', doelen: expect.any(Object), woningnet: expect.any(Object) });
    expect(first.projection.akkoordClient).toBeUndefined();
    expect(first.projection.toestemmingDelen).toBeUndefined();

    for (const [day, left] of [['2027-05-04', 2], ['2027-05-05', 2], ['2027-05-07', 1], ['2027-05-10', 0]] as const) {
      at(day);
      const entry = (await queue()).items.find((i) => i.caseId === caseId);
      expect(entry, day).toMatchObject({ werkdagenLeft: left, overdue: false });
    }
    at('2027-05-11');
    expect((await queue()).items.find((i) => i.caseId === caseId)).toMatchObject({ werkdagenLeft: 0, overdue: true, werkdagenOverdue: 1 });
  });

  it('a medewerker picks an item up (idempotent), cannot decide it there, and the decision form closes it', async () => {
    at('2027-04-29');
    const { caseId } = await aanvraag('2027-04-29');
    const item = (await queue()).items.find((i) => i.caseId === caseId);
    const path = `/wonen/items/${caseId}/${item.seq}/status`;
    const key = `pickup-${randomUUID()}`;
    const picked = await api.post(path, callers.wonen, { status: 'in-behandeling' }, { idempotencyKey: key });
    expect(picked.status, JSON.stringify(picked.body)).toBe(200);
    expect(picked.body).toMatchObject({ status: 'in-behandeling', caseId });
    const replay = await api.post(path, callers.wonen, { status: 'in-behandeling' }, { idempotencyKey: key });
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect((await queue('?status=in-behandeling')).items.map((i) => i.caseId)).toContain(caseId);
    expect((await queue('?status=nieuw')).items.map((i) => i.caseId)).not.toContain(caseId);
    // Colleagues see who has it (issue 13).
    expect((await queue('?status=in-behandeling')).items.find((i) => i.caseId === caseId)).toMatchObject({ takenBy: callers.wonen.sub, takenAt: expect.any(String) });

    const decide = await api.post(path, callers.wonen, { status: 'besloten' });
    expect(decide.status).toBe(409);
    expect(decide.headers.get('content-type')).toBe('application/problem+json');

    at('2027-05-04');
    await submit(caseId, 'besluit-urgentie', callers.wonen, besluitUrgentieBody('2027-05-04'));
    expect((await queue()).items.map((i) => i.caseId)).not.toContain(caseId);
    const decided = (await queue('?status=besloten')).items.find((i) => i.caseId === caseId);
    expect(decided).toMatchObject({ status: 'besloten', decision: 'akkoord', decidedOn: '2027-05-04', onTime: true });
    // A decided item is never reopened by hand.
    expect((await api.post(path, callers.wonen, { status: 'nieuw' })).status).toBe(409);
  });

  it('is for the medewerker Wonen of the regio only, sorted by due date, filtered by kind, paged by cursor', async () => {
    at('2027-05-03');
    const cases = [];
    for (const day of ['2027-04-30', '2027-04-28', '2027-05-03']) cases.push({ ...(await aanvraag(day)), day });
    expect((await api.get('/wonen/queue', callers.begeleider)).status).toBe(403);
    expect((await queue('', wonenKlantreis)).items.map((i) => i.caseId)).not.toContain(cases[0]!.caseId);
    expect((await queue('?kind=omklap')).items.filter((i) => i.kind !== 'omklap')).toEqual([]);

    const seen: any[] = [];
    let cursor: string | undefined;
    do {
      const page = await queue(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    const due = seen.map((i) => i.dueDate);
    expect(due).toEqual([...due].sort());
    expect(new Set(seen.map((i) => `${i.caseId}#${i.seq}`)).size).toBe(seen.length);
    for (const c of cases) expect(seen.map((i) => i.caseId)).toContain(c.caseId);
    expect((await api.get('/wonen/queue?cursor=bm9wZQ', callers.wonen)).status).toBe(400);
  });

  it('shows a medewerker Wonen token without a regio nothing and lets it change nothing (access.ts: safe by default)', async () => {
    at('2027-04-29');
    const { caseId } = await aanvraag('2027-04-29');
    const item = (await queue()).items.find((i) => i.caseId === caseId);
    const noRegio: Caller = { organisationId: 'gemeente-amsterdam-wonen', role: 'medewerker-wonen', sub: 'wonen-zonder-regio' };
    for (const query of ['', '?status=nieuw', '?status=besloten', '?kind=urgentie']) expect((await queue(query, noRegio)).items).toEqual([]);
    expect((await api.get('/wonen/unmatched', noRegio)).body.items ?? []).toEqual([]);
    const changed = await api.post(`/wonen/items/${caseId}/${item.seq}/status`, noRegio, { status: 'in-behandeling' });
    const missing = await api.post(`/wonen/items/${caseId}/${item.seq + 1000}/status`, noRegio, { status: 'in-behandeling' });
    expect(changed.status, changed.text).toBe(404);
    expect(withoutRequestId(changed.body)).toEqual(withoutRequestId(missing.body));
    expect((await queue()).items.find((i) => i.caseId === caseId)).toMatchObject({ status: 'nieuw' });
    expect((await api.get(`/cases/${caseId}`, noRegio)).status).toBe(404);
  });

  it('answers a status change on an item of another regio exactly as a missing item, whatever its status', async () => {
    at('2027-04-29');
    const open = await aanvraag('2027-04-29');
    const decided = await aanvraag('2027-04-29');
    await submit(decided.caseId, 'besluit-urgentie', callers.wonen, besluitUrgentieBody('2027-04-29'));
    const seqOf = async (caseId: string, query: string) => (await queue(query)).items.find((i) => i.caseId === caseId).seq as number;
    const targets = [
      [open.caseId, await seqOf(open.caseId, '')],
      [decided.caseId, await seqOf(decided.caseId, '?status=besloten')],
    ] as const;
    for (const [caseId, seq] of targets) {
      for (const status of ['in-behandeling', 'nieuw', 'besloten']) {
        const foreign = await api.post(`/wonen/items/${caseId}/${seq}/status`, wonenKlantreis, { status });
        const missing = await api.post(`/wonen/items/${caseId}/${seq + 1000}/status`, wonenKlantreis, { status });
        expect(foreign.status, `${status}: ${foreign.text}`).toBe(404);
        expect(withoutRequestId(foreign.body)).toEqual(withoutRequestId(missing.body));
        expect([...foreign.headers.keys()].sort()).toEqual([...missing.headers.keys()].sort());
      }
    }
  });

  it('tells woonzaken about each submission by one mail with the reference in the subject (reminder pipeline)', async () => {
    at('2027-04-29');
    const { reference } = await aanvraag('2027-04-29');
    await reminders!.tick();
    const mails = (await readLocalOutbox(api.stack.services)).filter((m) => m.subject.includes(`[${reference}]`));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual([WOONZAKEN]);
  });
});


/**
 * A case walked through the real API up to the onafhankelijke derde's akkoord on `toetsOn`. The bodies come from the
 * forms' fixtures (one coherent timeline, the toets derde 55 days before their `today`).
 */
async function voordrachtWithWonen(toetsOn: string): Promise<{ caseId: string; reference: string; seq: number }> {
  const fixtureToday = addDays(toetsOn, 55);
  at(toetsOn);
  const c = await newCase();
  for (const { action, overrides } of STEPS_BEFORE['toets-derde']) await submit(c.caseId, action, callerFor(action), validInput(action, overrides ?? {}, fixtureToday));
  const toets = await submit(c.caseId, 'toets-derde', callers.derde, validInput('toets-derde', { datum: toetsOn }, fixtureToday));
  expect(toets.body.phase).toBe('toets_wonen');
  return { ...c, seq: toets.body.event.seq };
}

describe('the voordracht voor omklap with Wonen (002 WA8 stap 3–4; 001 §4)', () => {
  it('reaches the queue on the derde’s akkoord (Thursday 29 April 2027), due Monday 10 May, with what Wonen may see', async () => {
    const { caseId, reference, seq } = await voordrachtWithWonen('2027-04-29');
    const item = (await queue('?kind=omklap')).items.find((i) => i.caseId === caseId);
    expect(item).toMatchObject({ seq, reference, kind: 'omklap', status: 'nieuw', receivedOn: '2027-04-29', dueDate: '2027-05-10', werkdagenLeft: 5, overdue: false });
    expect(item.projection.voordracht).toMatchObject({ doelen: { dagbesteding: { akkoord: true } }, woonevaluatie: { datumEvaluatiemoment: expect.any(String) } });
    expect(item.projection.toetsDerde).toEqual({ occurredOn: '2027-04-29', akkoord: true });
    // Not the zorg na omklap, not the client's initials.
    expect(JSON.stringify(item.projection)).not.toMatch(/afsprakenNaOmklap|Lichte nazorg|J\.D\./);
    at('2027-05-04');
    expect((await queue('?kind=omklap')).items.find((i) => i.caseId === caseId)).toMatchObject({ werkdagenLeft: 2, overdue: false });
    at('2027-05-07');
    expect((await queue('?kind=omklap')).items.find((i) => i.caseId === caseId)).toMatchObject({ werkdagenLeft: 1 });
  });

  it('akkoord closes the item, moves the case to omklap_akkoord, arms the corporatie’s 4–6 weeks and tells both parties', async () => {
    const { caseId, reference, seq } = await voordrachtWithWonen('2027-04-29');
    at('2027-05-07');
    const read = await api.get(`/cases/${caseId}`, callers.wonen);
    expect(read.status, 'Wonen reads the case it decides on').toBe(200);
    const besluit = await submit(caseId, 'besluit-omklap', callers.wonen, { besluit: 'akkoord', besluitDatum: '2027-05-07', kenmerk: 'WZ-1' });
    expect(besluit.body.phase).toBe('omklap_akkoord');
    expect((await queue('?kind=omklap')).items.map((i) => i.caseId)).not.toContain(caseId);
    expect((await queue('?kind=omklap&status=besloten')).items.find((i) => i.caseId === caseId)).toMatchObject({ seq, decision: 'akkoord', decidedOn: '2027-05-07', onTime: true });

    const deadlines = (await api.get(`/cases/${caseId}/deadlines`, callers.begeleider)).body.deadlines as Array<{ ruleId: string; status: string; dueDate: string }>;
    expect(deadlines.find((d) => d.ruleId === 'wonen-toets-omklap')).toMatchObject({ status: 'met' });
    // 002 WA8 stap 4: "binnen vier tot zes weken na ontvangst van de bevestiging".
    expect(deadlines.find((d) => d.ruleId === 'contract-eigen-naam')).toMatchObject({ status: 'open', dueDate: '2027-06-18' });

    await reminders!.tick();
    const confirmations = (await readLocalOutbox(api.stack.services)).filter((m) => m.subject.startsWith(`[${reference}] Bevestiging omklap`));
    expect(confirmations.flatMap((m) => m.to).sort()).toEqual(['bijzondere-doelgroepen@ymere.example', 'omslagroute@hvo-querido.example']);
  });

  it('terug reopens the voordracht; the corrected voordracht goes to Wonen again as a new item', async () => {
    const { caseId, seq } = await voordrachtWithWonen('2027-04-29');
    at('2027-05-04');
    const terug = await submit(caseId, 'besluit-omklap', callers.wonen, { besluit: 'terug', besluitDatum: '2027-05-04', motivatie: 'Doel 2 is niet onderbouwd.' });
    expect(terug.body.phase).toBe('voordracht');
    expect((await queue('?kind=omklap&status=besloten')).items.find((i) => i.caseId === caseId)).toMatchObject({ seq, decision: 'terug' });
    expect((await queue('?kind=omklap')).items.map((i) => i.caseId)).not.toContain(caseId);

    const fixtureToday = addDays('2027-04-29', 55);
    await submit(caseId, 'voordracht-omklap', callers.begeleider, validInput('voordracht-omklap', { datumVoordracht: '2027-05-04' }, fixtureToday));
    const again = await submit(caseId, 'toets-derde', callers.derde, validInput('toets-derde', { datum: '2027-05-04' }, fixtureToday));
    const items = (await queue('?kind=omklap')).items.filter((i) => i.caseId === caseId);
    // 4 May 2027 + 5 werkdagen: 7, 10, 11, 12, 13 May (5 and 6 May are holidays).
    expect(items).toEqual([expect.objectContaining({ seq: again.body.event.seq, receivedOn: '2027-05-04', dueDate: '2027-05-13', status: 'nieuw' })]);
  });

  it('tells woonzaken once and reminds it of the 5-werkdagen toets through the reminder pipeline (deadline engine)', async () => {
    const { reference } = await voordrachtWithWonen('2027-04-29');
    const toWoonzaken = async () =>
      (await readLocalOutbox(api.stack.services)).filter((m) => m.subject.startsWith(`[${reference}]`) && m.to.includes(WOONZAKEN)).map((m) => m.subject);
    await reminders!.tick();
    // The walk filed an aanvraag urgentie too: that was a mail to woonzaken of its own.
    expect((await toWoonzaken()).filter((s) => s.includes('Voordracht voor omklap'))).toHaveLength(1);
    const before = await toWoonzaken();
    // The 'vooraf' stage: 08:00 on the werkdag before the due date, Friday 7 May 2027.
    at('2027-05-06', 9);
    await reminders!.tick();
    expect(await toWoonzaken()).toEqual(before);
    at('2027-05-07', 9);
    await reminders!.tick();
    const reminders7May = (await toWoonzaken()).slice(before.length);
    expect(reminders7May).toHaveLength(1);
    expect(reminders7May[0]).toContain('Toets Wonen: voordracht voor omklap');
  });
});

describe('the other kinds: woningruil, intrekking, einde verhuur (002 Bijlage 6; 001 §3; 002 WA3)', () => {
  const T = '2027-06-14';
  async function inHerstelfase() {
    at(T);
    const c = await newCase();
    for (const { action, overrides } of STEPS_BEFORE.woningruil) await submit(c.caseId, action, callerFor(action), validInput(action, overrides ?? {}, T));
    return c;
  }
  const itemOf = async (caseId: string, kind: string, status = '') =>
    (await queue(`?kind=${kind}${status ? `&status=${status}` : ''}`)).items.find((i) => i.caseId === caseId);

  it('an ongelijke woningruil is decided by besluit-woningruil', async () => {
    const { caseId } = await inHerstelfase();
    await submit(caseId, 'woningruil', callers.begeleider, validInput('woningruil', {}, T));
    const item = await itemOf(caseId, 'woningruil');
    // What views.ts lets Wonen read of a woningruil: the homes, the agreements, the motivatie.
    expect(item).toMatchObject({ status: 'nieuw', projection: { huidigeWoningM2: 45, nieuweWoningM2: 65, gelijksoortig: false, motivatie: expect.any(String) } });
    await submit(caseId, 'besluit-woningruil', callers.wonen, validInput('besluit-woningruil', {}, T));
    expect(await itemOf(caseId, 'woningruil', 'besloten')).toMatchObject({ decision: 'akkoord' });
  });

  // 002 Bijlage 6: "Alleen bij hoge uitzondering … kan de directie Wonen besluiten een verhuizing toe te staan als gevolg
  // van uitbreiding van het aantal gezinsleden": a queue item, a mail and (issue 15: once missing) the 5-werkdagen toets.
  it('a verhuizing for gezinsuitbreiding goes to Wonen with its 5-werkdagen toets, and besluit-woningruil meets it', async () => {
    const { caseId } = await inHerstelfase();
    await submit(caseId, 'verhuizing', callers.begeleider, validInput('verhuizing', { redenen: ['gezinsuitbreiding'] }, T));
    expect(await itemOf(caseId, 'verhuizing')).toMatchObject({ status: 'nieuw', dueDate: '2027-06-21', projection: { redenen: ['gezinsuitbreiding'], naarGroter: false } });
    const deadlines = async () => (await api.get(`/cases/${caseId}/deadlines`, callers.begeleider)).body.deadlines as Array<{ ruleId: string; status: string; dueDate: string }>;
    expect((await deadlines()).find((d) => d.ruleId === 'wonen-toets-verhuizing')).toMatchObject({ status: 'open', dueDate: '2027-06-21' });
    await submit(caseId, 'besluit-woningruil', callers.wonen, validInput('besluit-woningruil', {}, T));
    expect(await itemOf(caseId, 'verhuizing', 'besloten')).toMatchObject({ decision: 'akkoord' });
    expect((await deadlines()).find((d) => d.ruleId === 'wonen-toets-verhuizing')).toMatchObject({ status: 'met' });
  });

  it('a trajectwijziging to 24-uurs zorg waits for the intrekking, which closes it and the case', async () => {
    const { caseId } = await inHerstelfase();
    await submit(caseId, 'trajectwijziging', callers.begeleider, validInput('trajectwijziging', { perspectief: '24-uurs-zorg' }, T));
    expect(await itemOf(caseId, 'intrekking')).toMatchObject({ status: 'nieuw', projection: { perspectief: '24-uurs-zorg' } });
    const ingetrokken = await submit(caseId, 'intrekking-urgentie', callers.wonen, validInput('intrekking-urgentie', { reden: 'perspectief-gewijzigd' }, T));
    expect(ingetrokken.body.phase).toBe('afgesloten');
    expect(await itemOf(caseId, 'intrekking', 'besloten')).toMatchObject({ decision: 'ingetrokken' });
  });

  it('an einde intermediaire verhuur is registered by Wonen through the status endpoint', async () => {
    const { caseId } = await inHerstelfase();
    await submit(caseId, 'einde-intermediaire-verhuur', callers.begeleider, validInput('einde-intermediaire-verhuur', {}, T));
    const item = await itemOf(caseId, 'einde-verhuur');
    expect(item).toMatchObject({ status: 'nieuw', projection: { reden: 'zorg-gestopt', oudeInschrijvingTerug: true } });
    const done = await api.post(`/wonen/items/${caseId}/${item.seq}/status`, callers.wonen, { status: 'besloten' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'besloten', decision: 'geregistreerd', decidedOn: T });
  });
});

describe('inbound mail to woonzaken', () => {
  it('attaches a mail with a reference to its case: metadata in the history, body and attachments in the bucket, once', async () => {
    at('2027-04-29');
    const { caseId, reference } = await aanvraag('2027-04-29');
    const raw = fixture('with-reference.eml', reference);
    const [outcome] = await deliverLocalMail(raw, api.stack.container);
    expect(outcome).toMatchObject({ outcome: 'gekoppeld', caseId, reference });

    const mails = (await timelineOf(caseId)).filter((e) => e.type === 'mail-ontvangen');
    expect(mails).toHaveLength(1);
    const data = mails[0]!.data;
    expect(data).toMatchObject({ from: 'b.begeleider@hvo-querido.example', subject: `[${reference}] Aanvullende stukken voordracht`, fromDomain: 'hvo-querido.example' });
    expect(data.attachments.map((a: { name: string; contentType: string }) => [a.name, a.contentType])).toEqual([
      ['voordracht-ondertekend.pdf', 'application/pdf'],
      ['scan.png', 'image/png'],
    ]);
    // The body may hold health details: not in the event, only behind the pointer in the encrypted bucket.
    expect(JSON.stringify(data)).not.toContain('vertrouwelijk');
    expect(await s3Text(data.body.key)).toContain('ondertekende voordracht');
    expect(await s3Text(data.attachments[0].key)).toContain('%PDF-1.4');

    // The same object processed again (S3 at-least-once, Lambda retry) attaches nothing new.
    const again = await deliverLocalMail(raw, api.stack.container);
    expect(again[0]).toMatchObject({ outcome: 'al-verwerkt' });
    expect((await timelineOf(caseId)).filter((e) => e.type === 'mail-ontvangen')).toHaveLength(1);
  });

  it('puts a mail without a reference on the unmatched list, where a medewerker links it to a case', async () => {
    at('2027-04-29');
    const { caseId, reference } = await aanvraag('2027-04-29');
    const [outcome] = await deliverLocalMail(fixture('no-reference.eml'), api.stack.container);
    expect(outcome).toMatchObject({ outcome: 'niet-gekoppeld', reason: 'geen kenmerk' });
    const listed = (await api.get('/wonen/unmatched', callers.wonen)).body.items.find((m: { mailId: string }) => m.mailId === outcome!.mailId);
    expect(listed).toMatchObject({ status: 'niet-gekoppeld', reason: 'geen kenmerk', from: 'contactpersoon.omslag@ymere.example', subject: 'Vraag over een omslagwoning' });
    expect(listed.attachments).toEqual([{ name: 'notitie.txt', contentType: 'text/plain', size: expect.any(Number) }]);
    expect((await api.get('/wonen/unmatched', callers.begeleider)).status).toBe(403);

    const key = `link-${randomUUID()}`;
    const link = await api.post(`/wonen/unmatched/${outcome!.mailId}/link`, callers.wonen, { reference }, { idempotencyKey: key });
    expect(link.status, JSON.stringify(link.body)).toBe(201);
    expect(link.body).toMatchObject({ status: 'gekoppeld', caseId, reference, event: { type: 'mail-ontvangen' } });
    expect((await api.post(`/wonen/unmatched/${outcome!.mailId}/link`, callers.wonen, { reference }, { idempotencyKey: key })).body).toEqual(link.body);
    expect((await api.post(`/wonen/unmatched/${outcome!.mailId}/link`, callers.wonen, { reference })).status).toBe(409);

    const mails = (await timelineOf(caseId)).filter((e) => e.type === 'mail-ontvangen');
    expect(mails).toEqual([expect.objectContaining({ data: expect.objectContaining({ gekoppeldDoor: callers.wonen.sub, subject: 'Vraag over een omslagwoning' }) })]);
    const after = (await api.get('/wonen/unmatched', callers.wonen)).body.items.map((m: { mailId: string }) => m.mailId);
    expect(after).not.toContain(outcome!.mailId);
  });

  it('reads an unmatched mail as text (GET /wonen/unmatched/{mailId}): attachments listed, never the raw HTML', async () => {
    at('2027-04-29');
    const [plain] = await deliverLocalMail(fixture('no-reference.eml'), api.stack.container);
    const read = await api.get(`/wonen/unmatched/${plain!.mailId}`, callers.wonen);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body).toMatchObject({ mailId: plain!.mailId, status: 'niet-gekoppeld', subject: 'Vraag over een omslagwoning' });
    expect(read.body.text).toContain('Het dossierkenmerk heb ik niet bij de hand.');
    expect(read.body.attachments).toEqual([{ name: 'notitie.txt', contentType: 'text/plain', size: expect.any(Number) }]);

    const [html] = await deliverLocalMail(fixture('html-script.eml'), api.stack.container);
    const text = (await api.get(`/wonen/unmatched/${html!.mailId}`, callers.wonen)).body.text as string;
    expect(text).toContain('Beste woonzaken');
    expect(text).toContain('contact');
    expect(text).not.toMatch(/<\s*(script|img|p|b)\b/i);
    expect(text).not.toContain('onerror');

    expect((await api.get(`/wonen/unmatched/${plain!.mailId}`, callers.begeleider)).status).toBe(403);
    // Another regio's medewerker: the same 404 as a mail that does not exist.
    const foreign = await api.get(`/wonen/unmatched/${plain!.mailId}`, wonenKlantreis);
    const missing = await api.get(`/wonen/unmatched/${'0'.repeat(plain!.mailId.length)}`, wonenKlantreis);
    expect(foreign.status).toBe(404);
    expect(withoutRequestId(foreign.body)).toEqual(withoutRequestId(missing.body));

    // Once linked it leaves the list, and the reading view with it.
    const { reference } = await aanvraag('2027-04-29');
    expect((await api.post(`/wonen/unmatched/${plain!.mailId}/link`, callers.wonen, { reference })).status).toBe(201);
    expect((await api.get(`/wonen/unmatched/${plain!.mailId}`, callers.wonen)).status).toBe(404);
  });

  it('refuses a mail with a forbidden attachment type, lists it with the reason and tells woonzaken', async () => {
    at('2027-04-29');
    const { caseId, reference } = await aanvraag('2027-04-29');
    for (const name of ['forbidden-attachment.eml', 'disguised-attachment.eml']) {
      const [outcome] = await deliverLocalMail(fixture(name, reference), api.stack.container);
      expect(outcome, name).toMatchObject({ outcome: 'geweigerd', reason: 'verboden bijlage' });
      const listed = (await api.get('/wonen/unmatched?limit=100', callers.wonen)).body.items.find((m: { mailId: string }) => m.mailId === outcome!.mailId);
      expect(listed).toMatchObject({ status: 'geweigerd', reason: 'verboden bijlage', reference });
      expect(listed.refusedAttachments).toEqual([expect.objectContaining({ extension: name.startsWith('forbidden') ? 'exe' : 'pdf' })]);
      expect((await api.post(`/wonen/unmatched/${outcome!.mailId}/link`, callers.wonen, { reference })).status).toBe(409);
      const notice = (await readLocalOutbox(api.stack.services)).filter((m) => m.subject === '[Omslagroute] E-mail geweigerd: verboden bijlage' && m.text?.includes(outcome!.mailId));
      expect(notice.map((m) => m.to)).toEqual([[WOONZAKEN]]);
      // A reference and a link, never the sender's address (issue 16).
      expect(notice[0]!.text).not.toContain('b.begeleider@hvo-querido.example');
      expect(notice[0]!.text).not.toMatch(/Afzender/);
      expect(notice[0]!.text).toMatch(new RegExp(`https?://[^\\s]+/wonen/unmatched/${outcome!.mailId}`));
    }
    expect((await timelineOf(caseId)).filter((e) => e.type === 'mail-ontvangen')).toEqual([]);
  });

  it('does not attach a mail whose reference names a case of another regio, or no case at all', async () => {
    at('2027-04-29');
    const other = await newCase({ regio: 'klantreis-2023' });
    const [forged] = await deliverLocalMail(fixture('with-reference.eml', other.reference), api.stack.container);
    expect(forged).toMatchObject({ outcome: 'niet-gekoppeld', reason: 'andere regio' });
    expect((await timelineOf(other.caseId)).filter((e) => e.type === 'mail-ontvangen')).toEqual([]);
    const [unknown] = await deliverLocalMail(fixture('reference-in-body.eml', 'OMS-2027-999999'), api.stack.container);
    expect(unknown).toMatchObject({ outcome: 'niet-gekoppeld', reason: 'onbekend kenmerk' });
    const listed = (await api.get('/wonen/unmatched?limit=100', callers.wonen)).body.items.map((m: { mailId: string; reason: string }) => [m.mailId, m.reason]);
    expect(listed).toEqual(expect.arrayContaining([[forged!.mailId, 'andere regio'], [unknown!.mailId, 'onbekend kenmerk']]));
  });
});

describe('the local inbox: dev endpoint and drop folder', () => {
  it('POST /_dev/inbound-mail {"eml": …} delivers a raw mail to the same handler', async () => {
    at('2027-04-29');
    const { caseId, reference } = await aanvraag('2027-04-29');
    const route = inboundMailRoute(api.stack.container);
    const answer = await route({ method: 'POST', path: '/_dev/inbound-mail', body: { eml: fixture('reference-in-body.eml', reference).toString('utf8') }, query: new URLSearchParams() });
    expect(answer).toMatchObject({ status: 200, body: { outcomes: [{ outcome: 'gekoppeld', caseId }] } });
    expect(await route({ method: 'POST', path: '/_dev/inbound-mail', body: {}, query: new URLSearchParams() })).toMatchObject({ status: 400 });
    expect(await route({ method: 'GET', path: '/_dev/clock', body: undefined, query: new URLSearchParams() })).toBeUndefined();
  });

  it('delivers an .eml dropped in the watched folder once and moves it to processed/', async () => {
    at('2027-04-29');
    const { caseId, reference } = await aanvraag('2027-04-29');
    const dir = mkdtempSync(join(tmpdir(), 'omslagroute-inbound-'));
    const lines: string[] = [];
    const folder = watchInboundFolder({ dir, log: (line) => lines.push(line), container: api.stack.container });
    try {
      writeFileSync(join(dir, 'mail.eml'), fixture('with-reference.eml', reference));
      await expect.poll(() => existsSync(join(dir, 'processed', 'mail.eml')), { timeout: 10_000 }).toBe(true);
      expect(lines.join('\n')).toContain('mail.eml: gekoppeld');
      expect((await timelineOf(caseId)).filter((e) => e.type === 'mail-ontvangen')).toHaveLength(1);
    } finally {
      folder.close();
    }
  });
});

describe('the daily digest to woonzaken', () => {
  it('mails what is due today and what is overdue, by reference only, once per werkdag', async () => {
    // The clock runs from receipt (001 §4), so each aanvraag is received on its own day.
    at('2027-04-29', 10);
    const dueToday = await aanvraag('2027-04-29');
    at('2027-04-28', 10);
    const overdue = await aanvraag('2027-04-28');
    at('2027-04-30', 10);
    const later = await aanvraag('2027-04-30');
    at('2027-05-10', 8);
    const digest = await loadHandler('wonen-digest', api.stack.container);
    const before = (await readLocalOutbox(api.stack.services)).length;
    const [result] = (await digest({}, {})) as Array<{ outcome: string }>;
    expect(result).toMatchObject({ regio: 'amsterdam', date: '2027-05-10', outcome: 'verstuurd' });
    const outbox = await readLocalOutbox(api.stack.services);
    const mail = outbox.at(-1)!;
    expect(outbox).toHaveLength(before + 1);
    expect(mail.to).toEqual([WOONZAKEN]);
    expect(mail.subject).toMatch(/^\[Omslagroute\] Wonen-wachtrij 10 mei 2027: \d+ vandaag, \d+ te laat$/);
    const [todayPart, latePart] = mail.text!.split('Te laat:');
    expect(todayPart).toContain(dueToday.reference);
    expect(latePart).toContain(overdue.reference);
    expect(mail.text).not.toContain(later.reference);
    expect(mail.text).not.toContain('Drie dagen per week vrijwilligerswerk');

    // The page "Wat vandaag te doen is" (GET /wonen/digest) has the mail's figures: the same references, the same counts.
    const page = await api.get('/wonen/digest', callers.wonen);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body).toMatchObject({ regio: 'amsterdam', date: '2027-05-10' });
    expect(mail.subject).toContain(`${page.body.dueToday.length} vandaag, ${page.body.overdue.length} te laat`);
    for (const line of page.body.dueToday) expect(todayPart).toContain(line.reference);
    for (const line of page.body.overdue) expect(latePart).toContain(line.reference);
    expect(page.body.dueToday.map((l: { reference: string }) => l.reference)).toContain(dueToday.reference);
    expect(page.body.overdue.map((l: { reference: string }) => l.reference)).toContain(overdue.reference);
    expect((await api.get('/wonen/digest', callers.begeleider)).status).toBe(403);

    const [second] = (await digest({}, {})) as Array<{ outcome: string }>;
    expect(second).toMatchObject({ outcome: 'al verstuurd' });
    expect(await readLocalOutbox(api.stack.services)).toHaveLength(before + 1);

    at('2027-05-05', 8); // Bevrijdingsdag: the MON-FRI schedule fires, the code skips it
    expect(((await digest({}, {})) as Array<{ outcome: string }>)[0]).toMatchObject({ outcome: 'geen werkdag' });
  });
});
