/**
 * Bounces and complaints end to end on the local stack (local API + dev tokens, DynamoDB Local, fauxqs,
 * aws-ses-v2-local, the real handlers): a reminder goes to the begeleider's own address; SES reports a Permanent
 * bounce for it (POST /_dev/ses-event feeds the event, as the EventBridge rule would, to functions/ses-events.ts);
 * the zorgaanbieder's beheerder sees the address in its list (nobody else does); the next reminder of the case goes to
 * the zorgaanbieder's functional mailbox instead; the same event twice changes nothing; a Transient bounce does not
 * suppress; clearing the address (audited) restores delivery to it.
 */
import { readFileSync } from 'node:fs';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamo/client.js';
import { keys } from '../../shared/adapters/dynamo/table.js';
import { aanvraagUrgentieBody, besluitUrgentieBody, createCaseBody, sleuteloverdrachtBody, woningaanbodBody } from '../support/bodies.js';
import { callers, localApi, type Caller, type TestApi } from '../support/api.js';
import { reminderHarness, type ReminderHarness } from '../support/reminders.js';

const SLEUTEL = '2026-06-08';
const BEGELEIDER = 'begeleider.een@hvo-querido.example';
const COLLEGA = 'a.begeleider@hvo-querido.example';
const ZORGAANBIEDER = 'omslagroute@hvo-querido.example';
const ZA = 'za-hvo-querido';
const BOUNCES = `/organisations/${ZA}/bounces`;

let api: TestApi;
let h: ReminderHarness;
let caseId: string;
let reference: string;

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/ses/${name}.json`, import.meta.url), 'utf8')) as Record<string, any>;

/** The fixture, as SES would send it for `address` and the mail with `sesMessageId`. */
function sesEvent(name: 'bounce-permanent' | 'bounce-transient', address: string, sesMessageId: string, feedbackId: string) {
  const event = fixture(name);
  event.detail.bounce.bouncedRecipients[0].emailAddress = address;
  event.detail.bounce.feedbackId = feedbackId;
  event.detail.mail.destination = [address];
  event.detail.mail.messageId = sesMessageId;
  return event;
}

async function postSesEvent(event: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${api.stack.api.url}/_dev/ses-event`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
  return { status: response.status, body: await response.json() };
}

async function at(instant: string) {
  api.stack.clock.set(instant);
  return h.scheduler.tick();
}

const plannenMails = async () => (await h.mailsFor(reference)).filter((m) => m.subject.includes('Kennismakingsgesprek plannen'));

function post(action: string, who: Caller, body: unknown) {
  return api.submitForm(caseId, action, who, body);
}

beforeAll(async () => {
  api = await localApi({ now: `${SLEUTEL}T08:00:00.000Z` });
  h = await reminderHarness(api);
  const created = await api.post('/cases', callers.begeleider, createCaseBody());
  expect(created.status).toBe(201);
  ({ caseId, reference } = created.body as { caseId: string; reference: string });
  await post('aanvraag-urgentie', callers.begeleider, aanvraagUrgentieBody(SLEUTEL));
  await post('besluit-urgentie', callers.wonen, besluitUrgentieBody(SLEUTEL));
  await post('woningaanbod', callers.begeleider, woningaanbodBody(SLEUTEL, { corporatieId: 'corp-ymere' }));
  await post('sleuteloverdracht', callers.begeleider, sleuteloverdrachtBody(SLEUTEL, { clientGeinformeerdOp: SLEUTEL }));
  await h.scheduler.tick();
}, 120_000);

