/**
 * Beheer in a real browser (issue 13), for each beheerder role: the organisation's users with role and team, its
 * undeliverable addresses (one cleared here), the monitor figures as a chart with a text alternative and as a
 * table, and the CSV download. axe-core finds no violation; screenshots to test-output/.
 */
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callers, localApi, type TestApi } from '../support/api.js';
import { buildWeb, expectAccessible, HAS_BROWSER, launch, screenshot, signIn, WEB_DIST } from './browser.js';

let api: TestApi;
let browser: Browser;

beforeAll(async () => {
  if (!HAS_BROWSER) return;
  await buildWeb();
  api = await localApi({ now: '2026-11-23T09:00:00.000Z', webDir: WEB_DIST });
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

async function signedIn(person: RegExp, path = '/beheer'): Promise<Page> {
  const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${api.stack.api.url}${path}`);
  await signIn(page, person);
  await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Beheer' }).count(), { timeout: 15_000 }).toBe(1);
  return page;
}

describe.skipIf(!HAS_BROWSER)('Beheer in a real browser (issue 13)', { timeout: 180_000 }, () => {
  it('organisatiebeheerder: users, an undeliverable address cleared, the monitor chart, table and CSV', async () => {
    const event = JSON.parse(readFileSync(new URL('../fixtures/ses/bounce-permanent.json', import.meta.url), 'utf8'));
    const fed = await fetch(`${api.stack.api.url}/_dev/ses-event`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
    expect(fed.status, await fed.text()).toBeLessThan(300);
    const address = 'begeleider.een@hvo-querido.example';
    expect((await api.get('/organisations/za-hvo-querido/bounces', callers.beheerder)).body.items.map((b: { address: string }) => b.address)).toContain(address);

    const page = await signedIn(/Bea Beheer/);
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Anouk de Vries' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('row').filter({ hasText: 'Anouk de Vries' }).textContent()).toContain('team-west');
    expect(await page.getByRole('row').filter({ hasText: 'Bea Beheer' }).textContent()).toContain('Organisatiebeheerder');
    await expect.poll(() => page.getByRole('img', { name: /Urgenties aangevraagd per maand/ }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByRole('table', { name: 'Monitorcijfers per maand' }).count()).toBe(1);
    await expectAccessible(page, 'Beheer (organisatiebeheerder)');
    await screenshot(page, 'beheer-01-organisatiebeheerder');

    await page.getByRole('button', { name: `Vrijgeven: ${address}` }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: address }).filter({ hasText: 'Vrijgegeven' }).count(), { timeout: 15_000 }).toBe(1);
    const after = (await api.get('/organisations/za-hvo-querido/bounces', callers.beheerder)).body.items.find((b: { address: string }) => b.address === address);
    expect(after).toMatchObject({ suppressed: false });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download als CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('monitor-za-hvo-querido.csv');
    const path = await download.path();
    expect(readFileSync(path!, 'utf8')).toContain(';');
  });

  it('corporatiebeheerder: its own users and figures, no dossiers', async () => {
    const page = await signedIn(/Yara Beheer/);
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Cor Contact' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('row').filter({ hasText: 'Yara Beheer' }).textContent()).toContain('Beheerder woningcorporatie');
    await expect.poll(() => page.getByRole('table', { name: 'Monitorcijfers per maand' }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByText('Alle adressen zijn bestelbaar.').count()).toBe(1);
    await expectAccessible(page, 'Beheer (corporatiebeheerder)');
    await screenshot(page, 'beheer-02-corporatiebeheerder');
  });

  it('wonenbeheerder: its own users; the figures of a zorgaanbieder for its regio', async () => {
    const page = await signedIn(/Wim Beheer/);
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Willem Wonen' }).count(), { timeout: 15_000 }).toBe(1);
    await page.locator('#monitor-organisatie').fill('za-hvo-querido');
    await page.getByRole('button', { name: 'Toon cijfers' }).click();
    await expect.poll(() => page.getByText(/za-hvo-querido, regio amsterdam/).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByRole('table', { name: 'Monitorcijfers per maand' }).count()).toBe(1);
    await expectAccessible(page, 'Beheer (wonenbeheerder)');
    await screenshot(page, 'beheer-03-wonenbeheerder');
  });
});
