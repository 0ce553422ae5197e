/**
 * The corporatie's answer on a form ingediend bij haar (issue 13; shared/domain/akkoord.ts): take it in behandeling,
 * give akkoord, or send it back with a reason. Committed like every change of a case (commit-change.ts): the answer,
 * the step it makes count (phase, deadlines, Wonen's queue, the next party's mails) and the idempotency record in one
 * transaction.
 */
import { z } from 'zod';
import { canSeeCase } from '#domain/access.js';
import { ConcurrentModification, CaseNotFound, StaleVersion } from '#domain/errors.js';
import { decideAkkoord, type AkkoordAnswer } from '#domain/forms/change.js';
import { FORMS } from '#domain/forms/index.js';
import type { Principal } from '#domain/roles.js';
import { commitChange } from './commit-change.js';
import { idempotent, type Answer, type IdempotentRequest } from './idempotency.js';
import type { AppDeps } from './ports.js';

/** The body of `POST /cases/{caseId}/akkoorden/{seq}`: one schema for the API, its OpenAPI document and the werkplek. */
export const akkoordAnswerSchema = z
  .discriminatedUnion('besluit', [
    z.object({ besluit: z.literal('in-behandeling').describe('In behandeling nemen') }).describe('In behandeling nemen'),
    z
      .object({
        besluit: z.literal('akkoord').describe('Akkoord'),
        toelichting: z.string().trim().max(2000, 'Maximaal 2000 tekens').optional().describe('Toelichting (optioneel)'),
      })
      .describe('Akkoord geven'),
    z
      .object({
        besluit: z.literal('terugsturen').describe('Terugsturen'),
        reden: z.string({ error: 'Vul de reden in' }).trim().min(1, 'Vul de reden in').max(2000, 'Maximaal 2000 tekens').describe('Reden van terugsturen'),
      })
      .describe('Terugsturen met een reden'),
  ])
  .describe('Uw besluit');

const MAX_ATTEMPTS = 3;

export async function answerAkkoord(
  deps: AppDeps,
  principal: Principal,
  caseId: string,
  seq: number,
  answer: AkkoordAnswer,
  request: IdempotentRequest,
  options: { expectedVersion?: number } = {},
): Promise<Answer> {
  return idempotent(deps.store, principal, request, async (recordFor) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const loaded = await deps.store.load(caseId);
        // Only the corporatie of the case, with the client's consent to share, can see it: anyone else gets "not found".
        if (!loaded || !canSeeCase(principal, loaded.state, loaded.history)) throw new CaseNotFound();
        if (options.expectedVersion !== undefined && options.expectedVersion !== loaded.state.version) {
          throw new StaleVersion(options.expectedVersion, loaded.state.version);
        }
        const now = deps.clock.now();
        const change = decideAkkoord((action) => FORMS[action], {
          before: loaded.state,
          history: loaded.history,
          seq,
          answer,
          principal,
          now,
          organisationKind: deps.organisationKind,
        });
        return await commitChange(deps, principal, loaded, { after: change.after, event: change.event, step: change.step ?? null, now }, recordFor);
      } catch (error) {
        // Retried on a fresh read; with If-Match that read answers 412, as a request that lost before the commit.
        if (!(error instanceof ConcurrentModification) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  });
}
