/**
 * A case walked through the route over HTTP, as the parties file it: each step by the caller of its role
 * (`callerFor`), with the If-Match of the version before it, and the phase each step must leave the case in.
 */
import { expect } from 'vitest';
import type { Action, Phase } from '../../shared/domain/phases.js';
import type { Role } from '../../shared/domain/roles.js';
import { validInput, type Overrides } from '../unit/forms.fixtures.js';
import { callerFor, callers, type Caller, type HttpTestClient } from './api.js';

export type WalkStep = readonly [Action, Overrides, Phase];

export async function walkCase(
  api: HttpTestClient,
  steps: readonly WalkStep[],
  options: { caseBody?: Record<string, unknown>; as?: Partial<Record<Role, Caller>> } = {},
): Promise<{ caseId: string; reference: string }> {
  const created = await api.post('/cases', callers.begeleider, { regio: 'amsterdam', route: 'MO', doelgroep: 'volwassene', ...options.caseBody });
  expect(created.status, created.text).toBe(201);
  const { caseId, reference } = created.body as { caseId: string; reference: string };
  let version = 1;
  for (const [action, overrides, phase] of steps) {
    const answer = await api.submitForm(caseId, action, callerFor(action, options.as), validInput(action, overrides), { headers: { 'if-match': `"${version}"` } });
    expect(answer.body.phase, action).toBe(phase);
    // A form ingediend bij the corporatie is answered too (submitForm gives the akkoord): two versions.
    version = answer.body.version;
  }
  return { caseId, reference };
}
