/**
 * The client's consent to share information (002 Werkafspraak 10, "Toestemming en doel" and "Doelbinding"): with
 * whom (woningcorporatie, gemeente/directie Wonen), for which purposes (match, start verhuur, overlast, evaluatie,
 * omklap), given when, recorded by whom. It lives on the case (`facts.toestemmingDelen`) and every change of it is
 * an event in the history. Withdrawal stops sharing from that moment (WA10: "te allen tijde te kunnen intrekken").
 */
import * as z from 'zod';
import type { CaseState } from './case.js';
import { isoDate } from './forms/fields.js';
import type { Actor } from './roles.js';

/** The purposes for which information may be shared (002 WA10, Doelbinding). Same values as the aanvraag urgentie. */
export const DEELDOELEN = ['match', 'start-verhuur', 'overlast', 'evaluatie', 'omklap'] as const;
export type Deeldoel = (typeof DEELDOELEN)[number];

/** With whom (002 WA10: "welke informatie kan worden gedeeld en met wie"). */
export const DEELPARTIJEN = ['woningcorporatie', 'gemeente-wonen'] as const;
export type Deelpartij = (typeof DEELPARTIJEN)[number];

/** The consent as stored in `facts.toestemmingDelen`. The first three members are what the aanvraag urgentie sets. */
export interface ConsentFact {
  gegeven: boolean;
  /** Date (YYYY-MM-DD) the client gave consent, or withdrew it when `gegeven` is false. */
  sinds: string;
  doelen: Deeldoel[];
  /** With whom. Absent in facts written before this was recorded: then nothing is shared with the corporatie. */
  metWie?: Deelpartij[];
  /** Who recorded it (a professional of the zorgaanbieder), and when. */
  vastgelegdDoor?: Actor;
  vastgelegdOp?: string;
}

/** Event types of consent changes in the case history (not forms of the route: no phase change). */
export const CONSENT_EVENT = { recorded: 'toestemming-vastgelegd', withdrawn: 'toestemming-ingetrokken' } as const;
export type ConsentEventType = (typeof CONSENT_EVENT)[keyof typeof CONSENT_EVENT];

/** `POST /cases/{caseId}/consent`: record (or replace) the consent, or withdraw it. No free text: nothing to leak. */
export const consentRequestSchema = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('record').describe('Toestemming vastleggen'),
      datum: isoDate.describe('Datum waarop de cliënt toestemming gaf'),
      metWie: z.array(z.enum(DEELPARTIJEN)).min(1, 'Noem met wie gedeeld mag worden').describe('Met wie mag informatie gedeeld worden?'),
      doelen: z.array(z.enum(DEELDOELEN)).min(1, 'Noem minstens één doel (002 WA10 Doelbinding)').describe('Voor welke doelen?'),
    })
    .strict(),
  z
    .object({
      action: z.literal('withdraw').describe('Toestemming intrekken'),
      datum: isoDate.describe('Datum waarop de cliënt de toestemming introk'),
    })
    .strict(),
]);
export type ConsentRequest = z.infer<typeof consentRequestSchema>;

/** The consent recorded on a case, if any. */
export function consentOf(state: Pick<CaseState, 'facts'>): ConsentFact | undefined {
  return state.facts.toestemmingDelen as ConsentFact | undefined;
}

/** True when the client's current consent allows sharing with `partij` (for at least one purpose). */
export function consentAllows(state: Pick<CaseState, 'facts'>, partij: Deelpartij): boolean {
  const consent = consentOf(state);
  return consent?.gegeven === true && (consent.metWie?.includes(partij) ?? false) && consent.doelen.length > 0;
}

/** True when the current consent covers sharing `doel` with the corporatie (002 WA10 Doelbinding). */
export function consentCoversPurpose(state: Pick<CaseState, 'facts'>, doel: Deeldoel): boolean {
  return consentAllows(state, 'woningcorporatie') && (consentOf(state)?.doelen.includes(doel) ?? false);
}

/** The fact a consent request leads to. */
export function consentFact(request: ConsentRequest, by: Actor, now: string): ConsentFact {
  if (request.action === 'record') {
    return { gegeven: true, sinds: request.datum, doelen: [...request.doelen], metWie: [...request.metWie], vastgelegdDoor: by, vastgelegdOp: now };
  }
  // Withdrawal keeps nothing that could be read as permission: no purposes, no parties.
  return { gegeven: false, sinds: request.datum, doelen: [], metWie: [], vastgelegdDoor: by, vastgelegdOp: now };
}

/**
 * For the aanvraag urgentie (forms engineer): the consent fact from the form's `toestemmingDelen` section, so that
 * `metWie` is kept (without it the corporatie sees nothing).
 */
export function consentFromAanvraag(section: { datum: string; doelen: readonly Deeldoel[]; metWie: readonly Deelpartij[] }, by: Actor, now: string): ConsentFact {
  return { gegeven: true, sinds: section.datum, doelen: [...section.doelen], metWie: [...section.metWie], vastgelegdDoor: by, vastgelegdOp: now };
}
