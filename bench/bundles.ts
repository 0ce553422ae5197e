/**
 * Bundle size and cold-start import time of EVERY function in functions/ (the directory is read, so a function added
 * later is measured without touching this file), bundled the way CDK bundles them (infra/constructs/functions.ts
 * nodeFunction: esbuild, minified, ESM, node22 target, packages' ES builds first, the createRequire banner, source
 * map without sources). Import time is measured in a fresh Node process per function, median of 5; gzip is roughly
 * what the deployment package costs. A function that fails to bundle or load is reported, and the rest still run.
 *
 * `npx tsx bench/bundles.ts [name …]` measures only the named functions.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Same as ESM_REQUIRE_BANNER in infra/constructs/functions.ts. */
const BANNER = "import { createRequire as __bannerCreateRequire } from 'node:module'; const require = __bannerCreateRequire(import.meta.url);";
const RUNS = 5;

export function functionNames(dir = 'functions'): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
}

export async function main(only: string[] = process.argv.slice(2).filter((a) => !a.startsWith('-'))): Promise<void> {
  const names = functionNames().filter((name) => only.length === 0 || only.includes(name));
  const out = mkdtempSync(join(tmpdir(), 'omslag-bundles-'));
  console.log(`\nFunction bundles (${names.length} functions in functions/; esbuild as CDK bundles them: minified ESM, SDK bundled)`);
  console.log('function'.padEnd(28) + 'bundle KiB'.padStart(12) + 'gzip KiB'.padStart(10) + `import ms (p50 of ${RUNS})`.padStart(24));
  let total = 0;
  for (const name of names) {
    const outfile = join(out, name, 'index.mjs');
    try {
      await build({
        entryPoints: [join('functions', `${name}.ts`)],
        bundle: true,
        minify: true,
        platform: 'node',
        target: 'node22',
        format: 'esm',
        mainFields: ['module', 'main'],
        sourcemap: true,
        sourcesContent: false,
        outfile,
        banner: { js: BANNER },
        logLevel: 'silent',
      });
    } catch (error) {
      console.log(name.padEnd(28) + `  bundle failed: ${String((error as Error).message).split('\n')[0]}`);
      continue;
    }
    const size = statSync(outfile).size;
    const gzip = gzipSync(readFileSync(outfile)).length;
    total += size;
    const probe = join(out, name, 'probe.mjs');
    writeFileSync(probe, `const t = performance.now(); await import(${JSON.stringify(outfile)}); console.log(performance.now() - t);`);
    const times: number[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        const ms = Number(execFileSync(process.execPath, [probe], { env: { ...process.env, TABLE_NAME: 'bench' }, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim().split('\n').pop());
        times.push(ms);
      }
    } catch {
      console.log(name.padEnd(28) + (size / 1024).toFixed(1).padStart(12) + (gzip / 1024).toFixed(1).padStart(10) + 'load failed'.padStart(24));
      continue;
    }
    times.sort((a, b) => a - b);
    console.log(name.padEnd(28) + (size / 1024).toFixed(1).padStart(12) + (gzip / 1024).toFixed(1).padStart(10) + times[Math.floor(RUNS / 2)]!.toFixed(1).padStart(24));
  }
  console.log('total'.padEnd(28) + (total / 1024).toFixed(1).padStart(12));
  rmSync(out, { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
