/**
 * The corporatie's answer on a form ingediend bij haar (issue 13; shared/domain/akkoord.ts): take it in behandeling,
 * give akkoord, or send it back with a reason. Committed like every change of a case (change-case.ts): the answer,
 * the step it makes count (phase, deadlines, Wonen's queue, the next party's mails) and the idempotency record in one
 * transaction.
 */
import { canSeeCase } from '#domain/access.js';
import { CaseNotFound, StaleVersion } from '#domain/errors.js';
import type { AkkoordAnswer } from '#domain/akkoord.js';
import { decideAkkoord } from '#domain/forms/change.js';
import { FORMS } from '#domain/forms/index.js';
import type { Principal } from '#domain/roles.js';
import { changeCase, changeResponse } from './change-case.js';
import { idempotent, type Answer, type IdempotentRequest } from './idempotency.js';
import type { AppDeps } from './ports.js';

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
  return idempotent(deps.store, principal, request, (recordFor) =>
    changeCase(
      deps,
      caseId,
      (loaded, now) => {
        // Only the corporatie of the case, with the client's consent to share, can see it: anyone else gets "not found".
        if (!loaded || !canSeeCase(principal, loaded.state, loaded.history)) throw new CaseNotFound();
        if (options.expectedVersion !== undefined && options.expectedVersion !== loaded.state.version) {
          throw new StaleVersion(options.expectedVersion, loaded.state.version);
        }
        const change = decideAkkoord((action) => FORMS[action], {
          before: loaded.state,
          history: loaded.history,
          seq,
          answer,
          principal,
          now,
          organisationKind: deps.organisationKind,
        });
        const response = changeResponse(principal, change.after, change.event);
        return { after: change.after, event: change.event, step: change.step ?? null, idempotency: recordFor(response), result: response };
      },
      { attempts: MAX_ATTEMPTS },
    ),
  );
}
