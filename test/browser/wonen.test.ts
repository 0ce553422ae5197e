/**
 * Wonen's werkplek in a real browser (issue 13): a medewerker Wonen opens the werkvoorraad, sees the aanvraag with its
 * due date and its urgency in words, takes it in behandeling (a second load shows who has it), decides it with the
 * decision form (akkoord with motivatie) and is back at the werkvoorraad, where the archive says "op tijd"; the
 * begeleider sees the decision on the dossier and the decision mail is in the local SES outbox. "Wat vandaag te doen
 * is" shows the digest's figures. Ongekoppelde mail: an HTML mail with a <script> and an <img onerror> is read as
 * text (no script runs) and linked to a case. axe-core finds no violation on any page; screenshots to test-output/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamInstant } from '../../shared/domain/calendar.js';
import { deliverLocalMail, ensureLocalInbox } from '../../shared/local/inbound.js';
import { aanvraagUrgentieBody, createCaseBody } from '../support/bodies.js';
import { callers, localApi, type TestApi } from '../support/api.js';
import { reminderHarness, type ReminderHarness } from '../support/reminders.js';
import { buildWeb, expectAccessible, HAS_BROWSER, launch, screenshot, signIn, WEB_DIST } from './browser.js';

/** Monday 23 November 2026: the aanvraag is received today, due Monday 30 November (5 werkdagen, 001 §4). */
const START = '2026-11-23';
let api: TestApi;
let h: ReminderHarness;
let browser: Browser;

