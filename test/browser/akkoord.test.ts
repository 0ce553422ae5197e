/**
 * The corporatie's own akkoord in a real browser (issue 13), as the three organisations do it on their screens:
 * 1. A woonevaluatie ingediend bij the corporatie is sent back with a reason (Cor Contact, Te beoordelen); the
 *    begeleider opens it from the dossier with what it said, corrects it and submits it again (marked opnieuw
 *    ingediend, both versions in the timeline); the corporatie gives its akkoord.
 * 2. The voordracht voor omklap goes from the begeleider to the onafhankelijke derde (toets), to the corporatie's
 *    akkoord, into Wonen's werkvoorraad with its 5-werkdagen due date counted from the akkoord (001 §4: "Na ontvangst");
 *    Wonen takes it and decides akkoord; the begeleider and the corporatie see the decision and get the mail.
 * The case is brought to the herstelfase through the API (that part of the route has its own walk in werkplek.test.ts);
 * everything after is done by clicking. axe-core on every page; screenshots to test-output/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamInstant } from '../../shared/domain/calendar.js';
import { callerFor, callers, localApi, type TestApi } from '../support/api.js';
import { reminderHarness, type ReminderHarness } from '../support/reminders.js';
import { FIXTURE_TODAY, STEPS_BEFORE, validInput } from '../unit/forms.fixtures.js';
import { buildWeb, expectAccessible, fillForm, HAS_BROWSER, launch, openForm, screenshot, signIn, WEB_DIST } from './browser.js';

/** Monday 14 June 2027 (the fixtures' today): the corporatie's akkoord today puts Wonen's due date on Monday 21 June. */
const TODAY = FIXTURE_TODAY;
const WONEN_DUE = '21 juni 2027';

let api: TestApi;
let h: ReminderHarness;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (!HAS_BROWSER) return;
  await buildWeb();
  process.env.MAIL_FROM ??= 'Omslagroute (test) <noreply@omslagroute.example>';
  api = await localApi({ now: amsterdamInstant(TODAY, 9), webDir: WEB_DIST });
  h = await reminderHarness(api);
  browser = await launch();
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

