/**
 * Bundle size and cold-start import time of every function, bundled the way CDK bundles them (esbuild, minified,
 * ESM, node22 target). Import time is measured in a fresh Node process per function, median of 5.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

export async function main(): Promise<void> {
  const names = readdirSync('functions').filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
  const out = mkdtempSync(join(tmpdir(), 'omslag-bundles-'));
  console.log('\nFunction bundles (esbuild, minified, ESM, SDK bundled)');
  console.log('function'.padEnd(28) + 'bundle KiB'.padStart(12) + 'import ms (p50 of 5)'.padStart(24));
  for (const name of names) {
    const outfile = join(out, name, 'index.mjs');
    await build({
      entryPoints: [join('functions', `${name}.ts`)],
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      outfile,
      banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
      logLevel: 'silent',
    });
    const size = statSync(outfile).size;
    const probe = join(out, name, 'probe.mjs');
    writeFileSync(probe, `const t = performance.now(); await import(${JSON.stringify(outfile)}); console.log(performance.now() - t);`);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const ms = Number(execFileSync(process.execPath, [probe], { env: { ...process.env, TABLE_NAME: 'bench' } }).toString().trim());
      times.push(ms);
    }
    times.sort((a, b) => a - b);
    console.log(name.padEnd(28) + (size / 1024).toFixed(1).padStart(12) + times[2]!.toFixed(1).padStart(24));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
