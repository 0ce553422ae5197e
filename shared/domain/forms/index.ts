/**
 * The registry of forms: one entry per action of the transition matrix, each its own `POST
 * /cases/{caseId}/forms/<action>` endpoint. Adding a form = adding its module here; routes, OpenAPI and validation
 * follow from this list. The `satisfies` below makes a missing action a compile error.
 */
import type { Action } from '../phases.js';
import { countedHistory } from '../akkoord.js';
import type { CaseEvent, CaseState } from '../case.js';
import { regioRules } from '../regio.js';
import { actionsAvailable, type Role } from '../roles.js';
import type { FormDefinition, FormEventData } from './types.js';
import { aanvraagUrgentie } from './aanvraag-urgentie.js';
import { afmelding } from './afmelding.js';
import { afspraakGepland } from './afspraak-gepland.js';
import { begeleidingsplan } from './begeleidingsplan.js';
import { besluitOmklap } from './besluit-omklap.js';
import { besluitUrgentie } from './besluit-urgentie.js';
import { besluitWoningruil } from './besluit-woningruil.js';
import { bezichtiging } from './bezichtiging.js';
import { duurzameVerhuur } from './duurzame-verhuur.js';
import { eindeIntermediaireVerhuur } from './einde-intermediaire-verhuur.js';
import { fibuAfspraken } from './fibu-afspraken.js';
import { fibuEvaluatie } from './fibu-evaluatie.js';
import { heraanmelding } from './heraanmelding.js';
import { huurcontractEigenNaam } from './huurcontract-eigen-naam.js';
import { intrekkingUrgentie } from './intrekking-urgentie.js';
import { kennismaking } from './kennismaking.js';
import { mzwoEscalatie } from './mzwo-escalatie.js';
import { nieuweKans } from './nieuwe-kans.js';
import { overlastActie } from './overlast-actie.js';
import { overlastMelding } from './overlast-melding.js';
import { reactieAanbod } from './reactie-aanbod.js';
import { sleuteloverdracht } from './sleuteloverdracht.js';
import { timeOut } from './time-out.js';
import { toetsDerde } from './toets-derde.js';
import { trajectwijziging } from './trajectwijziging.js';
import { verhuizing } from './verhuizing.js';
import { vijfjarencontract } from './vijfjarencontract.js';
import { briefGemeenteVerstuurd } from './brief-gemeente-verstuurd.js';
import { matching } from './matching.js';
import { voordrachtOmklap } from './voordracht-omklap.js';
import { weigeringAanbod } from './weigering-aanbod.js';
import { woningaanbod } from './woningaanbod.js';
import { woningruil } from './woningruil.js';
import { woonevaluatie } from './woonevaluatie.js';

/** Every form, keyed by its action, in the order of the route (ACTIONS). */
const REGISTRY = {
  'aanvraag-urgentie': aanvraagUrgentie,
  'besluit-urgentie': besluitUrgentie,
  afmelding,
  heraanmelding,
  trajectwijziging,
  'intrekking-urgentie': intrekkingUrgentie,
  woningaanbod,
  'reactie-aanbod': reactieAanbod,
  bezichtiging,
  'weigering-aanbod': weigeringAanbod,
  sleuteloverdracht,
  'afspraak-gepland': afspraakGepland,
  kennismaking,
  begeleidingsplan,
  woonevaluatie,
  'voordracht-omklap': voordrachtOmklap,
  'toets-derde': toetsDerde,
  'besluit-omklap': besluitOmklap,
  'huurcontract-eigen-naam': huurcontractEigenNaam,
  'einde-intermediaire-verhuur': eindeIntermediaireVerhuur,
  'duurzame-verhuur': duurzameVerhuur,
  'overlast-melding': overlastMelding,
  'overlast-actie': overlastActie,
  'mzwo-escalatie': mzwoEscalatie,
  woningruil,
  verhuizing,
  'besluit-woningruil': besluitWoningruil,
  'nieuwe-kans': nieuweKans,
  'time-out': timeOut,
  'fibu-afspraken': fibuAfspraken,
  'fibu-evaluatie': fibuEvaluatie,
  vijfjarencontract,
  'brief-gemeente-verstuurd': briefGemeenteVerstuurd,
  matching,
} satisfies Record<Action, { action: Action }>;

/**
 * The data each form's event stores, by action: derived from the form's schema and decision, so a rule that reads a
 * field the form does not have, or compares it with a value it cannot take, fails to compile (case.ts EventData).
 */
export type FormEventDataByAction = { [A in Action]: FormEventData<(typeof REGISTRY)[A]> };

/** The forms by action. Every action of ACTIONS has one (checked at compile time and in test/unit/forms.test.ts). */
export const FORMS: Readonly<Record<Action, FormDefinition>> = REGISTRY as unknown as Record<Action, FormDefinition>;

/** The form for a URL segment, or undefined for an unknown one (own keys only: `constructor` is not a form). */
export function formFor(action: string): FormDefinition | undefined {
  return Object.hasOwn(FORMS, action) ? FORMS[action as Action] : undefined;
}

/**
 * The forms `principal`'s role may submit on this case now, as the werkplek offers them: role and phase
 * (actionsAvailable), the forms of the case's regio (regio.ts), and the form's own `offered` (e.g. the brief gemeente
 * only with a vijfjarencontract). The submission checks the same and the decision's rules.
 */
export function actionsOffered(role: Role, state: CaseState, history: readonly CaseEvent[]): Action[] {
  const regioForms = regioRules(state.regio).forms;
  return actionsAvailable(role, state.phase, state.regio).filter((action) => regioForms.includes(action) && (FORMS[action].offered?.({ case: state, history: countedHistory(history) }) ?? true));
}

