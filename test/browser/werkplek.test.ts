/**
 * The werkplek walked as people would, in Debian's Chromium, against the local stack serving the real build
 * (issue 12): a begeleider signs in → new dossier → aanvraag urgentie (a mistake, the error summary, fixed) → Wonen
 * decides (through the API until Wonen's werkvoorraad exists) → aanbod and sleuteloverdracht in the browser → the
 * dev clock moves five weeks → the kennismaking reminder lands in the SES outbox → its link, opened in a fresh
 * browser, asks for sign-in and then shows that dossier → the kennismaking is saved as a draft, continued by a
 * colleague, submitted: ingediend bij the corporatie, whose contact finds it under Te beoordelen, takes it in
 * behandeling and gives its own akkoord (issue 13) → its deadline is gone from Termijnen. A corporatie contact signs in and does not see the
 * begeleidingsplan. axe-core finds no violation on any page; every page is photographed into test-output/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/calendar.js';
import { aanvraagUrgentieBody, besluitUrgentieBody, kennismakingBody, sleuteloverdrachtBody, woningaanbodBody } from '../support/bodies.js';
import { callers, localApi, type TestApi } from '../support/api.js';
import { reminderHarness, type ReminderHarness } from '../support/reminders.js';
import { validInput } from '../unit/forms.fixtures.js';
import { buildWeb, expectAccessible, fillForm, HAS_BROWSER, launch, openForm, screenshot, signIn, WEB_DIST } from './browser.js';

/** A Monday; the case's whole story is told on the stack's clock, never on today's date. */
const START = '2026-11-23';
let api: TestApi;
let h: ReminderHarness;
let browser: Browser;
let caseId: string;
let reference: string;

