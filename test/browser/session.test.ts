/**
 * A long form survives the session (issue 12): with tokens that live 150 s, the werkplek saves the form's draft when
 * the access token is about to expire (two minutes before, as oidc-client-ts announces it) and renews the token with
 * the refresh token, so the person can go on and submit. No clock is read: the provider's lifetime is short instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callers, localApi, type TestApi } from '../support/api.js';
import { createCaseBody } from '../support/bodies.js';
import { buildWeb, HAS_BROWSER, launch, signIn, WEB_DIST } from './browser.js';
import type { Browser } from 'playwright-core';

let api: TestApi;
let browser: Browser;

beforeAll(async () => {
  if (!HAS_BROWSER) return;
  await buildWeb();
  api = await localApi({ now: '2026-11-23T09:00:00.000Z', webDir: WEB_DIST, tokenLifetimeSeconds: 150 });
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!HAS_BROWSER)('a session that outlives its access token', { timeout: 180_000 }, () => {
  it('saves the draft before the token expires, renews it, and the form can still be submitted', async () => {
    const created = await api.post('/cases', callers.begeleider, createCaseBody());
    const caseId = created.body.caseId as string;
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${api.stack.api.url}/cases/${caseId}/formulieren/aanvraag-urgentie`);
    await signIn(page, /Bram Begeleider/);
    await page.locator('#veld-trajecthouder').waitFor();
    const tokenBefore = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('oidc.user')).map((k) => JSON.parse(sessionStorage.getItem(k)!).access_token)[0]);
    await page.locator('#veld-trajecthouder').fill('A. Trajecthouder');

    // 150 s tokens are announced as expiring after 30 s: the draft is saved then, and the token renewed.
    await expect
      .poll(async () => (await api.get(`/cases/${caseId}/drafts/aanvraag-urgentie`, callers.begeleider)).body?.input?.trajecthouder, { timeout: 90_000, interval: 2_000 })
      .toBe('A. Trajecthouder');
    await expect
      .poll(() => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('oidc.user')).map((k) => JSON.parse(sessionStorage.getItem(k)!).access_token)[0]), { timeout: 60_000, interval: 2_000 })
      .not.toBe(tokenBefore);
    // The renewed token works: saving again goes through.
    await page.getByRole('button', { name: 'Opslaan als concept' }).click();
    await expect.poll(() => page.getByText(/Concept opgeslagen op/).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Inloggen' }).count()).toBe(0);
  });
});
