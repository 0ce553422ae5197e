/**
 * What submitting a form does to a case, as pure data: the form's decision, checked against the transition matrix,
 * and the new state and history event it produces. The submission use case commits this; tests walk cases with it.
 */
import { AKKOORD_EVENT, akkoordItems, type AkkoordAnswer, akkoordOrganisation, akkoordRequired, countedEvent, countedHistory, openAkkoorden } from '../akkoord.js';
import { toAmsterdamDate } from '../calendar.js';
import type { CaseEvent, CaseState } from '../case.js';
import { NotFound, RuleViolated } from '../errors.js';
import type { Action } from '../phases.js';
import { assertAllowedIn, formulierNietInRegio, regioRules, targetsIn } from '../regio.js';
import { actorOf, type Actor, type Principal } from '../roles.js';
import type { FormDecision, FormDefinition } from './types.js';

export interface FormChange {
  decision: FormDecision;
  after: CaseState;
  event: CaseEvent;
  /**
   * The step that takes effect with this change, as the rules read it (akkoord.ts countedHistory): the event itself,
   * nothing while it waits for an akkoord, the accepted submission when the akkoord is given.
   */
  step: CaseEvent | undefined;
}

/** `input` must already be parsed by the form's schema; authorisation and the phase check come before. */
export function decideChange(
  form: FormDefinition,
  context: {
    before: CaseState;
    history: CaseEvent[];
    input: unknown;
    principal: Principal;
    now: string;
    supersedes?: number | undefined;
    /** The directory's kind of an organisation; when given, an organisation the decision links must be of its kind. */
    organisationKind?: ((organisationId: string) => string | undefined) | undefined;
    /** Taking the decision again because the corporatie gave its akkoord (decideAkkoord): no new akkoord is asked. */
    akkoordGegeven?: boolean;
  },
): FormChange {
  const { before, input, principal, now, supersedes } = context;
  // Decisions read the history as it counts: a form still waiting for the corporatie's akkoord is not a fact yet.
  const history = countedHistory(context.history);
  // A regio is one rule set (regio.ts): a form the regio does not have is refused.
  if (!regioRules(before.regio).forms.includes(form.action)) throw formulierNietInRegio(before.regio, form.action);
  const decision = form.decide({
    case: before,
    history,
    input,
    now,
    today: toAmsterdamDate(now),
    principal,
    ...(supersedes !== undefined ? { supersedes } : {}),
  });
  if (!targetsIn(before.regio, form.action, before.phase).includes(decision.phase)) {
    throw new Error(`Form ${form.action} chose phase ${decision.phase}, which the matrix does not allow from ${before.phase}`);
  }
  // The corporatie a form links must be a woningcorporatie of the directory: a zorgaanbieder named as corporatieId
  // would get a membership and the case in its listing, though it may not open it (issue 16).
  if (decision.corporatieId && context.organisationKind && context.organisationKind(decision.corporatieId) !== 'woningcorporatie') {
    throw new RuleViolated('geen-woningcorporatie', `'${decision.corporatieId}' is geen woningcorporatie.`, [
      { path: 'body.corporatieId', message: 'Noem een woningcorporatie uit de lijst van organisaties' },
    ]);
  }
  const version = before.version + 1;
  const data = decision.data ?? (input as Record<string, unknown>);
  const requirement = context.akkoordGegeven ? undefined : akkoordRequired(form.action, data);
  if (requirement) assertMaySubmitForAkkoord(before, context.history, form.action, supersedes);
  // Waiting for the akkoord, nothing of the case changes yet: the decision is taken again when it is given.
  const after: CaseState = requirement
    ? { ...before, version, updatedAt: now }
    : {
        ...before,
        phase: decision.phase,
        version,
        updatedAt: now,
        ...(decision.corporatieId ? { corporatieId: decision.corporatieId } : {}),
        facts: { ...before.facts, ...decision.facts },
      };
  const event: CaseEvent = {
    caseId: before.caseId,
    seq: version,
    type: form.action,
    occurredOn: decision.occurredOn,
    recordedAt: now,
    actor: actorOf(principal),
    data,
    ...(supersedes !== undefined ? { supersedes } : {}),
    ...(requirement ? { akkoordVan: requirement.party } : {}),
  };
  return { decision, after, event, step: requirement ? undefined : event };
}