beforeAll(async () => {
  if (!HAS_BROWSER) return;
  await buildWeb();
  api = await localApi({ now: `${START}T09:00:00.000Z`, webDir: WEB_DIST });
  h = await reminderHarness(api);
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

const today = () => api.stack.clock.now().slice(0, 10);

/** A new browser (no session), as someone opening a link from a mail. */
async function freshPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return { context, page };
}


async function submitAndExpectPhase(page: Page, phase: string): Promise<void> {
  await page.getByRole('button', { name: 'Indienen' }).click();
  await expect.poll(() => page.getByText(`Het dossier is nu in de fase ${phase}`).count(), { timeout: 15_000 }).toBe(1);
}

/** The kennismaking in two halves: what the begeleider types before saving a draft, and what the colleague adds. */
function kennismakingValues(datum: string, sleutel: string) {
  const { startIntermediaireVerhuur, datumGesprek, datumWoonevaluatiegesprek, locatie, goedHuurderschap, landenInDeWoning, ...rest } = kennismakingBody(datum, sleutel, addDays(datum, 150));
  return { first: { startIntermediaireVerhuur, datumGesprek, datumWoonevaluatiegesprek, locatie, goedHuurderschap, landenInDeWoning }, rest };
}

describe.skipIf(!HAS_BROWSER)('the werkplek in a real browser (issue 12)', { timeout: 180_000 }, () => {
  let begeleider: Page;
  afterEach(async (context) => {
    // What the begeleider's screen showed when a step failed: the first thing to look at.
    if (context.task.result?.state === 'fail' && begeleider) await screenshot(begeleider, `mislukt-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  it('shows the sign-in page first; a begeleider signs in and opens a new dossier', async () => {
    ({ page: begeleider } = await freshPage());
    await begeleider.goto(api.stack.api.url);
    await expect.poll(() => begeleider.getByRole('button', { name: 'Inloggen' }).count()).toBe(1);
    await expectAccessible(begeleider, 'the sign-in page');
    await screenshot(begeleider, '01-inloggen');
    await begeleider.getByRole('button', { name: 'Inloggen' }).click();
    await expect.poll(() => begeleider.getByRole('heading', { name: 'Inloggen' }).count()).toBe(1);
    await expectAccessible(begeleider, 'the local OpenID provider’s sign-in page');
    await screenshot(begeleider, '02-kies-persoon');
    await begeleider.getByLabel(/Bram Begeleider/).check();
    await begeleider.getByRole('button', { name: 'Inloggen' }).click();

    await expect.poll(() => begeleider.getByRole('heading', { level: 1, name: 'Mijn dossiers' }).count()).toBe(1);
    await expectAccessible(begeleider, 'Mijn dossiers');
    await screenshot(begeleider, '03-mijn-dossiers');
    await begeleider.getByRole('button', { name: 'Nieuw dossier' }).click();
    await expect.poll(() => begeleider.getByRole('heading', { level: 1, name: 'Nieuw dossier' }).count()).toBe(1);
    await expectAccessible(begeleider, 'Nieuw dossier');
    await fillForm(begeleider, { route: 'MO', doelgroep: 'volwassene', clientPseudonym: 'J.D.' });
    await screenshot(begeleider, '04-nieuw-dossier');
    await begeleider.getByRole('button', { name: 'Dossier aanmaken' }).click();
    await expect.poll(() => begeleider.getByRole('heading', { level: 1, name: /^Dossier OMS-/ }).count(), { timeout: 15_000 }).toBe(1);
    caseId = new URL(begeleider.url()).pathname.split('/')[2]!;
    reference = (await begeleider.getByRole('heading', { level: 1 }).textContent())!.replace('Dossier ', '');
    expect(reference).toMatch(/^OMS-\d{4}-\d{6}$/);
    await expectAccessible(begeleider, 'the dossier page');
  });

  it('aanvraag urgentie: a forgotten field is named in the error summary, fixed, and the form goes in once', async () => {
    await openForm(begeleider, 'Aanvraag urgentie onder voorwaarden');
    await expectAccessible(begeleider, 'the aanvraag urgentie form');
    const body = aanvraagUrgentieBody(today());
    const { psychisch, ...doelen } = body.doelen;
    await fillForm(begeleider, { ...body, doelen });
    await begeleider.getByRole('button', { name: 'Indienen' }).click();
    await expect.poll(() => begeleider.getByRole('heading', { name: 'Verbeter de fouten voor u verder gaat' }).count()).toBe(1);
    // Focus goes to the summary, which names the one missing field and links to it.
    expect(await begeleider.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Verbeter de fouten');
    const summaryLinks = begeleider.locator('a[href^="#veld-"]');
    expect(await summaryLinks.count()).toBe(1);
    const link = summaryLinks.first();
    expect(await link.getAttribute('href')).toBe('#veld-doelen-psychisch');
    expect(await link.textContent()).toContain('Vul «');
    await expectAccessible(begeleider, 'the form with its error summary');
    await screenshot(begeleider, '05-foutsamenvatting');
    await link.click();
    await begeleider.locator('#veld-doelen-psychisch').fill(psychisch);
    await submitAndExpectPhase(begeleider, 'urgentie aangevraagd');
    const read = await api.get(`/cases/${caseId}`, callers.begeleider);
    expect(read.body.timeline.map((e: { type: string }) => e.type)).toEqual(['case-aangemaakt', 'aanvraag-urgentie']);
  });

  it('after Wonen’s besluit, the aanbod and the sleuteloverdracht are recorded in the browser', async () => {
    const besluit = await api.post(`/cases/${caseId}/forms/besluit-urgentie`, callers.wonen, besluitUrgentieBody(today()));
    expect(besluit.status).toBe(201);
    await begeleider.reload();
    await openForm(begeleider, 'Woningaanbod');
    await fillForm(begeleider, woningaanbodBody(today(), { corporatieId: 'corp-ymere' }));
    await submitAndExpectPhase(begeleider, 'aanbod');
    await openForm(begeleider, 'Sleuteloverdracht');
    await expectAccessible(begeleider, 'the sleuteloverdracht form');
    await fillForm(begeleider, sleuteloverdrachtBody(today()));
    await submitAndExpectPhase(begeleider, 'herstelfase');
    await expectAccessible(begeleider, 'the dossier in the herstelfase');
    await screenshot(begeleider, '06-dossier');
  });

  it('five weeks on, the kennismaking reminder’s link opens that dossier after sign-in', async () => {
    api.stack.clock.advance(36 * 86_400_000);
    api.stack.clock.set(`${api.stack.clock.now().slice(0, 10)}T07:00:00.000Z`);
    await h.scheduler.tick();
    const reminder = (await h.mailsFor(reference)).find((m) => m.subject.includes('Kennismakingsgesprek plannen'));
    expect(reminder, 'the kennismaking heads-up in the SES outbox').toBeDefined();
    const link = /href="([^"]+)"/.exec(reminder!.html ?? '')?.[1];
    expect(link).toBe(`${api.stack.api.url}/cases/${caseId}`);

    const { page, context } = await freshPage();
    await page.goto(link!);
    await screenshot(page, '07-link-vraagt-inloggen');
    await signIn(page, /Bram Begeleider/);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: `Dossier ${reference}` }).count(), { timeout: 15_000 }).toBe(1);
    expect(new URL(page.url()).pathname).toBe(`/cases/${caseId}`);
    expect(await page.getByText('Kennismakingsgesprek plannen').count()).toBeGreaterThan(0);
    await context.close();
  });

  // The longest walk (three people, four pages each): ~10 s alone, and three times that on two busy cores.
  it('the kennismaking is saved as a draft, continued by a colleague and submitted; Termijnen no longer lists it', { timeout: 90_000 }, async () => {
    await begeleider.goto(`${api.stack.api.url}/termijnen`);
    await expect.poll(() => begeleider.getByRole('heading', { level: 1, name: 'Termijnen' }).count()).toBe(1);
    await expect.poll(() => begeleider.getByRole('row').filter({ hasText: reference }).filter({ hasText: 'Kennismaking' }).count()).toBeGreaterThan(0);
    await expectAccessible(begeleider, 'Termijnen');
    await screenshot(begeleider, '07-termijnen');

    await begeleider.goto(`${api.stack.api.url}/cases/${caseId}`);
    await openForm(begeleider, 'Kennismakingsgesprek (Supplement Wonen en Goed Huurderschap)');
    const sleutel = START;
    const values = kennismakingValues(addDays(today(), -1), sleutel);
    await fillForm(begeleider, values.first);
    await begeleider.getByRole('button', { name: 'Opslaan als concept' }).click();
    await expect.poll(() => begeleider.getByText(/Concept opgeslagen op/).count()).toBe(1);
    await screenshot(begeleider, '08-concept');

    // A colleague of the same organisation continues the draft.
    const { page: colleague, context } = await freshPage();
    await colleague.goto(`${api.stack.api.url}/cases/${caseId}`);
    await signIn(colleague, /Anouk de Vries/);
    await expect.poll(() => colleague.getByRole('link', { name: /Verder met Kennismakingsgesprek/ }).count(), { timeout: 15_000 }).toBe(1);
    await colleague.getByRole('link', { name: /Verder met Kennismakingsgesprek/ }).click();
    await expect.poll(() => colleague.locator('#veld-datumGesprek').inputValue()).toBe(values.first.datumGesprek);
    await fillForm(colleague, values.rest);
    await expectAccessible(colleague, 'the kennismaking form');
    await submitAndExpectPhase(colleague, 'herstelfase');
    await context.close();

    // Ingediend bij the corporatie: it does not count yet, so the kennismaking is still due.
    await begeleider.goto(`${api.stack.api.url}/cases/${caseId}`);
    await expect.poll(() => begeleider.getByText(/ingediend bij de corporatie/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await begeleider.goto(`${api.stack.api.url}/termijnen`);
    await expect.poll(() => begeleider.getByRole('row').filter({ hasText: reference }).filter({ hasText: 'Kennismakingsgesprek houden' }).count()).toBe(1);

    // The corporatie's contact finds it under Te beoordelen, takes it in behandeling and gives its own akkoord.
    const { page: corporatie, context: corporatieContext } = await freshPage();
    await corporatie.goto(`${api.stack.api.url}/te-beoordelen`);
    await signIn(corporatie, /Cor Contact/);
    await expect.poll(() => corporatie.getByRole('heading', { level: 1, name: 'Te beoordelen' }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => corporatie.getByRole('row').filter({ hasText: reference }).filter({ hasText: 'Akkoord corporatie' }).count()).toBe(1);
    await expectAccessible(corporatie, 'Te beoordelen');
    await screenshot(corporatie, '08a-te-beoordelen');
    await corporatie.getByRole('row').filter({ hasText: reference }).getByRole('link').first().click();
    await expect.poll(() => corporatie.getByRole('heading', { level: 2, name: 'Te beoordelen' }).count(), { timeout: 15_000 }).toBe(1);
    // A send-back without a reason is stopped in the browser, with the error summary.
    await corporatie.getByRole('button', { name: 'Terugsturen met deze reden' }).click();
    await expect.poll(() => corporatie.getByText('Vul de reden in').count()).toBeGreaterThan(0);
    await corporatie.getByRole('button', { name: 'In behandeling nemen' }).click();
    await expect.poll(() => corporatie.getByText(/in behandeling bij de corporatie/).count()).toBeGreaterThan(0);
    await expectAccessible(corporatie, 'the corporatie answering a form ingediend bij haar');
    await screenshot(corporatie, '08b-akkoord-geven');
    await corporatie.getByRole('button', { name: 'Akkoord geven' }).click();
    await expect.poll(() => corporatie.getByText(/akkoord van de corporatie op/).count()).toBeGreaterThan(0);
    await corporatieContext.close();
    // The begeleider is told by mail (a reference and a link, nothing of the form).
    await h.scheduler.tick();
    const told = (await h.mailsFor(reference)).find((m) => m.subject.includes('Akkoord van de corporatie'));
    expect(told, 'the akkoord mail to the begeleider').toBeDefined();

    await begeleider.goto(`${api.stack.api.url}/termijnen`);
    await expect.poll(() => begeleider.getByRole('heading', { level: 1, name: 'Termijnen' }).count()).toBe(1);
    await expect.poll(() => begeleider.getByRole('row').filter({ hasText: reference }).filter({ hasText: /Kennismakingsgesprek (plannen|houden)/ }).count()).toBe(0);
  });

  it('a corporatie contact signs in and does not see the begeleidingsplan', async () => {
    const plan = await api.post(`/cases/${caseId}/forms/begeleidingsplan`, callers.begeleider, validInput('begeleidingsplan', { vastgesteldOp: today(), akkoordClient: { datum: today() } }));
    const { page, context } = await freshPage();
    await page.goto(`${api.stack.api.url}/cases/${caseId}`);
    await signIn(page, /Cor Contact/);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: `Dossier ${reference}` }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByText('Sleuteloverdracht').count()).toBeGreaterThan(0);
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    expect(await page.getByText(/Begeleidingsplan/).count()).toBe(0);
    // The page shows what the API shows the corporatie, nothing more: the same timeline, no pseudonym field it is not given.
    const asCorporatie = await api.get(`/cases/${caseId}`, callers.corporatie);
    expect(await page.locator('.werkplek-timeline > li').count()).toBe(asCorporatie.body.timeline.length);
    expect(await page.getByText('Cliënt (pseudoniem)').count()).toBe(asCorporatie.body.clientPseudonym ? 1 : 0);
    await expectAccessible(page, 'the dossier as the corporatie sees it');
    await screenshot(page, '09-dossier-corporatie');
    await context.close();
  });
});
