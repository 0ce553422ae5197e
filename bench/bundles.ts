/**
 * Bundle size and cold-start import time of EVERY function in functions/ (the directory is read, so a function added
 * later is measured without touching this file), bundled the way CDK bundles them (infra/constructs/functions.ts
 * nodeFunction: esbuild, minified, ESM, node22 target, packages' ES builds first, source map without sources, the
 * AWS SDK bundled; the banner and aliases from infra/bundling.ts, as CDK). Import time is measured in a fresh Node
 * process per function, median of 5; gzip is roughly what the deployment package costs. A function that fails to bundle or load is reported, and the
 * rest still run.
 *
 * Budgets (issue 15): every function ≤ 250 kB minified and ≤ 60 ms cold import on this machine; inbound-mail, which
 * parses MIME, ≤ 1 MB. Sizes are kB = 1000 bytes.
 *
 * The floor. Each function is printed beside the raw parts it competes with: the AWS SDK clients it bundles and zod,
 * bundled ALONE in the same run with the same settings (an entry that only exports each client class and zod with its
 * Dutch locale in a small schema) and imported the same way. The SDK's DynamoDB client alone is about 200 kB minified and zod about
 * 100 kB, so no function that reads the table can be 250 kB in total while the SDK is bundled; bundling it stays
 * because importing the unbundled SDK from node_modules (the runtime's copy, what `externalModules` would use) costs
 * more import time than the whole bundle (ARCHITECTURE.md "Bundles"). The budget is therefore held against what is
 * ours: own = total − floor, for bytes and import ms alike. The totals are printed too.
 *
 * A function over its budget is printed as OVER and makes the bench exit non-zero (it fails loudly; `npm run bench`
 * runs the other benches first). `--report` only prints. `npx tsx bench/bundles.ts [name …] [--report]
 * [--inputs[=N]]` measures only the named functions; `--inputs` also prints the N (default 15) biggest contributors of
 * each bundle (esbuild metafile, bytes in the output, per package or per source file).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
  /** The whole bundle. */
  bytes?: number;
  gzipBytes?: number;
  importMs?: number;
  /** The floor: the SDK clients and zod it includes, bundled and imported alone (see the top of this file). */
  floorBytes?: number;
  floorImportMs?: number;
  floorPackages?: string[];
  error?: string;
}

/** What the budget is held against: the bundle less its floor (the whole bundle when no floor was measured). */
export function ownShare(m: Measured): { bytes?: number; importMs?: number } {
  return {
    bytes: m.bytes === undefined ? undefined : m.bytes - (m.floorBytes ?? 0),
    importMs: m.importMs === undefined ? undefined : Math.max(0, m.importMs - (m.floorImportMs ?? 0)),
  };
}

/** What is over budget in a measurement, in words ('' when within); a failed bundle or load is over by definition. */
export function overBudget(m: Measured, budget: Budget = budgetOf(m.name)): string {
  if (m.error) return m.error;
  const own = ownShare(m);
  const over: string[] = [];
  if (own.bytes !== undefined && own.bytes > budget.bytes) over.push(`size +${((own.bytes - budget.bytes) / KB).toFixed(1)} kB`);
  if (own.importMs !== undefined && own.importMs > budget.importMs) over.push(`import +${(own.importMs - budget.importMs).toFixed(1)} ms`);
  return over.join(', ');
}

/**
 * The raw parts a bundle is measured against, and what of each the floor entry keeps: the client class (its
 * middleware stack, protocol and signer are what every call needs; a command adds a few hundred bytes) and zod as
 * shared/domain/forms/fields.ts configures it.
 */
export const FLOOR_USES: Record<string, string> = {
  '@aws-sdk/client-dynamodb': "export { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
  '@aws-sdk/lib-dynamodb': "export { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
  '@aws-sdk/client-s3': "export { S3Client } from '@aws-sdk/client-s3';",
  '@aws-sdk/client-sesv2': "export { SESv2Client } from '@aws-sdk/client-sesv2';",
  '@aws-sdk/client-sqs': "export { SQSClient } from '@aws-sdk/client-sqs';",
  '@aws-sdk/client-eventbridge': "export { EventBridgeClient } from '@aws-sdk/client-eventbridge';",
  '@aws-sdk/client-cognito-identity-provider': "export { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';",
  // A namespace re-export would keep all of zod (every locale); a small schema keeps what the functions' schemas use
  // (about 93 kB against the ~100 kB zod contributes to a function: the floor errs towards counting more as ours).
  zod: "import * as z from 'zod'; import nl from 'zod/v4/locales/nl.js'; z.config(nl()); export const floor = z.object({ text: z.string().min(1), count: z.number().int(), on: z.iso.date(), kind: z.enum(['a', 'b']), list: z.array(z.string()).optional() }).strict();",
};

/**
 * The floor packages a bundle carries: those with bytes in its output (esbuild lists every file it read among the
 * metafile's inputs, also what tree shaking then dropped, such as an S3 client a shared module imports but this
 * function never builds).
 */
export function floorPackages(metafile: Metafile): string[] {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint);
  const carried = Object.entries(output?.inputs ?? {}).filter(([, { bytesInOutput }]) => bytesInOutput > 0).map(([file]) => file);
  return Object.keys(FLOOR_USES).filter((pkg) => carried.some((file) => file.includes(`node_modules/${pkg}/`)));
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

const kB = (bytes: number | undefined) => (bytes === undefined ? '–' : (bytes / KB).toFixed(1));
const ms = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(1));

