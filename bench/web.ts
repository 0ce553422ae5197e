/**
 * The werkplek: JS per route (gzip), from Vite's manifest of the production build — what a route loads is its chunk
 * plus every chunk it imports statically; the first page is the entry (sign-in, Mijn dossiers, Termijnen). Budget:
 * the first page ≤ 150 KB gzip JS, form pages split off. Then, in Debian's Chromium on the local stack, the time from
 * navigation to a usable dossier page (its heading and the forms list rendered), median of 5, beside the raw
 * operation it competes with: the same page's two API reads done with fetch.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'web', 'dist');
const FIRST_PAGE_BUDGET_KB = 150;
const RUNS = 5;

interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  css?: string[];
}

function gzipKb(file: string): number {
  return gzipSync(readFileSync(join(DIST, file))).length / 1024;
}

function closure(manifest: Record<string, ManifestChunk>, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) closure(manifest, dep, seen);
  return seen;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function main(): Promise<void> {
  await build({ root: join(ROOT, 'web'), configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'error', build: { manifest: true } });
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const first = closure(manifest, entryKey);
  const firstKb = [...first].reduce((sum, k) => sum + gzipKb(manifest[k]!.file), 0);
  console.log('\nWerkplek bundles (Vite production build, JS gzip KB; a route loads its chunk and what it imports)');
  console.log('route'.padEnd(34) + 'JS gzip KB'.padStart(12) + 'beyond first page'.padStart(20));
  console.log('first page (sign-in, dossiers, termijnen)'.padEnd(34) + firstKb.toFixed(1).padStart(12) + '-'.padStart(20));
  for (const [key, chunk] of Object.entries(manifest).filter(([, c]) => c.isDynamicEntry)) {
    const own = [...closure(manifest, key)].filter((k) => !first.has(k));
    const kb = own.reduce((sum, k) => sum + gzipKb(manifest[k]!.file), 0);
    console.log(`${chunk.src?.replace('src/pages/', '') ?? key}`.padEnd(34) + (firstKb + kb).toFixed(1).padStart(12) + `+${kb.toFixed(1)}`.padStart(20));
  }
  console.log(`budget: first page ≤ ${FIRST_PAGE_BUDGET_KB} KB gzip → ${firstKb <= FIRST_PAGE_BUDGET_KB ? 'met' : 'OVER BUDGET'}`);
  await dossierTiming();
  if (firstKb > FIRST_PAGE_BUDGET_KB) process.exitCode = 1;
}

async function dossierTiming(): Promise<void> {
  const { existsSync } = await import('node:fs');
  const { CHROMIUM, launch } = await import('../test/browser/chromium.js');
  if (!existsSync(CHROMIUM)) {
    console.log(`dossier page timing skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
    return;
  }
  const { startLocalStack } = await import('../shared/local/stack.js');
  const stack = await startLocalStack({ webDir: DIST });
  const browser = await launch();
  try {
    const token = await stack.token({ organisationId: 'za-hvo-querido', role: 'begeleider', sub: 'begeleider-1' });
    const created = await fetch(`${stack.api.url}/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ regio: 'amsterdam', route: 'MO', doelgroep: 'volwassene', clientPseudonym: 'B.M.' }),
    });
    const { caseId } = (await created.json()) as { caseId: string };
    const page = await (await browser.newContext()).newPage();
    await page.goto(stack.api.url);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByLabel(/Bram Begeleider/).check();
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn dossiers' }).waitFor();
    const browserMs: number[] = [];
    const rawMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await page.goto(`${stack.api.url}/cases/${caseId}`);
      await page.getByRole('heading', { level: 2, name: 'Formulieren die u nu kunt indienen' }).waitFor();
      browserMs.push(performance.now() - t0);
      const t1 = performance.now();
      const headers = { authorization: `Bearer ${token}` };
      await Promise.all([fetch(`${stack.api.url}/api/cases/${caseId}`, { headers }).then((r) => r.text()), fetch(`${stack.api.url}/api/cases/${caseId}/deadlines`, { headers }).then((r) => r.text())]);
      rawMs.push(performance.now() - t1);
    }
    console.log('\nDossier page in Chromium on the local stack (navigation → heading and forms list rendered), median of 5');
    console.log(`  usable dossier page ${median(browserMs).toFixed(0)} ms   vs   its API reads alone (fetch) ${median(rawMs).toFixed(0)} ms`);
  } finally {
    await browser.close();
    await stack.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