beforeAll(async () => {
  if (!HAS_BROWSER) return;
  await buildWeb();
  process.env.MAIL_FROM ??= 'Omslagroute (test) <noreply@omslagroute.example>';
  api = await localApi({ now: amsterdamInstant(START, 10), webDir: WEB_DIST });
  await ensureLocalInbox(api.stack.services);
  h = await reminderHarness(api);
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

async function freshPage(): Promise<{ context: BrowserContext; page: Page; errors: Error[] }> {
  const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return { context, page, errors };
}


async function heading(page: Page, name: string | RegExp): Promise<void> {
  await expect.poll(() => page.getByRole('heading', { level: 1, name }).count(), { timeout: 15_000 }).toBe(1);
}

async function newAanvraag(): Promise<{ caseId: string; reference: string }> {
  const created = await api.post('/cases', callers.begeleider, createCaseBody());
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const submitted = await api.submitForm(created.body.caseId, 'aanvraag-urgentie', callers.begeleider, aanvraagUrgentieBody(START));
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  return created.body;
}

describe.skipIf(!HAS_BROWSER)('Wonen’s werkvoorraad in a real browser (issue 13)', { timeout: 180_000 }, () => {
  it('takes an aanvraag in behandeling, decides it with the decision form, finds it in the archive op tijd', async () => {
    const { caseId, reference } = await newAanvraag();
    api.stack.clock.set(amsterdamInstant('2026-11-25', 10)); // Wednesday: 3 werkdagen left
    const { page } = await freshPage();
    await page.goto(`${api.stack.api.url}/wonen/wachtrij`);
    await signIn(page, /Willem Wonen/);
    await heading(page, 'Werkvoorraad Wonen');
    const row = page.getByRole('row').filter({ hasText: reference });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.textContent()).toContain('Aanvraag urgentie onder voorwaarden');
    expect(await row.textContent()).toContain('30 november 2026');
    expect(await row.textContent()).toContain('nog 3 werkdagen');
    expect(await row.textContent()).toContain('Nog niemand');
    await expectAccessible(page, 'the werkvoorraad');
    await screenshot(page, 'wonen-01-werkvoorraad');

    await page.getByRole('button', { name: `In behandeling nemen: ${reference}, aanvraag urgentie onder voorwaarden` }).click();
    await expect.poll(() => page.getByRole('tabpanel').getByRole('row').filter({ hasText: reference }).filter({ hasText: 'In behandeling bij u' }).count(), { timeout: 15_000 }).toBe(1);
    // A second load shows who has it; colleagues read the same takenBy from the API.
    await page.reload();
    await heading(page, 'Werkvoorraad Wonen');
    await page.getByRole('tab', { name: /^In behandeling \(\d+\)$/ }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: reference }).filter({ hasText: 'In behandeling bij u' }).count(), { timeout: 15_000 }).toBe(1);
    const queue = await api.get('/wonen/queue?status=in-behandeling', callers.wonen);
    expect(queue.body.items.find((i: { caseId: string }) => i.caseId === caseId)).toMatchObject({ takenBy: 'wonen-1' });
    await expectAccessible(page, 'the werkvoorraad, tab in behandeling');
    await screenshot(page, 'wonen-02-in-behandeling');

    await page.getByRole('link', { name: `Besluiten: ${reference}, aanvraag urgentie onder voorwaarden` }).click();
    await heading(page, 'Besluit Wonen op aanvraag urgentie');
    await page.locator('label[for="' + (await page.locator('input[name="besluit"][value="akkoord"]').getAttribute('id')) + '"]').click();
    await page.locator('#veld-besluitDatum').fill('2026-11-25');
    await page.locator('#veld-motivatie').fill('De aanvraag is volledig en onderbouwd.');
    await expectAccessible(page, 'the decision form');
    await page.getByRole('button', { name: 'Indienen' }).click();
    await heading(page, 'Werkvoorraad Wonen');
    await expect.poll(() => page.getByText(`${reference}: Besluit Wonen op aanvraag urgentie is ingediend`).count(), { timeout: 15_000 }).toBe(1);

    await page.getByRole('tab', { name: /^Goedgekeurd \(\d+\)$/ }).click();
    const archived = page.getByRole('tabpanel').getByRole('row').filter({ hasText: reference });
    await expect.poll(() => archived.count(), { timeout: 15_000 }).toBe(1);
    expect(await archived.textContent()).toContain('Akkoord op 25 november 2026 (op tijd)');
    await expectAccessible(page, 'the archive (goedgekeurd)');
    await screenshot(page, 'wonen-03-archief');

    // The begeleider sees the decision on the dossier; the decision mail is in the outbox.
    const { page: begeleider } = await freshPage();
    await begeleider.goto(`${api.stack.api.url}/cases/${caseId}`);
    await signIn(begeleider, /Bram Begeleider/);
    await heading(begeleider, `Dossier ${reference}`);
    await expect.poll(() => begeleider.getByText('Besluit Wonen op aanvraag urgentie').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => begeleider.getByText('De aanvraag is volledig en onderbouwd.').count()).toBeGreaterThan(0);
    await screenshot(begeleider, 'wonen-04-dossier-begeleider');
    await h.scheduler.tick();
    await expect.poll(async () => (await h.mailsFor(reference)).some((m) => /besluit/i.test(m.subject)), { timeout: 20_000 }).toBe(true);
  });

  it('shows what is due today and overdue: the digest’s figures as a page', async () => {
    api.stack.clock.set(amsterdamInstant(START, 10));
    const due = await newAanvraag();
    api.stack.clock.set(amsterdamInstant('2026-12-01', 10)); // Tuesday: the 23 November aanvraag was due Monday 30th
    const { page } = await freshPage();
    await page.goto(`${api.stack.api.url}/wonen/vandaag`);
    await signIn(page, /Willem Wonen/);
    await heading(page, 'Wat vandaag te doen is');
    const digest = (await api.get('/wonen/digest', callers.wonen)).body as { dueToday: unknown[]; overdue: Array<{ reference: string }> };
    expect(digest.overdue.map((l) => l.reference)).toContain(due.reference);
    await expect.poll(() => page.getByTestId('te-laat-aantal').textContent(), { timeout: 15_000 }).toBe(String(digest.overdue.length));
    expect(await page.getByTestId('vandaag-aantal').textContent()).toBe(String(digest.dueToday.length));
    expect(await page.getByRole('row').filter({ hasText: due.reference }).textContent()).toContain('1 werkdag te laat');
    await expectAccessible(page, 'wat vandaag te doen is');
    await screenshot(page, 'wonen-05-vandaag');
  });

  it('reads an HTML mail with a script as text (no script runs) and links it to a case', async () => {
    api.stack.clock.set(amsterdamInstant(START, 10));
    const { caseId, reference } = await newAanvraag();
    const eml = readFileSync(new URL('../fixtures/mail/html-script.eml', import.meta.url), 'utf8').replaceAll('{{MESSAGE_ID}}', randomUUID());
    const [outcome] = await deliverLocalMail(Buffer.from(eml), api.stack.container);
    expect(outcome).toMatchObject({ outcome: 'niet-gekoppeld' });
    const mailId = outcome!.mailId;

    const { page, errors } = await freshPage();
    await page.goto(`${api.stack.api.url}/wonen/unmatched`);
    await signIn(page, /Willem Wonen/);
    await heading(page, 'Ongekoppelde mail');
    await expect.poll(() => page.getByRole('link', { name: 'Vraag met opmaak' }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expectAccessible(page, 'ongekoppelde mail');
    await screenshot(page, 'wonen-06-ongekoppelde-mail');

    // The refused-mail notice's link: APP_BASE_URL/wonen/unmatched/<mailId>.
    await page.goto(`${api.stack.api.url}/wonen/unmatched/${mailId}`);
    await heading(page, 'E-mail: Vraag met opmaak');
    const text = page.locator('.werkplek-mail-text');
    await expect.poll(() => text.textContent(), { timeout: 15_000 }).toContain('Beste woonzaken');
    expect(await text.textContent()).not.toContain('<script');
    expect(await page.locator('main script, main img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __mailScriptRan?: boolean }).__mailScriptRan)).toBeUndefined();
    expect(errors).toEqual([]);
    await expectAccessible(page, 'the mail reading view');
    await screenshot(page, 'wonen-07-mail-lezen');

    await page.locator('#kenmerk').fill('OMS-0000-00001');
    await page.getByRole('button', { name: 'Koppelen' }).click();
    await expect.poll(() => page.getByText('Verwacht een kenmerk als OMS-2026-000123').count(), { timeout: 15_000 }).toBe(1);
    await page.locator('#kenmerk').fill(reference);
    await page.getByRole('button', { name: 'Koppelen' }).click();
    await heading(page, `Dossier ${reference}`);
    expect(new URL(page.url()).pathname).toBe(`/cases/${caseId}`);
    await expect.poll(() => page.getByText(`De e-mail is gekoppeld aan ${reference}.`).count()).toBe(1);
    expect((await api.get(`/wonen/unmatched/${mailId}`, callers.wonen)).status).toBe(404);
  });
});
