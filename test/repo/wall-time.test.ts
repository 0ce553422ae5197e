/**
 * Time comes from the Clock (issue 11). A source scan, not a lint rule: the repo has no linter, and a scan over the
 * files that ship (shared/, functions/, infra/, scripts/) is enough to catch a new `Date.now()`. Only
 * shared/domain/clock.ts may read the machine's time; bench/ measures durations and is not scanned.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SCANNED = ['shared', 'functions', 'infra', 'scripts', 'web/src'];
const ALLOWED = new Set(['shared/domain/clock.ts']);
/** Each reads wall time or a timer: `Date.now()`, a bare `new Date()`, `Date()` called as a function, `performance.now()`. */
const WALL_TIME = [/\bDate\.now\s*\(/, /\bnew\s+Date\s*\(\s*\)/, /(?<![.\w])Date\s*\(\s*\)/, /\bperformance\.now\s*\(/];

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const full = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|js|mjs)$/.test(name) ? [full] : [];
  });
}

/** The offending lines of a source text, comments stripped so a comment may name what it forbids. */
export function wallTimeReads(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return code.split('\n').flatMap((line, i) => (WALL_TIME.some((re) => re.test(line)) ? [`${i + 1}: ${line.trim()}`] : []));
}

describe('time comes from the Clock', () => {
  it('recognises every way of reading wall time, and not a date built from a value', () => {
    expect(wallTimeReads('const a = Date.now();')).toHaveLength(1);
    expect(wallTimeReads('const a = new Date();')).toHaveLength(1);
    expect(wallTimeReads('const a = Date();')).toHaveLength(1);
    expect(wallTimeReads('const a = performance.now();')).toHaveLength(1);
    expect(wallTimeReads('const a = new Date(clock.now()); // not Date.now()')).toEqual([]);
    expect(wallTimeReads('/** never `new Date()` */ const a = Date.parse(x);')).toEqual([]);
  });

  it('no code outside shared/domain/clock.ts reads the machine’s time', () => {
    const offenders = SCANNED.flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .map((file) => relative(ROOT, file))
      .filter((file) => !ALLOWED.has(file))
      .flatMap((file) => wallTimeReads(readFileSync(join(ROOT, file), 'utf8')).map((line) => `${file}:${line}`));
    expect(offenders).toEqual([]);
  });
});
