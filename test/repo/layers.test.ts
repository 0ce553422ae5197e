/**
 * The layers of ARCHITECTURE.md ("Layers: who may import whom", issue 15), held by a scan of every import in
 * shared/, functions/ and web/src (static, `export … from`, `import type` and `import()` alike: TypeScript's own
 * pre-processor finds them, so comments and strings do not fool it). What the code does against the picture today is
 * the allow-list below, each entry naming the issue-15 point that removes it. The list may only shrink: an entry that
 * no longer occurs fails the test too, so a fixed import is taken off the list in the same change.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SCANNED = ['shared', 'functions', 'web/src'];

/** package.json "imports". */
const ALIASES: Record<string, string> = {
  '#domain/': 'shared/domain/',
  '#adapters/': 'shared/adapters/',
  '#http/': 'shared/http/',
  '#app/': 'shared/app/',
  '#config/': 'shared/config/',
  '#observability/': 'shared/observability/',
  '#lib/': 'shared/lib/',
};

type Layer =
  | 'domain' | 'app' | 'ports' | 'root' | 'adapters' | 'http' | 'functions' | 'local' | 'observability' | 'config'
  | 'lib' | 'web' | 'infra' | 'zod' | 'node' | 'aws-sdk' | 'package';

/** Which layer a repo-relative path (or `pkg:<specifier>`) belongs to. */
export function layerOf(target: string): Layer {
  if (target.startsWith('pkg:')) {
    const spec = target.slice(4);
    if (spec === 'zod' || spec.startsWith('zod/')) return 'zod';
    if (spec.startsWith('node:')) return 'node';
    if (spec.startsWith('@aws-sdk/') || spec.startsWith('@smithy/')) return 'aws-sdk';
    return 'package';
  }
  const parts = target.split('/');
  if (parts[0] === 'shared') {
    switch (parts[1]) {
      case 'domain': return 'domain';
      case 'app':
        // The one composition root (issue 15 point 2): buildDeps.
        if (parts.length === 3 && parts[2]?.startsWith('composition-root.')) return 'root';
        if (parts.at(-1)?.startsWith('ports.')) return 'ports';
        return 'app';
      case 'adapters': return 'adapters';
      case 'http': return 'http';
      case 'local': return 'local';
      case 'observability': return 'observability';
      case 'config': return 'config';
      case 'lib': return 'lib';
    }
  }
  if (parts[0] === 'config') return 'config';
  if (parts[0] === 'functions') return 'functions';
  if (parts[0] === 'web') return 'web';
  if (parts[0] === 'infra') return 'infra';
  throw new Error(`No layer for ${target}`);
}

const COMMON: Layer[] = ['domain', 'zod', 'node', 'package', 'observability', 'config', 'lib'];
/** The picture: what each layer may import (itself always). */
export const MAY_IMPORT: Record<Layer, Layer[] | 'anything'> = {
  domain: ['zod'],
  app: [...COMMON, 'ports'],
  ports: [...COMMON, 'app'],
  adapters: [...COMMON, 'ports', 'aws-sdk'],
  root: [...COMMON, 'app', 'ports', 'adapters', 'aws-sdk'],
  http: [...COMMON, 'app', 'ports'],
  functions: [...COMMON, 'http', 'app', 'ports', 'root'],
  observability: ['domain', 'zod', 'node', 'config'],
  config: ['zod', 'node'],
  // Generic machinery (file signatures, …): knows formats, not the route; everything but the domain and the web app may use it.
  lib: ['zod', 'node', 'package'],
  local: ['lib', 'domain', 'zod', 'node', 'package', 'observability', 'config', 'app', 'ports', 'root', 'adapters', 'aws-sdk', 'http', 'functions'],
  web: ['domain', 'zod', 'package'],
  infra: 'anything',
  zod: 'anything',
  node: 'anything',
  'aws-sdk': 'anything',
  package: 'anything',
};

/** The import specifiers of a source text. */
export function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** A specifier imported from `from` (repo-relative), as a repo-relative path or `pkg:<specifier>`. */
export function resolveImport(from: string, spec: string, exists: (path: string) => boolean = (p) => existsSync(join(ROOT, p))): string {
  const alias = Object.keys(ALIASES).find((prefix) => spec.startsWith(prefix));
  let target: string;
  if (alias) target = ALIASES[alias] + spec.slice(alias.length);
  else if (spec.startsWith('.')) target = normalize(join(dirname(from), spec));
  else return `pkg:${spec}`;
  // Sources import `x.js` for `x.ts` (NodeNext); the file on disk is what the picture is about.
  for (const candidate of [target.replace(/\.js$/, '.ts'), target.replace(/\.js$/, '.tsx'), target]) if (exists(candidate)) return candidate;
  return target;
}

export interface Violation {
  from: string;
  to: string;
  rule: string;
}

/** Every import of the given files that goes against MAY_IMPORT. */
export function violations(files: { path: string; source: string }[], exists?: (path: string) => boolean): Violation[] {
  const found: Violation[] = [];
  for (const file of files) {
    const fromLayer = layerOf(file.path);
    const allowed = MAY_IMPORT[fromLayer];
    for (const spec of importsOf(file.source)) {
      const to = resolveImport(file.path, spec, exists);
      const toLayer = layerOf(to);
      if (allowed === 'anything' || toLayer === fromLayer || allowed.includes(toLayer)) continue;
      found.push({ from: file.path, to, rule: `${fromLayer} → ${toLayer}` });
    }
  }
  return found;
}

/**
 * Today's imports against the picture. Each names the issue-15 point whose work removes it; only take entries off.
 * Keyed `from -> to` (repo-relative paths).
 */
