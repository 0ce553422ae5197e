/**
 * For integration tests: the local AWS stand-ins, started once per test file and stopped after it.
 * Also points the SDK at them (applyLocalEnv), so code under test needs no endpoint configuration.
 */
import { afterAll } from 'vitest';
import { applyLocalEnv, startLocalServices, type LocalServices } from '../../shared/local/services.js';

let started: Promise<LocalServices> | undefined;

export async function withLocalServices(): Promise<LocalServices> {
  if (!started) {
    started = startLocalServices().then((s) => {
      applyLocalEnv(s);
      return s;
    });
    const mine = started;
    afterAll(async () => {
      await (await mine.catch(() => undefined))?.stop();
    });
  }
  return started;
}