/** Bundles an entry exactly as CDK bundles a function. */
async function bundle(entry: { file: string } | { contents: string }, outfile: string, metafile: boolean): Promise<Metafile | undefined> {
  const result = await build({
    ...('file' in entry ? { entryPoints: [entry.file] } : { stdin: { contents: entry.contents, resolveDir: process.cwd(), loader: 'ts' as const } }),
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
    metafile,
    logLevel: 'silent',
  });
  return result.metafile;
}

/** Median cold import time of a bundle, each run in a fresh Node process. */
function importTime(outfile: string): number {
  const probe = join(dirname(outfile), 'probe.mjs');
  writeFileSync(probe, `const t = performance.now(); await import(${JSON.stringify(outfile)}); console.log(performance.now() - t);`);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, [probe], { env: { ...process.env, TABLE_NAME: 'bench' }, stdio: ['ignore', 'pipe', 'ignore'] });
    times.push(Number(out.toString().trim().split('\n').pop()));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)]!;
}

export async function main(args: string[] = process.argv.slice(2)): Promise<boolean> {
  const only = args.filter((a) => !a.startsWith('-'));
  const reportOnly = args.includes('--report');
  const inputsArg = args.find((a) => a.startsWith('--inputs'));
  const inputs = inputsArg ? Number(inputsArg.split('=')[1] ?? 15) : 0;
  const names = functionNames().filter((name) => only.length === 0 || only.includes(name));
  const out = mkdtempSync(join(tmpdir(), 'omslag-bundles-'));
  console.log(`\nFunction bundles (${names.length} functions in functions/; esbuild as CDK bundles them: minified ESM, SDK bundled; kB = 1000 B)`);
  console.log('floor = the SDK clients and zod the function includes, bundled alone in this run; the budget holds for own = total − floor');
  // Import times are wall-clock in a child process: on a shared machine they grow with its load, so say what it was.
  console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (import ms are only comparable with the budget near idle)`);
  console.log(
    'function'.padEnd(22) + 'total kB'.padStart(9) + 'floor'.padStart(7) + 'own'.padStart(7) + 'budget'.padStart(8) + 'gzip'.padStart(7) +
      `   import ms p50/${RUNS}:` + 'total'.padStart(7) + 'floor'.padStart(7) + 'own'.padStart(7) + 'budget'.padStart(8) + '  over budget',
  );
  const floors = new Map<string, { bytes: number; importMs: number }>();
  const floorOf = async (packages: string[]) => {
    const key = packages.join('+');
    if (!floors.has(key)) {
      const outfile = join(out, `floor-${floors.size}`, 'index.mjs');
      await bundle({ contents: packages.map((pkg) => FLOOR_USES[pkg]).join('\n') }, outfile, false);
      floors.set(key, { bytes: readFileSync(outfile).length, importMs: importTime(outfile) });
    }
    return floors.get(key)!;
  };
  const results: Measured[] = [];
  for (const name of names) {
    const outfile = join(out, name, 'index.mjs');
    const budget = budgetOf(name);
    const measured: Measured = { name };
    results.push(measured);
    let metafile: Metafile | undefined;
    try {
      metafile = await bundle({ file: join('functions', `${name}.ts`) }, outfile, true);
    } catch (error) {
      measured.error = `bundle failed: ${String((error as Error).message).split('\n')[0]}`;
      console.log(name.padEnd(22) + `  ${measured.error}`);
      continue;
    }
    const code = readFileSync(outfile);
    measured.bytes = code.length;
    measured.gzipBytes = gzipSync(code).length;
    measured.floorPackages = floorPackages(metafile!);
    try {
      measured.importMs = importTime(outfile);
      if (measured.floorPackages.length > 0) {
        const floor = await floorOf(measured.floorPackages);
        measured.floorBytes = floor.bytes;
        measured.floorImportMs = floor.importMs;
      }
    } catch {
      measured.error = 'load failed';
    }
    const own = ownShare(measured);
    const verdict = overBudget(measured);
    console.log(
      name.padEnd(22) + kB(measured.bytes).padStart(9) + kB(measured.floorBytes).padStart(7) + kB(own.bytes).padStart(7) + kB(budget.bytes).padStart(8) +
        kB(measured.gzipBytes).padStart(7) + ''.padStart(20) + ms(measured.importMs).padStart(7) + ms(measured.floorImportMs).padStart(7) +
        ms(own.importMs).padStart(7) + String(budget.importMs).padStart(8) + (verdict ? `  OVER: ${verdict}` : '  ok'),
    );
    if (inputs > 0) for (const [input, bytes] of contributors(metafile!, inputs)) console.log(''.padEnd(24) + kB(bytes).padStart(8) + '  ' + input);
  }
  for (const [packages, floor] of floors) console.log(`floor ${packages.replaceAll('@aws-sdk/', '')}: ${kB(floor.bytes)} kB, import ${ms(floor.importMs)} ms`);
  const over = results.filter((m) => overBudget(m));
  const total = results.reduce((sum, m) => sum + (m.bytes ?? 0), 0);
  console.log('total of all bundles'.padEnd(22) + kB(total).padStart(9) + ' kB');
  rmSync(out, { recursive: true, force: true });
  if (over.length === 0) {
    console.log(`All ${results.length} functions within budget.`);
    return true;
  }
  console.log(`\n${over.length} of ${results.length} functions OVER BUDGET: ${over.map((m) => `${m.name} (${overBudget(m)})`).join('; ')}`);
  if (!reportOnly) {
    console.error('bench/bundles: functions over budget: failing (--report only prints).');
    process.exitCode = 1;
  }
  return false;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