export const ALLOWED_TODAY: Record<string, string> = {};

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(join(ROOT, dir));
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(name) ? [path] : [];
  });
}

const key = (v: Violation) => `${v.from} -> ${v.to}`;

describe('the checker', () => {
  const fake = (path: string, source: string, known: string[] = []) =>
    violations([{ path, source }], (p) => known.includes(p)).map((v) => `${key(v)} (${v.rule})`);

  it('finds every kind of import, and none in comments or strings', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '#adapters/dynamo/b.js';",
      "export { c } from '../c.js';",
      "export * from './d.js';",
      "const e = await import('./e.js');",
      "import './side-effect.js';",
      "// import { x } from './commented.js';",
      "const s = \"import { y } from './in-a-string.js'\";",
    ].join('\n');
    expect(importsOf(source)).toEqual(['./a.js', '#adapters/dynamo/b.js', '../c.js', './d.js', './e.js', './side-effect.js']);
  });

  it('resolves aliases and .js → .ts, and names packages', () => {
    expect(resolveImport('shared/app/x.ts', '#adapters/dynamo/client.js', (p) => p === 'shared/adapters/dynamo/client.ts')).toBe('shared/adapters/dynamo/client.ts');
    expect(resolveImport('shared/app/wonen/x.ts', '../../domain/case.js', (p) => p === 'shared/domain/case.ts')).toBe('shared/domain/case.ts');
    expect(resolveImport('shared/domain/x.ts', '../../config/holidays/a.json', () => true)).toBe('config/holidays/a.json');
    expect(resolveImport('shared/domain/x.ts', 'zod/v4/locales/nl.js')).toBe('pkg:zod/v4/locales/nl.js');
  });

  it('fails a domain file that imports anything but zod and itself', () => {
    expect(fake('shared/domain/new.ts', "import { z } from 'zod';\nimport { a } from './case.js';")).toEqual([]);
    expect(fake('shared/domain/new.ts', "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';")).toEqual([
      'shared/domain/new.ts -> pkg:@aws-sdk/client-dynamodb (domain → aws-sdk)',
    ]);
    expect(fake('shared/domain/new.ts', "import { createHash } from 'node:crypto';")).toHaveLength(1);
    expect(fake('shared/domain/new.ts', "import type { Deps } from '../app/ports.js';", ['shared/app/ports.ts'])).toEqual([
      'shared/domain/new.ts -> shared/app/ports.ts (domain → ports)',
    ]);
  });

  it('fails a use case that imports an adapter, and lets the composition root do it', () => {
    const known = ['shared/adapters/dynamo/client.ts'];
    expect(fake('shared/app/new-use-case.ts', "import { documentClient } from '#adapters/dynamo/client.js';", known)).toEqual([
      'shared/app/new-use-case.ts -> shared/adapters/dynamo/client.ts (app → adapters)',
    ]);
    expect(fake('shared/app/composition-root.ts', "import { documentClient } from '#adapters/dynamo/client.js';", known)).toEqual([]);
  });

  it('fails an adapter that imports a use case, and lets it implement a port', () => {
    const known = ['shared/app/submit-form.ts', 'shared/app/ports.ts', 'shared/app/wonen/ports.ts'];
    expect(fake('shared/adapters/dynamo/new-store.ts', "import { submitForm } from '../../app/submit-form.js';", known)).toEqual([
      'shared/adapters/dynamo/new-store.ts -> shared/app/submit-form.ts (adapters → app)',
    ]);
    expect(fake('shared/adapters/dynamo/new-store.ts', "import type { CaseStore } from '../../app/ports.js';\nimport type { X } from '#app/wonen/ports.js';", known)).toEqual([]);
  });

  it('fails a handler that builds an adapter, and web code that reaches past the domain', () => {
    expect(fake('functions/new-function.ts', "import { mailer } from '#adapters/ses/mailer.js';")).toEqual([
      'functions/new-function.ts -> shared/adapters/ses/mailer.js (functions → adapters)',
    ]);
    expect(fake('web/src/pages/New.tsx', "import { phaseLabel } from '#domain/phases.js';\nimport { useState } from 'react';")).toEqual([]);
    expect(fake('web/src/pages/New.tsx', "import { appDeps } from '#app/composition-root.js';")).toHaveLength(1);
  });
});

describe('the layers of ARCHITECTURE.md', () => {
  const files = SCANNED.flatMap((dir) => sourceFiles(dir)).map((path) => ({ path: relative(ROOT, join(ROOT, path)), source: readFileSync(join(ROOT, path), 'utf8') }));
  const found = violations(files);

  it('scans the code', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('has no import against the picture beyond the allow-list', () => {
    const fresh = found.filter((v) => !(key(v) in ALLOWED_TODAY)).map((v) => `${key(v)} (${v.rule})`);
    expect(fresh, 'an import against ARCHITECTURE.md "Layers": fix it, do not add it to ALLOWED_TODAY').toEqual([]);
  });

  it('imports zod as a namespace on the server: esbuild cannot shake `import { z }`, which bundles every locale (~440 kB of zod per function)', () => {
    const named = files
      .filter((f) => !f.path.startsWith('web/') && /^\s*import\s*\{[^}]*\bz\b[^}]*\}\s*from\s*'zod'/m.test(f.source))
      .map((f) => f.path);
    expect(named, "write `import * as z from 'zod'` (bench/bundles.ts)").toEqual([]);
  });

  it('lists nothing on the allow-list that no longer happens (the list only shrinks)', () => {
    const present = new Set(found.map(key));
    const stale = Object.keys(ALLOWED_TODAY).filter((entry) => !present.has(entry));
    expect(stale, 'fixed: take these off ALLOWED_TODAY').toEqual([]);
  });
});
