/**
 * The OpenAPI documents tell the truth about responses (issue 14 point 13): every operation documents its success
 * answer with a named schema (no bare `{"type":"object"}`), every schema of the document is valid JSON Schema (Ajv,
 * strict), closed objects refuse an undocumented field, and the dev endpoints are in a document of their own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { deadlineViewSchema, type DeadlineView } from '../../shared/app/deadlines.js';
import type { SameType } from '../../shared/domain/same-type.js';
import { openApiDocument } from '../../shared/http/openapi.js';
import { DEV_ENDPOINTS, devOpenApiDocument } from '../../shared/local/dev-openapi.js';
import { OIDC_PATH } from '../../shared/local/oidc.js';
import { OpenApiContract } from '../support/openapi-contract.js';

type Json = Record<string, any>;
const doc = openApiDocument() as Json;
const dev = devOpenApiDocument() as Json;

describe('the production document', () => {
  const contract = new OpenApiContract(doc);

  it('is valid JSON Schema throughout: every schema compiles (Ajv 2020, strict)', () => {
    expect(contract.compileAll()).toBeGreaterThan(200);
  });

  it('documents a named success schema for every operation, never a bare object', () => {
    for (const [method, path, op] of contract.operations()) {
      const success = Object.entries<Json>(op.responses).filter(([status]) => status.startsWith('2'));
      expect(success, `${method} ${path}`).toHaveLength(1);
      const [status, response] = success[0]!;
      if (status === '204') continue;
      expect(response.content['application/json'].schema.$ref, `${method} ${path}`).toMatch(/^#\/components\/schemas\/\w+$/);
    }
    expect(JSON.stringify(doc.paths)).not.toContain('{"schema":{"type":"object"}}');
  });

  it('documents problem+json for each error status an operation can answer', () => {
    const op = doc.paths['/cases/{caseId}/forms/afmelding'].post;
    expect(Object.keys(op.responses).sort()).toEqual(['201', '400', '401', '403', '404', '409', '412', '413', '422', '503']);
    expect(Object.keys(doc.paths['/cases/{caseId}'].get.responses).sort()).toEqual(['200', '401', '403', '404', '503']);
    expect(doc.paths['/cases/{caseId}'].get.responses['404'].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
  });

  it('shows what the werkplek reads: dueDate, werkdagenLeft, the timeline, cursors', () => {
    const s = doc.components.schemas;
    expect(s.CaseDeadlines.properties.deadlines.items.properties).toHaveProperty('dueDate');
    expect(s.CaseDeadlines.properties.deadlines.items.properties).toHaveProperty('werkdagenLeft');
    expect(s.CaseView.properties).toHaveProperty('timeline');
    expect(s.CaseView.properties).toHaveProperty('akkoorden');
    for (const page of ['CaseList', 'OpenDeadlinePage', 'AuditPage', 'BouncePage', 'WonenQueuePage', 'UnmatchedMailPage']) expect(s[page].properties, page).toHaveProperty('cursor');
  });

  it('is strict: a closed shape refuses a field it does not document', () => {
    const validate = contract.validator({ $ref: '#/components/schemas/CaseDeadlines' });
    const deadline = { deadlineId: 'd:1', ruleId: 'd', title: 'T', source: '001 §4', actor: 'woonzaken', dueDate: '2026-05-22', dueAt: '2026-05-22T21:59:59.999Z', status: 'open', werkdagenLeft: 2 };
    expect(validate({ reference: 'OMS-2026-000001', deadlines: [deadline] })).toBe(true);
    expect(validate({ reference: 'OMS-2026-000001', deadlines: [{ ...deadline, geheim: 1 }] })).toBe(false);
    expect(validate({ reference: 'OMS-2026-000001', deadlines: [{ ...deadline, dueDate: '22-05-2026' }] })).toBe(false);
  });

  it('cannot drift from the types: a schema that lacks a field of its type does not compile', () => {
    // @ts-expect-error DeadlineView without `late` is not the schema's type (tsc --noEmit checks this line)
    const drifted: SameType<z.infer<typeof deadlineViewSchema>, Omit<DeadlineView, 'late'>> = true;
    const same: SameType<z.infer<typeof deadlineViewSchema>, DeadlineView> = true;
    expect([drifted, same]).toEqual([true, true]);
  });

  it('has no dev endpoint', () => {
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/_dev'))).toEqual([]);
  });
});

/** Every `/_dev/…` path the local stack's sources serve: literals in shared/local, and the OpenID provider's subpaths. */
function servedDevPaths(): string[] {
  const dir = join(import.meta.dirname, '../../shared/local');
  const paths = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'dev-openapi.ts')) {
    const source = readFileSync(join(dir, file), 'utf8').replace(/^\s*(\/\*\*|\*|\/\/).*$/gm, '');
    for (const m of source.matchAll(/['"`](\/_dev\/[A-Za-z0-9._/-]+)['"`]/g)) if (m[1] !== OIDC_PATH) paths.add(m[1]!);
    if (file === 'oidc.ts') for (const m of source.matchAll(/path === '(\/[A-Za-z0-9._/-]+)'/g)) paths.add(`${OIDC_PATH}${m[1]}`);
  }
  return [...paths].sort();
}

describe('the dev document', () => {
  it('lists every /_dev endpoint the local stack serves, and nothing else', () => {
    const served = servedDevPaths();
    expect(served).toContain('/_dev/clock');
    expect(served).toContain(`${OIDC_PATH}/token`);
    expect(Object.keys(dev.paths).sort()).toEqual(served);
  });

  it('documents the dev requests from the schemas that validate them, and is valid JSON Schema', () => {
    const contract = new OpenApiContract(dev);
    expect(contract.compileAll()).toBeGreaterThan(DEV_ENDPOINTS.length);
    const clock = contract.validator(dev.paths['/_dev/clock'].post.requestBody.content['application/json'].schema);
    expect(clock({ advanceDays: 2 })).toBe(true);
    expect(clock({ advanceDays: 'x' })).toBe(false);
    expect(dev.paths['/_dev/token'].post.requestBody.content['application/json'].schema.required).toEqual(['organisationId', 'role']);
  });
});