/** A person at their own screen: a new browser context, signed in on the page the test opens first. */
async function personAt(path: string, person: RegExp): Promise<Page> {
  const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${api.stack.api.url}${path}`);
  await signIn(page, person);
  return page;
}

const heading = (page: Page, level: number, name: string | RegExp) =>
  expect.poll(() => page.getByRole('heading', { level, name }).count(), { timeout: 15_000 }).toBe(1);

/** A case in the herstelfase, kennismaking held with the corporatie's akkoord (through the API, as in route.test.ts). */
async function caseInHerstelfase(): Promise<{ caseId: string; reference: string }> {
  const created = await api.post('/cases', callers.begeleider, { regio: 'amsterdam', route: 'MO', doelgroep: 'volwassene', clientPseudonym: 'J.D.' });
  expect(created.status, created.text).toBe(201);
  const { caseId, reference } = created.body as { caseId: string; reference: string };
  for (const { action, overrides } of STEPS_BEFORE.woonevaluatie) await api.submitForm(caseId, action, callerFor(action), validInput(action, overrides));
  return { caseId, reference };
}

describe.skipIf(!HAS_BROWSER)('the corporatie’s akkoord in a real browser (issue 13)', { timeout: 240_000 }, () => {
  let caseId: string;
  let reference: string;
  let begeleider: Page;
  let corporatie: Page;

  beforeAll(async () => {
    if (!HAS_BROWSER) return;
    ({ caseId, reference } = await caseInHerstelfase());
  }, 120_000);

  it('a woonevaluatie sent back with a reason is corrected and submitted again; both versions stay; then the corporatie agrees', async () => {
    // The begeleider's woonevaluatie, ingediend bij the corporatie: it waits.
    const first = await api.submitForm(caseId, 'woonevaluatie', callers.begeleider, validInput('woonevaluatie'), { akkoord: false });
    const firstSeq = first.body.event.seq as number;

    corporatie = await personAt('/te-beoordelen', /Cor Contact/);
    await heading(corporatie, 1, 'Te beoordelen');
    const row = corporatie.getByRole('row').filter({ hasText: reference });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await row.getByRole('link').first().click();
    await heading(corporatie, 1, `Dossier ${reference}`);
    await heading(corporatie, 3, `Uw besluit: Verslag woonevaluatiegesprek (volgnummer ${firstSeq})`);
    await corporatie.getByRole('button', { name: 'In behandeling nemen' }).click();
    await expect.poll(() => corporatie.getByText(/in behandeling bij de corporatie/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await corporatie.locator('#veld-reden').fill('De huurbetaling klopt niet: er is een achterstand gemeld.');
    await expectAccessible(corporatie, 'the corporatie sending the woonevaluatie back');
    await screenshot(corporatie, 'akkoord-01-terugsturen');
    await corporatie.getByRole('button', { name: 'Terugsturen met deze reden' }).click();
    await expect.poll(() => corporatie.getByText(/teruggestuurd door de corporatie/).count(), { timeout: 15_000 }).toBeGreaterThan(0);

    // The begeleider is told by mail (a reference and a link), opens the dossier, reads the reason and corrects it.
    await h.scheduler.tick();
    await expect.poll(async () => (await h.mailsFor(reference)).some((m) => /teruggestuurd/i.test(m.subject)), { timeout: 20_000 }).toBe(true);
    begeleider = await personAt(`/cases/${caseId}`, /Bram Begeleider/);
    await heading(begeleider, 1, `Dossier ${reference}`);
    await expect.poll(() => begeleider.getByText('Reden: De huurbetaling klopt niet: er is een achterstand gemeld.').count(), { timeout: 15_000 }).toBe(1);
    await expectAccessible(begeleider, 'the dossier with a sent-back woonevaluatie');
    await screenshot(begeleider, 'akkoord-02-teruggestuurd');
    await begeleider.getByRole('link', { name: 'Verslag woonevaluatiegesprek aanpassen en opnieuw indienen' }).click();
    await heading(begeleider, 1, 'Woonevaluatie');
    await heading(begeleider, 2, `Nieuwe versie van volgnummer ${firstSeq}`);
    expect(await begeleider.getByText('Reden van terugsturen: De huurbetaling klopt niet').count()).toBe(1);
    // What the first version said is there; the begeleider changes only what was wrong.
    await expect.poll(() => begeleider.locator('#veld-datumGesprek').inputValue()).toBe(validInput('woonevaluatie').datumGesprek);
    await fillForm(begeleider, { huurbetaling: { opTijd: false, regeling: 'Eén maand achterstand; een betalingsregeling is getroffen' } });
    await expectAccessible(begeleider, 'the woonevaluatie opened as a new version');
    await screenshot(begeleider, 'akkoord-03-nieuwe-versie');
    await begeleider.getByRole('button', { name: 'Indienen' }).click();
    await expect.poll(() => begeleider.getByText(/Woonevaluatie is opnieuw ingediend/).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => begeleider.getByRole('heading', { level: 3, name: /^Woonevaluatie \(opnieuw ingediend\)/ }).count()).toBe(1);
    expect(await begeleider.getByRole('heading', { level: 3, name: /^Woonevaluatie — teruggestuurd door de corporatie/ }).count()).toBe(1);

    // The API keeps both versions: the first sent back, the second waiting and marked as its successor.
    const read = await api.get(`/cases/${caseId}`, callers.begeleider);
    const versions = read.body.timeline.filter((e: { type: string }) => e.type === 'woonevaluatie');
    expect(versions.map((e: { seq: number; supersedes?: number; akkoord?: { status: string } }) => [e.supersedes ?? null, e.akkoord?.status])).toEqual([
      [null, 'teruggestuurd'],
      [firstSeq, 'ingediend'],
    ]);
    const secondSeq = versions[1].seq as number;

    // The corporatie gives its akkoord on the new version.
    await corporatie.goto(`${api.stack.api.url}/cases/${caseId}`);
    await heading(corporatie, 3, `Uw besluit: Verslag woonevaluatiegesprek (volgnummer ${secondSeq})`);
    await corporatie.getByRole('button', { name: 'Akkoord geven' }).click();
    await expect.poll(() => corporatie.getByText(/akkoord van de corporatie op/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(corporatie, 'akkoord-04-akkoord');
    const after = await api.get(`/cases/${caseId}`, callers.begeleider);
    expect(after.body.akkoorden.find((a: { seq: number }) => a.seq === secondSeq)).toMatchObject({ status: 'akkoord', opnieuwIngediendNa: firstSeq });
  });

  it('the voordracht voor omklap goes to the derde, the corporatie, Wonen’s werkvoorraad and back to the parties as a decision', async () => {
    // The begeleider fills in the voordracht.
    await begeleider.goto(`${api.stack.api.url}/cases/${caseId}`);
    await heading(begeleider, 1, `Dossier ${reference}`);
    await openForm(begeleider, 'Voordracht voor omklap');
    await fillForm(begeleider, validInput('voordracht-omklap', { datumVoordracht: TODAY }));
    await expectAccessible(begeleider, 'the voordracht voor omklap');
    await begeleider.getByRole('button', { name: 'Indienen' }).click();
    await expect.poll(() => begeleider.getByText('Het dossier is nu in de fase voordracht', { exact: false }).count(), { timeout: 15_000 }).toBe(1);

    // The onafhankelijke derde toetst it.
    const derde = await personAt(`/cases/${caseId}`, /Dirk Derde/);
    await heading(derde, 1, `Dossier ${reference}`);
    await openForm(derde, 'Toets onafhankelijke derde');
    await fillForm(derde, validInput('toets-derde', { datum: TODAY }));
    await expectAccessible(derde, 'the toets of the onafhankelijke derde');
    await screenshot(derde, 'akkoord-05-toets-derde');
    await derde.getByRole('button', { name: 'Indienen' }).click();
    await expect.poll(() => derde.getByText(/Toets onafhankelijke derde is ingediend/).count(), { timeout: 15_000 }).toBe(1);
    // Ingediend bij the corporatie: Wonen has nothing yet.
    const before = await api.get('/wonen/queue?limit=100', callers.wonen);
    expect(before.body.items.filter((i: { caseId: string }) => i.caseId === caseId)).toEqual([]);

    // The corporatie agrees, from its Te beoordelen list.
    await corporatie.goto(`${api.stack.api.url}/te-beoordelen`);
    await heading(corporatie, 1, 'Te beoordelen');
    await expect.poll(() => corporatie.getByRole('row').filter({ hasText: reference }).count(), { timeout: 15_000 }).toBe(1);
    await corporatie.getByRole('row').filter({ hasText: reference }).getByRole('link').first().click();
    await heading(corporatie, 3, /^Uw besluit: Voordracht voor omklap \(getoetst door de onafhankelijke derde\)/);
    expect(await corporatie.getByText(/Het gaat om de voordracht voor omklap \(volgnummer \d+\)/).count()).toBe(1);
    await corporatie.getByRole('button', { name: 'Akkoord geven' }).click();
    await expect
      .poll(async () => (await api.get(`/cases/${caseId}`, callers.corporatie)).body.akkoorden.filter((a: { action: string; status: string }) => a.action === 'toets-derde').map((a: { status: string }) => a.status), { timeout: 15_000 })
      .toEqual(['akkoord']);

    // Wonen finds it in the werkvoorraad, due 5 werkdagen after the akkoord, takes it and decides.
    const wonen = await personAt('/wonen/wachtrij', /Willem Wonen/);
    await heading(wonen, 1, 'Werkvoorraad Wonen');
    const item = wonen.getByRole('row').filter({ hasText: reference });
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);
    expect(await item.textContent()).toContain('Voordracht voor omklap');
    expect(await item.textContent()).toContain(WONEN_DUE);
    expect(await item.textContent()).toContain('nog 5 werkdagen');
    await expectAccessible(wonen, 'the werkvoorraad with the voordracht');
    await screenshot(wonen, 'akkoord-06-werkvoorraad');
    await wonen.getByRole('button', { name: new RegExp(`^In behandeling nemen: ${reference}`) }).click();
    await expect.poll(() => wonen.getByRole('tabpanel').getByRole('row').filter({ hasText: reference }).filter({ hasText: 'In behandeling bij u' }).count(), { timeout: 15_000 }).toBe(1);
    await wonen.getByRole('link', { name: new RegExp(`^Besluiten: ${reference}`) }).click();
    await heading(wonen, 1, 'Besluit Wonen op voordracht voor omklap');
    await fillForm(wonen, validInput('besluit-omklap', { besluitDatum: TODAY }));
    await expectAccessible(wonen, 'Wonen’s decision on the voordracht');
    await wonen.getByRole('button', { name: 'Indienen' }).click();
    await heading(wonen, 1, 'Werkvoorraad Wonen');
    await wonen.getByRole('tab', { name: /^Goedgekeurd \(\d+\)$/ }).click();
    const decided = wonen.getByRole('tabpanel').getByRole('row').filter({ hasText: reference }).filter({ hasText: 'Voordracht voor omklap' });
    await expect.poll(() => decided.count(), { timeout: 15_000 }).toBe(1);
    expect(await decided.textContent()).toContain('(op tijd)');

    // The begeleider and the corporatie see the decision on the dossier, and both are mailed.
    for (const page of [begeleider, corporatie]) {
      await page.goto(`${api.stack.api.url}/cases/${caseId}`);
      await heading(page, 1, `Dossier ${reference}`);
      await expect.poll(() => page.getByRole('heading', { level: 3, name: 'Besluit Wonen op voordracht voor omklap' }).count(), { timeout: 15_000 }).toBe(1);
      expect(await page.getByText('Omklap akkoord', { exact: false }).count()).toBeGreaterThan(0);
    }
    await expectAccessible(corporatie, 'the dossier with Wonen’s decision, as the corporatie sees it');
    await screenshot(corporatie, 'akkoord-07-besluit-corporatie');
    await h.scheduler.tick();
    await expect
      .poll(async () => {
        const decision = (await h.mailsFor(reference)).filter((m) => m.subject.includes('Bevestiging omklap'));
        return decision.flatMap((m) => m.to).join(' ');
      }, { timeout: 20_000 })
      .toMatch(/ymere.*hvo-querido|hvo-querido.*ymere/);
  });
});
