/**
 * Browser tests drive Debian's Chromium (`apt-get install chromium`; nothing can download a browser here) with
 * playwright-core against the local stack serving the werkplek's real build. With CI=true a missing browser fails
 * the run; on a developer's machine without Chromium the browser tests are skipped and say so.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, HAS_BROWSER } from './chromium.js';
import { build } from 'vite';
import { expect } from 'vitest';

export { CHROMIUM, HAS_BROWSER, launch } from './chromium.js';
if (!HAS_BROWSER && process.env.CI) throw new Error(`CI=true but no Chromium at ${CHROMIUM}: .ci/run installs it with apt-get install -y chromium`);

const ROOT = join(import.meta.dirname, '..', '..');
export const WEB_DIST = join(ROOT, 'web', 'dist');
/** Screenshots of every page the walks visit: test output, not committed. */
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');

/** The werkplek's production build, made once per run (the same command as `npm run build:web`). */
export async function buildWeb(): Promise<void> {
  await build({ root: join(ROOT, 'web'), configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core in the page, WCAG 2.x A and AA (and 2.2) rules: no violation may be found. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.addScriptTag({ content: AXE_SOURCE }).catch(async () => {
    // The app's CSP forbids inline scripts (as it should): evaluate axe in the page's context instead.
    await page.evaluate(AXE_SOURCE);
  });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
  });
  expect(violations, `axe-core on ${what}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Sign in through the werkplek's sign-in page and the local OpenID provider's person chooser. The wait is generous
 * because the browser files run side by side on two cores: a cold page can take seconds to draw, which is load, not
 * a fault of the page.
 */
export async function signIn(page: Page, person: RegExp): Promise<void> {
  try {
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Inloggen' }).count(), { timeout: 30_000 }).toBe(1);
  } catch (error) {
    // What the page showed instead: the first thing to look at when this fails in CI.
    await screenshot(page, `mislukt-inloggen-${person.source.replace(/\W+/g, '-')}`).catch(() => undefined);
    throw new Error(`No sign-in page at ${page.url()}: ${(await page.locator('body').innerText().catch(() => '')).slice(0, 300)}`, { cause: error });
  }
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByLabel(person).check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

export const idOf = (path: string) => `#veld-${path.replace(/\./g, '-')}`;

/** Ticks a radio button or checkbox by clicking its label, as a person does (the design system styles the input away). */
export async function choose(page: Page, input: ReturnType<Page['locator']>): Promise<void> {
  if (await input.isChecked()) return;
  await page.locator(`label[for="${await input.getAttribute('id')}"]`).click();
}

/** Fills a generated form from a body as the API takes it: text by its field, choices by their option. */
export async function fillForm(page: Page, values: Record<string, unknown>, prefix = ''): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value === undefined) continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      await fillForm(page, value as Record<string, unknown>, path);
    } else if (Array.isArray(value)) {
      for (const option of value) await choose(page, page.locator(`input[name="${path}"][value="${String(option)}"]`));
    } else {
      const option = page.locator(`input[name="${path}"][value="${String(value)}"]`);
      if (typeof value === 'boolean') {
        if ((await option.count()) > 0) await choose(page, option); // Ja/Nee
        else if (value) await choose(page, page.locator(idOf(path))); // a single akkoord checkbox
      } else if (typeof value === 'string' && (await option.count()) > 0) {
        await choose(page, option);
      } else if ((await page.locator(`select${idOf(path)}`).count()) > 0) {
        await page.locator(idOf(path)).selectOption(String(value));
      } else {
        await page.locator(idOf(path)).fill(String(value));
      }
    }
  }
}

export async function openForm(page: Page, title: string): Promise<void> {
  await page.getByRole('link', { name: title, exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name: title }).count(), { timeout: 15_000 }).toBe(1);
}
