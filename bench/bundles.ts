/**
 * Bundle size and cold-start import time of EVERY function in functions/ (the directory is read, so a function added
 * later is measured without touching this file), bundled the way CDK bundles them (infra/constructs/functions.ts
 * nodeFunction: esbuild, minified, ESM, node22 target, packages' ES builds first, source map without sources, the
 * AWS SDK bundled; the banner and aliases from infra/bundling.ts, as CDK). Import time is measured in a fresh Node
 * process per function, median of 5; gzip is roughly what the deployment package costs. A function that fails to bundle or load is reported, and the
 * rest still run.
 *
 * Budgets (issue 15): every function ≤ 250 kB minified and ≤ 60 ms cold import on this machine; inbound-mail, which
 * parses MIME, ≤ 1 MB. Sizes are kB = 1000 bytes. Every row is printed beside its budget, with what is over and by how
 * much. A function over budget makes the bench exit non-zero only with `--enforce` (not every budget is met yet:
 * see ARCHITECTURE.md "Bundles"); without it the bench prints the overs and exits 0.
 *
 * `npx tsx bench/bundles.ts [name …] [--enforce] [--inputs[=N]]` measures only the named functions; `--inputs` also
 * prints the N (default 15) biggest contributors of each bundle (esbuild metafile, bytes in the output, per package
 * or per source file).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { BUNDLE_ALIASES, ESM_REQUIRE_BANNER } from '../infra/bundling.js';

const RUNS = 5;
const KB = 1000;

export interface Budget {
  bytes: number;
  importMs: number;
}
export const DEFAULT_BUDGET: Budget = { bytes: 250 * KB, importMs: 60 };
/** The exceptions, each with its reason. */
export const BUDGETS: Record<string, Budget> = {
  // Parses MIME (mailparser with its encodings): issue 15 allows 1 MB.
  'inbound-mail': { bytes: 1000 * KB, importMs: 60 },
};
export const budgetOf = (name: string): Budget => BUDGETS[name] ?? DEFAULT_BUDGET;

export interface Measured {
  name: string;
  bytes?: number;
  gzipBytes?: number;
  importMs?: number;
  error?: string;
}

/** What is over budget in a measurement, in words ('' when within); a failed bundle or load is over by definition. */
export function overBudget(m: Measured, budget: Budget = budgetOf(m.name)): string {
  if (m.error) return m.error;
  const over: string[] = [];
  if (m.bytes !== undefined && m.bytes > budget.bytes) over.push(`size +${((m.bytes - budget.bytes) / KB).toFixed(1)} kB`);
  if (m.importMs !== undefined && m.importMs > budget.importMs) over.push(`import +${(m.importMs - budget.importMs).toFixed(1)} ms`);
  return over.join(', ');
}

export function functionNames(dir = 'functions'): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
}

/** The biggest contributors of a bundle: node_modules grouped per package, our own code per file. */
export function contributors(metafile: Metafile, top: number): [string, number][] {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint);
  const groups = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    const name = pkg ? pkg[1]! : file;
    groups.set(name, (groups.get(name) ?? 0) + bytesInOutput);
  }
  return [...groups].sort((a, b) => b[1] - a[1]).slice(0, top);
}

const kB = (bytes: number) => (bytes / KB).toFixed(1);

export async function main(args: string[] = process.argv.slice(2)): Promise<boolean> {
  const only = args.filter((a) => !a.startsWith('-'));
  const enforce = args.includes('--enforce');
  const inputsArg = args.find((a) => a.startsWith('--inputs'));
  const inputs = inputsArg ? Number(inputsArg.split('=')[1] ?? 15) : 0;
  const names = functionNames().filter((name) => only.length === 0 || only.includes(name));
  const out = mkdtempSync(join(tmpdir(), 'omslag-bundles-'));
  console.log(`\nFunction bundles (${names.length} functions in functions/; esbuild as CDK bundles them: minified ESM, SDK bundled; kB = 1000 B)`);
  // Import times are wall-clock in a child process: on a shared machine they grow with its load, so say what it was.
  console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (import ms are only comparable with the budget near idle)`);
  console.log(
    'function'.padEnd(24) + 'kB'.padStart(8) + 'budget'.padStart(8) + 'gzip kB'.padStart(9) + `import ms p50/${RUNS}`.padStart(17) + 'budget'.padStart(8) + '  over budget',
  );
  const results: Measured[] = [];
  for (const name of names) {
    const outfile = join(out, name, 'index.mjs');
    const budget = budgetOf(name);
    const measured: Measured = { name };
    results.push(measured);
    let metafile: Metafile | undefined;
    try {
      const result = await build({
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
        banner: { js: ESM_REQUIRE_BANNER },
        alias: BUNDLE_ALIASES,
        metafile: inputs > 0,
        logLevel: 'silent',
      });
      metafile = result.metafile;
    } catch (error) {
      measured.error = `bundle failed: ${String((error as Error).message).split('\n')[0]}`;
      console.log(name.padEnd(24) + `  ${measured.error}`);
      continue;
    }
    const code = readFileSync(outfile);
    measured.bytes = code.length;
    measured.gzipBytes = gzipSync(code).length;
    const probe = join(out, name, 'probe.mjs');
    writeFileSync(probe, `const t = performance.now(); await import(${JSON.stringify(outfile)}); console.log(performance.now() - t);`);
    const times: number[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        const ms = Number(execFileSync(process.execPath, [probe], { env: { ...process.env, TABLE_NAME: 'bench' }, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim().split('\n').pop());
        times.push(ms);
      }
      times.sort((a, b) => a - b);
      measured.importMs = times[Math.floor(RUNS / 2)]!;
    } catch {
      measured.error = 'load failed';
    }
    console.log(
      name.padEnd(24) +
        kB(measured.bytes).padStart(8) +
        kB(budget.bytes).padStart(8) +
        kB(measured.gzipBytes).padStart(9) +
        (measured.importMs === undefined ? 'load failed' : measured.importMs.toFixed(1)).padStart(17) +
        String(budget.importMs).padStart(8) +
        (overBudget(measured) ? `  OVER: ${overBudget(measured)}` : '  ok'),
    );
    if (metafile) for (const [input, bytes] of contributors(metafile, inputs)) console.log(''.padEnd(26) + kB(bytes).padStart(8) + '  ' + input);
  }
  const over = results.filter((m) => overBudget(m));
  const total = results.reduce((sum, m) => sum + (m.bytes ?? 0), 0);
  console.log('total'.padEnd(24) + kB(total).padStart(8));
  rmSync(out, { recursive: true, force: true });
  if (over.length === 0) {
    console.log(`All ${results.length} functions within budget.`);
    return true;
  }
  console.log(`\n${over.length} of ${results.length} functions OVER BUDGET: ${over.map((m) => `${m.name} (${overBudget(m)})`).join('; ')}`);
  if (enforce) {
    console.error('bench/bundles: functions over budget (--enforce): failing.');
    process.exitCode = 1;
  } else {
    console.log('(not enforced: run with --enforce to fail on it)');
  }
  return false;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
