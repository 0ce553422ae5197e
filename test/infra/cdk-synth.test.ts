/**
 * `cdk synth --quiet` through the real CLI (the 2.x CLI in devDependencies, with cdk.json's app, context and
 * settings) must succeed offline. Where the machine allows it (root with util-linux `unshare`), the CLI runs in a
 * network namespace of its own with no interfaces, which proves that nothing on the way asks the network.
 *
 * Slow by nature (the CLI starts tsx, which loads the app and bundles every function): ~10–15 s on a quiet machine;
 * 158 s measured with the machine's load at 20 (2026-12), hence the generous timeout.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

it('cdk synth --quiet exits 0 offline and writes both stacks', async () => {
  // The same binary `npx cdk` resolves to, without npm's own start-up.
  const cli = [join(PROJECT_ROOT, 'node_modules', '.bin', 'cdk'), 'synth', '--quiet', '--output', outdir];
  const isolated = canIsolateNetwork();
  const [command, ...args] = isolated ? ['unshare', '-n', ...cli] : cli;

  const started = performance.now();
  // Asynchronous: a synchronous spawn blocks the test worker, and past a minute (a loaded machine) vitest's worker RPC
  // times out and fails the run.
  const result = await new Promise<{ status: number | null; stdout: string; stderr: string; error?: Error }>((resolve) => {
    const child = spawn(command!, args, {
      cwd: PROJECT_ROOT,
      timeout: 300_000,
      env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => resolve({ status: null, stdout, stderr, error }));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.info(`[infra] cdk synth --quiet (CLI${isolated ? ', no network namespace' : ''}): ${seconds} s`);

  expect(result.error, String(result.error)).toBeUndefined();
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  const files = readdirSync(outdir);
  expect(files).toEqual(expect.arrayContaining(['Omslagroute-dev-Stateful.template.json', 'Omslagroute-dev-Api.template.json', 'manifest.json']));
  // The login domain and the web hosting are in what the CLI writes (with or without a built web/dist).
  const types = (file: string) => Object.values(JSON.parse(readFileSync(join(outdir, file), 'utf8')).Resources as Record<string, { Type: string }>).map((r) => r.Type);
  expect(types('Omslagroute-dev-Stateful.template.json')).toEqual(expect.arrayContaining(['AWS::Cognito::UserPoolDomain', 'AWS::Cognito::ManagedLoginBranding']));
  expect(types('Omslagroute-dev-Api.template.json')).toEqual(expect.arrayContaining(['AWS::CloudFront::Distribution', 'AWS::CloudFront::OriginAccessControl']));
}, 300_000);
