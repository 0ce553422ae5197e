/**
 * Date checks shared by the decisions. A date that cannot be (a kennismaking before the sleuteloverdracht, a
 * bezichtiging before the woning is free, a future date for a fact that must have happened) is a RuleViolated (422)
 * naming the field as `body.<path>`, so a client can put the message next to the field.
 */
import type { CaseEvent, CaseState } from '../case.js';
import { RuleViolated } from '../errors.js';
import { openAanbod, sleuteloverdrachtOp, text } from './history.js';

/** `field` is a dotted path into the body, e.g. `handtekeningen.bewoner.datum`. */
export function bodyPath(field: string): string {
  return `body.${field}`;
}

/** A fact that must have happened cannot lie after today (Europe/Amsterdam). */
export function assertNotInFuture(date: string, today: string, field: string, what = 'Deze datum'): void {
  if (date > today) {
    throw new RuleViolated('datum-in-toekomst', `${what} ligt in de toekomst.`, [
      { path: bodyPath(field), message: `Mag niet na vandaag (${today}) liggen` },
    ]);
  }
}

/** `date` may not lie before `earliest`. */
export function assertNotBefore(date: string, earliest: string, field: string, rule: string, detail: string): void {
  if (date < earliest) {
    throw new RuleViolated(rule, detail, [{ path: bodyPath(field), message: `Mag niet vóór ${earliest} liggen` }]);
  }
}

/** `date` must lie strictly after `than`. */
export function assertAfter(date: string, than: string, field: string, rule: string, detail: string): void {
  if (date <= than) {
    throw new RuleViolated(rule, detail, [{ path: bodyPath(field), message: `Moet na ${than} liggen` }]);
  }
}

/**
 * A signature is dated on or after the gesprek and not in the future. `field` prefixes the keys of `signatures`
 * (`handtekeningen` → `handtekeningen.bewoner.datum`).
 */
export function assertSignatureDates(signatures: Record<string, { datum: string }>, from: string, today: string, field?: string): void {
  for (const [who, signature] of Object.entries(signatures)) {
    const path = field ? `${field}.${who}.datum` : `${who}.datum`;
    assertNotBefore(signature.datum, from, path, 'handtekening-voor-gesprek', 'Een handtekening kan niet vóór het gesprek zijn gezet.');
    assertNotInFuture(signature.datum, today, path, 'De datum van een handtekening');
  }
}

/** The open woningaanbod with this aanbodId, or a RuleViolated naming `body.aanbodId`. */
export function requireOpenAanbod(events: readonly CaseEvent[], aanbodId: string): CaseEvent {
  const aanbod = openAanbod(events);
  if (!aanbod || text(aanbod, 'aanbodId') !== aanbodId) {
    throw new RuleViolated('aanbod-onbekend', `Er loopt geen aanbod met kenmerk ${aanbodId}.`, [
      { path: bodyPath('aanbodId'), message: aanbod ? `Het lopende aanbod is ${text(aanbod, 'aanbodId')}` : 'Er loopt geen aanbod' },
    ]);
  }
  return aanbod;
}

/** The date of the sleuteloverdracht, or a RuleViolated: the form belongs to the intermediaire verhuur. */
export function requireSleuteloverdracht(state: CaseState, events: readonly CaseEvent[]): string {
  const op = sleuteloverdrachtOp(state, events);
  if (!op) throw new RuleViolated('geen-sleuteloverdracht', 'Er is geen sleuteloverdracht vastgelegd.');
  return op;
}

/** "Datum cliënt geïnformeerd" lies between the aanbod and today (002 WA1 stap 3). */
export function assertClientGeinformeerd(date: string | undefined, aanbod: CaseEvent, today: string): void {
  if (!date) return;
  assertNotBefore(date, aanbod.occurredOn, 'clientGeinformeerdOp', 'geinformeerd-voor-aanbod', 'De cliënt kan niet over het aanbod zijn geïnformeerd vóór het aanbod.');
  assertNotInFuture(date, today, 'clientGeinformeerdOp');
}
