import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { completeLockfile, missingOptionalDependencies, platformOf } from '../../scripts/complete-lockfile.js';

// CI installs with `npm ci`, which refuses a lockfile that leaves out an optional dependency.
describe('package-lock.json', () => {
  const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8'));

  it('names every optional dependency, so `npm ci` accepts it on a clean clone (fix: npm run lock:complete)', () => {
    expect(missingOptionalDependencies(lock)).toEqual([]);
  });

  it('completing an incomplete lockfile adds the foreign platforms as optional, skipped entries', () => {
    const incomplete = {
      packages: {
        '': {},
        'node_modules/rollup': { version: '4.0.0', dev: true, optionalDependencies: { '@rollup/rollup-linux-arm64-musl': '4.0.0' } },
      },
    };
    const completed = completeLockfile(incomplete);
    expect(completed.packages['node_modules/@rollup/rollup-linux-arm64-musl']).toEqual({
      version: '4.0.0', os: ['linux'], cpu: ['arm64'], libc: ['musl'], dev: true, optional: true,
    });
    expect(missingOptionalDependencies(completed)).toEqual([]);
  });

  it('reads the platform off a package name', () => {
    expect(platformOf('@rollup/rollup-win32-ia32-msvc')).toEqual({ os: ['win32'], cpu: ['ia32'] });
    expect(platformOf('@rollup/rollup-linux-x64-gnu')).toEqual({ os: ['linux'], cpu: ['x64'], libc: ['glibc'] });
  });
});
