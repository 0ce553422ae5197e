/**
 * The registry of forms: one entry per action of the transition matrix that has a form endpoint.
 * Adding a form = adding its module here; routes, OpenAPI and validation follow from this list.
 */
import type { Action } from '../phases.js';
import type { FormDefinition } from './types.js';
import { aanvraagUrgentie } from './aanvraag-urgentie.js';
import { besluitUrgentie } from './besluit-urgentie.js';
import { sleuteloverdracht } from './sleuteloverdracht.js';
import { woningaanbod } from './woningaanbod.js';

export const FORMS: Partial<Record<Action, FormDefinition>> = Object.fromEntries(
  [aanvraagUrgentie, besluitUrgentie, woningaanbod, sleuteloverdracht].map((form) => [form.action, form as unknown as FormDefinition]),
);

export function formFor(action: string): FormDefinition | undefined {
  return FORMS[action as Action];
}