/** One version at a time with the corporatie: a new one replaces the waiting one (`supersedes`), never joins it. */
function assertMaySubmitForAkkoord(before: CaseState, history: readonly CaseEvent[], action: Action, supersedes: number | undefined): void {
  if (!akkoordOrganisation(before, 'woningcorporatie')) {
    throw new RuleViolated('geen-corporatie', 'Dit formulier vraagt het akkoord van de woningcorporatie, maar er is nog geen corporatie aan het dossier gekoppeld.');
  }
  const waiting = openAkkoorden(history).find((item) => item.action === action);
  if (waiting && waiting.seq !== supersedes) {
    throw new RuleViolated('akkoord-loopt', `Dit formulier (volgnummer ${waiting.seq}) ligt al ter beoordeling bij de woningcorporatie. Pas die versie aan in plaats van een nieuwe in te dienen.`, [
      { path: 'query.supersedes', message: `Pas volgnummer ${waiting.seq} aan` },
    ]);
  }
}


/**
 * The corporatie's answer as pure data. Taking it in behandeling or sending it back changes nothing but the history;
 * an akkoord takes the form's decision again on the case as it is now (the phase it leads to, its facts) — a case
 * that moved on meanwhile refuses it as any submission would.
 */
export function decideAkkoord(
  formFor: (action: Action) => FormDefinition,
  context: {
    before: CaseState;
    history: CaseEvent[];
    seq: number;
    answer: AkkoordAnswer;
    principal: Principal;
    now: string;
    organisationKind?: ((organisationId: string) => string | undefined) | undefined;
  },
): FormChange {
  const { before, history, seq, answer, principal, now } = context;
  const item = akkoordItems(history).find((i) => i.seq === seq);
  if (!item) throw new NotFound(`Er is geen formulier met volgnummer ${seq} dat op een akkoord wacht.`);
  if (principal.role !== 'contactpersoon' || akkoordOrganisation(before, item.party) !== principal.organisationId) {
    throw new NotFound(`Er is geen formulier met volgnummer ${seq} dat op uw akkoord wacht.`);
  }
  if (item.status !== 'ingediend' && item.status !== 'in_behandeling') {
    throw new RuleViolated('akkoord-al-beantwoord', `Dit formulier is al ${item.status === 'vervangen' ? 'vervangen door een nieuwe versie' : item.status === 'akkoord' ? 'akkoord bevonden' : 'teruggestuurd'}.`);
  }
  const version = before.version + 1;
  const event: CaseEvent = {
    caseId: before.caseId,
    seq: version,
    type: answer.besluit === 'akkoord' ? AKKOORD_EVENT.gegeven : answer.besluit === 'terugsturen' ? AKKOORD_EVENT.teruggestuurd : AKKOORD_EVENT.inBehandeling,
    occurredOn: toAmsterdamDate(now),
    recordedAt: now,
    actor: actorOf(principal),
    data: {
      voor: seq,
      formulier: item.action,
      ...(answer.besluit === 'terugsturen' ? { reden: answer.reden } : {}),
      ...(answer.besluit === 'akkoord' && answer.toelichting ? { toelichting: answer.toelichting } : {}),
    },
  };
  if (answer.besluit !== 'akkoord') return { decision: { phase: before.phase, occurredOn: event.occurredOn }, after: { ...before, version, updatedAt: now }, event, step: undefined };

  const submission = history.find((e) => e.seq === seq)!;
  assertAllowedIn(before.regio, item.action, before.phase);
  const taken = decideChange(formFor(item.action), {
    before,
    history,
    input: submission.data,
    principal: principalOf(submission.actor, before),
    now,
    supersedes: submission.supersedes,
    organisationKind: context.organisationKind,
    akkoordGegeven: true,
  });
  return { decision: taken.decision, after: { ...taken.after, version, updatedAt: now }, event, step: countedEvent([...history, event], seq) };
}

/** The submitter as the form's decision saw them (its checks compare the submitting user, e.g. the derde). */
function principalOf(actor: Actor, state: CaseState): Principal {
  return { userId: actor.userId, organisationId: actor.organisationId, role: actor.role, regio: state.regio };
}
