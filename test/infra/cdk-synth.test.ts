/**
 * `cdk synth --quiet` through the real CLI (the 2.x CLI in devDependencies, with cdk.json's app, context and
 * settings) must succeed offline. Where the machine allows it (root with util-linux `unshare`), the CLI runs in a
 * network namespace of its own with no interfaces, which proves that nothing on the way asks the network.
 *
 * Slow by nature (the CLI starts tsx, which loads the app and bundles every function): ~10–15 s here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/constructs/functions.js';

const outdir = mkdtempSync(join(tmpdir(), 'omslagroute-cdk-cli-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

function canIsolateNetwork(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  return spawnSync('unshare', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
}

it('cdk synth --quiet exits 0 offline and writes both stacks', () => {
  // The same binary `npx cdk` resolves to, without npm's own start-up.
  const cli = [join(PROJECT_ROOT, 'node_modules', '.bin', 'cdk'), 'synth', '--quiet', '--output', outdir];
  const isolated = canIsolateNetwork();
  const [command, ...args] = isolated ? ['unshare', '-n', ...cli] : cli;

  const started = performance.now();
  const result = spawnSync(command!, args, {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: '1' },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.info(`[infra] cdk synth --quiet (CLI${isolated ? ', no network namespace' : ''}): ${seconds} s`);

  expect(result.error, String(result.error)).toBeUndefined();
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  const files = readdirSync(outdir);
  expect(files).toEqual(expect.arrayContaining(['Omslagroute-dev-Stateful.template.json', 'Omslagroute-dev-Api.template.json', 'manifest.json']));
}, 180_000);
