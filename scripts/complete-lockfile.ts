/**
 * The npm registry this project is built against serves only the linux-x64 builds of
 * platform packages (rollup's native binaries). `npm install` then leaves the other
 * platforms' optional entries out of package-lock.json, and `npm ci` on a clean clone
 * refuses the lockfile as "out of sync". This adds the missing optional entries with
 * their os/cpu/libc, so every npm skips them as foreign platforms instead of fetching.
 *
 *   npm run lock:complete        after any `npm install` that touched the lockfile
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type LockEntry = {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  license?: string;
  optionalDependencies?: Record<string, string>;
};
type Lockfile = { packages: Record<string, LockEntry> };

const OPERATING_SYSTEMS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32', 'sunos', 'aix', 'netbsd'];
const CPUS = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el'];

/** Where `name` resolves from `fromPath` in node's lookup order, or undefined. */
function resolveEntry(packages: Lockfile['packages'], fromPath: string, name: string): string | undefined {
  let base = fromPath;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent < 0 ? '' : base.slice(0, parent);
  }
}

/** Optional dependencies that no lockfile entry satisfies, with the entry that wants them. */
export function missingOptionalDependencies(lock: Lockfile): Array<{ name: string; version: string; wantedBy: string }> {
  const missing = new Map<string, { name: string; version: string; wantedBy: string }>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
      if (!resolveEntry(lock.packages, path, name)) missing.set(name, { name, version, wantedBy: path });
    }
  }
  return [...missing.values()];
}

/** os/cpu/libc read off a platform package's name, e.g. `@rollup/rollup-linux-arm64-musl`. */
export function platformOf(name: string): Pick<LockEntry, 'os' | 'cpu' | 'libc'> {
  const tokens = name.split('/').pop()!.split('-');
  const os = tokens.find((token) => OPERATING_SYSTEMS.includes(token));
  const cpu = tokens.find((token) => CPUS.includes(token));
  if (!os || !cpu) throw new Error(`cannot tell the platform of ${name}; add its lockfile entry by hand`);
  const abi = tokens.find((token) => /^(gnu|musl)/.test(token));
  return { os: [os], cpu: [cpu], ...(os === 'linux' && abi ? { libc: [abi.startsWith('musl') ? 'musl' : 'glibc'] } : {}) };
}

export function completeLockfile(lock: Lockfile): Lockfile {
  const added = Object.fromEntries(
    missingOptionalDependencies(lock).map(({ name, version, wantedBy }) => {
      const wanting = lock.packages[wantedBy];
      return [`node_modules/${name}`, { version, ...platformOf(name), ...(wanting?.dev ? { dev: true } : {}), optional: true }];
    }),
  );
  const packages = Object.entries({ ...lock.packages, ...added }).sort(([a], [b]) =>
    a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
  );
  return { ...lock, packages: Object.fromEntries(packages) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = new URL('../package-lock.json', import.meta.url);
  const before = JSON.parse(readFileSync(file, 'utf8')) as Lockfile;
  const count = missingOptionalDependencies(before).length;
  writeFileSync(file, `${JSON.stringify(completeLockfile(before), null, 2)}\n`);
  console.log(count ? `added ${count} optional platform entries to package-lock.json` : 'package-lock.json is complete');
}