describe('a hard bounce, end to end', () => {
  let bounced: ReturnType<typeof sesEvent>;

  it('the heads-up goes to the begeleider’s own address; SES reports a Permanent bounce for it', async () => {
    await at('2026-07-13T06:05:00.000Z');
    const [headsUp] = await plannenMails();
    expect(headsUp!.to).toEqual([BEGELEIDER]);

    bounced = sesEvent('bounce-permanent', BEGELEIDER, headsUp!.messageId, 'feedback-permanent-1');
    const answer = await postSesEvent(bounced);
    expect(answer.status).toBe(200);
    expect(answer.body.outcomes).toEqual([{ outcome: 'recorded', kind: 'bounce', eventKey: 'bounce#feedback-permanent-1', addresses: 1, suppressed: 1 }]);
  });

  it('the zorgaanbieder’s beheerder sees the address as suppressed; nobody else may look', async () => {
    const list = await api.get(BOUNCES, callers.beheerder);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ address: BEGELEIDER, as: 'contact', suppressed: true, lastKind: 'bounce', bounceType: 'Permanent', bounceSubType: 'General', count: 1 }),
    ]);
    const foreignBeheerder = { organisationId: 'za-leger-des-heils', role: 'organisatiebeheerder' as const, sub: 'ldh-beheer' };
    expect((await api.get(BOUNCES, foreignBeheerder)).status).toBe(403);
    expect((await api.get(`/organisations/za-leger-des-heils/bounces`, foreignBeheerder)).body.items).toEqual([]);
    expect((await api.get(BOUNCES, callers.begeleider)).status).toBe(403);
    expect((await api.get(BOUNCES, callers.corporatie)).status).toBe(403);
    const cleared = await api.request('DELETE', `${BOUNCES}/${encodeURIComponent(BEGELEIDER)}`, { caller: foreignBeheerder });
    expect(cleared.status).toBe(403);
  });

  it('the next reminder of the case goes to the zorgaanbieder’s functional mailbox instead', async () => {
    const before = (await plannenMails()).length;
    await at('2026-07-20T06:05:00.000Z');
    const mails = await plannenMails();
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)!.to).toEqual([ZORGAANBIEDER]);
    const stage = (await h.reminders(caseId)).find((r) => r.ruleId === 'kennismaking-plannen' && r.stage === 'vandaag');
    expect(stage).toMatchObject({ reminderStatus: 'sent' });
  });

  it('the same event twice changes nothing', async () => {
    const again = await postSesEvent(bounced);
    expect(again.body.outcomes).toEqual([{ outcome: 'duplicate', eventKey: 'bounce#feedback-permanent-1' }]);
    const list = await api.get(BOUNCES, callers.beheerder);
    expect(list.body.items).toEqual([expect.objectContaining({ address: BEGELEIDER, suppressed: true, count: 1 })]);
  });

  it('a Transient bounce is recorded but does not suppress', async () => {
    const answer = await postSesEvent(sesEvent('bounce-transient', COLLEGA, 'ses-message-collega', 'feedback-transient-1'));
    expect(answer.body.outcomes).toEqual([{ outcome: 'recorded', kind: 'bounce', eventKey: 'bounce#feedback-transient-1', addresses: 1, suppressed: 0 }]);
    const items = (await api.get(BOUNCES, callers.beheerder)).body.items as Array<{ address: string; suppressed: boolean; bounceType: string }>;
    expect(items.find((i) => i.address === COLLEGA)).toMatchObject({ suppressed: false, bounceType: 'Transient' });
    // A delivery clears nothing and stores nothing.
    const delivered = fixture('delivery');
    delivered.detail.delivery.recipients = [BEGELEIDER];
    expect((await postSesEvent(delivered)).body.outcomes).toEqual([{ outcome: 'ignored', kind: 'delivery' }]);
    expect(items.find((i) => i.address === BEGELEIDER)).toMatchObject({ suppressed: true });
    // What is not an SES event is refused.
    expect((await postSesEvent({ source: 'aws.s3', 'detail-type': 'Object Created', detail: {} })).status).toBe(400);
  });

  it('clearing the address (audited) restores delivery to it', async () => {
    api.stack.clock.set('2026-07-20T09:00:00.000Z');
    const cleared = await api.request('DELETE', `${BOUNCES}/${encodeURIComponent(BEGELEIDER)}`, { caller: callers.beheerder });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ address: BEGELEIDER, suppressed: false, clearedBy: callers.beheerder.sub, clearedAt: '2026-07-20T09:00:00.000Z' });
    const list = await api.get(BOUNCES, callers.beheerder);
    expect(list.body.items.find((i: { address: string }) => i.address === BEGELEIDER)).toMatchObject({ suppressed: false });
    // An address the organisation does not have on its list: 404.
    expect((await api.request('DELETE', `${BOUNCES}/${encodeURIComponent('niemand@hvo-querido.example')}`, { caller: callers.beheerder })).status).toBe(404);

    await at('2026-07-21T06:05:00.000Z');
    const escalatie = (await plannenMails()).filter((m) => m.subject.includes('Termijn verlopen'));
    expect(escalatie).toHaveLength(1);
    expect(escalatie[0]!.to).toEqual([BEGELEIDER, ZORGAANBIEDER]);

    const audit = await createDocumentClient().send(
      new QueryCommand({
        TableName: api.stack.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.auditOrganisation(ZA, '', '').PK },
      }),
    );
    const entries = (audit.Items ?? []).filter((e) => String(e.route).includes('/bounces/{address}'));
    expect(entries).toEqual(expect.arrayContaining([expect.objectContaining({ userId: callers.beheerder.sub, kind: 'write', status: 200 })]));
  });
});
