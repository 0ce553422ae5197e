/**
 * One concept, one place (issue 15 point 6), for the helpers that had copies: a scan, like wall-time.test.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

describe('one place', () => {
  it('escapes HTML only in shared/domain/mail/format.ts (escapeHtml, html``)', () => {
    // The entity table, or a replace over the five specials (the local sign-in page had one of its own).
    const escapers = ['shared', 'functions', 'scripts']
      .flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .filter((file) => {
        const text = readFileSync(file, 'utf8');
        return text.includes("'&amp;'") || text.includes(`replace(/[&<>"']/g`);
      })
      .map((file) => relative(ROOT, file));
    expect(escapers).toEqual(['shared/domain/mail/format.ts']);
  });

  it('loads the organisation directory only in shared/app/directory.ts (loadDirectory)', () => {
    const loaders = ['shared', 'functions']
      .flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .filter((file) => /from '[^']*organisations\.local\.json'/.test(readFileSync(file, 'utf8')) || /OrganisationDirectory\.parse\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(loaders).toEqual(['shared/app/directory.ts']);
  });
});
