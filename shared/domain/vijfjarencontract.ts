/**
 * The conditions of the vijfjarencontract for jongvolwassenen after MOJ/BW/Jeugdhulp met verblijf, as 002 Bijlage 4
 * gives them. Pure: the forms (huurcontract-eigen-naam, vijfjarencontract) call these and turn a refusal into a
 * RuleViolated with the field it concerns.
 *
 * What the seed does not say is not a rule here:
 * - the day of a peildatum itself ("na 1 januari 2018" / "voor 1 januari 2018"): the seed names neither side for the
 *   day itself; a placement on the peildatum counts as "na" (the regime starts on it);
 * - the 'tenzij' (a contract voor onbepaalde tijd on the veldtafel's or zorgaanbieder's afweging) is always allowed:
 *   nothing here refuses a contract voor onbepaalde tijd for someone who would qualify;
 * - the urgentie from half a year before the end is the jongvolwassene's own request (via het Sociaal Loket, !WOON):
 *   no party of this system has a duty or a term there, so it is a date on the contract (urgentieAanvragenVanaf), not
 *   a deadline. The corporatie's opzegbrief at 4.5 years is the signal on that day (deadlines/rules.ts).
 */
import { addMonths, addYears } from './calendar.js';

/**
 * 002 Bijlage 4: "Het vijfjarencontract voor jongvolwassenen (iedereen van 18 tot en met 27 jaar …)" and "Ook
 * jongvolwassenen die vanuit de MOJ/BW/Jeugdhulp met verblijf in een omslagwoning gaan wonen, krijgen een
 * vijfjarencontract op een jongerenwoning aangeboden. Voor hen geldt alleen een andere leeftijdsgrens, namelijk tot en
 * met 25 jaar." The age counts when the client goes to live in the omslagwoning.
 */
export const LEEFTIJD_VANAF = 18;
export const LEEFTIJD_OMSLAGWONING_TOT_EN_MET = 25;
/**
 * 002 Bijlage 4: "… en die op het moment van omklappen nog geen 28 jaar zijn"; "Een jongvolwassene die in het laatste
 * jaar van het vijfjarencontract jonger dan 28 jaar is, kan een nieuw vijfjarencontract krijgen op een andere
 * jongerenwoning."
 */
export const LEEFTIJDSGRENS = 28;

/** The directory id of de Key, whose peildatum differs (002 Bijlage 4). */
export const DE_KEY = 'corp-de-key';

/**
 * 002 Bijlage 4, "Wie krijgt standaard een vijfjarencontract": "Jongvolwassenen zonder kinderen die na 1 januari 2018
 * (de Key) of na 1 april 2018 (de andere woningcorporaties) zijn gaan wonen op een omslagwoning" and "Alle
 * jongvolwassenen mét kinderen die na 1/6/19 op een woning van een woningcorporatie zijn geplaatst". Before these
 * dates: "Huurcontract voor onbepaalde tijd".
 */
export const PEILDATUM = {
  zonderKinderenDeKey: '2018-01-01',
  zonderKinderen: '2018-04-01',
  metKinderen: '2019-06-01',
} as const;

/** The date from which a placement in an omslagwoning leads to a vijfjarencontract. */
export function peildatum(corporatieId: string | undefined, metKinderen: boolean): string {
  if (metKinderen) return PEILDATUM.metKinderen;
  return corporatieId === DE_KEY ? PEILDATUM.zonderKinderenDeKey : PEILDATUM.zonderKinderen;
}

export interface VijfjarenInput {
  /** The date the client went to live in the omslagwoning (sleuteloverdracht). */
  geplaatstOp: string | undefined;
  corporatieId: string | undefined;
  metKinderen: boolean;
  /** Age in whole years when the client went to live in the omslagwoning. */
  leeftijdBijPlaatsing: number;
  /** Age in whole years at the omklap (the contract on the client's own name). */
  leeftijdBijOmklap: number;
}

export interface Bezwaar {
  /** The input field it concerns. */
  field: 'geplaatstOp' | 'leeftijdBijPlaatsing' | 'leeftijdBijOmklap';
  message: string;
}

/** Why a first vijfjarencontract at the omklap does not fit Bijlage 4; empty when it does. */
export function bezwarenEersteContract(input: VijfjarenInput): Bezwaar[] {
  const out: Bezwaar[] = [];
  if (input.leeftijdBijPlaatsing < LEEFTIJD_VANAF || input.leeftijdBijPlaatsing > LEEFTIJD_OMSLAGWONING_TOT_EN_MET) {
    out.push({
      field: 'leeftijdBijPlaatsing',
      message: `Een vijfjarencontract na een omslagwoning is er voor wie bij de plaatsing ${LEEFTIJD_VANAF} tot en met ${LEEFTIJD_OMSLAGWONING_TOT_EN_MET} jaar was (002 Bijlage 4)`,
    });
  }
  if (input.leeftijdBijOmklap >= LEEFTIJDSGRENS) {
    out.push({ field: 'leeftijdBijOmklap', message: `Wie bij het omklappen ${LEEFTIJDSGRENS} jaar of ouder is, krijgt geen vijfjarencontract (002 Bijlage 4)` });
  }
  if (input.leeftijdBijOmklap < input.leeftijdBijPlaatsing) {
    out.push({ field: 'leeftijdBijOmklap', message: 'De leeftijd bij het omklappen kan niet lager zijn dan bij de plaatsing' });
  }
  const vanaf = peildatum(input.corporatieId, input.metKinderen);
  if (input.geplaatstOp !== undefined && input.geplaatstOp < vanaf) {
    out.push({
      field: 'geplaatstOp',
      message: `Wie ${input.metKinderen ? 'mét kinderen' : 'zonder kinderen'} vóór ${vanaf} op de omslagwoning is gaan wonen, krijgt een huurcontract voor onbepaalde tijd (002 Bijlage 4)`,
    });
  }
  return out;
}

/** 002 Bijlage 4: a new vijfjarencontract on another jongerenwoning only for who is under 28 in the last year. */
export function bezwaarNieuwContract(leeftijdInLaatsteJaar: number): string | undefined {
  return leeftijdInLaatsteJaar >= LEEFTIJDSGRENS
    ? `Een nieuw vijfjarencontract kan alleen wie in het laatste jaar van het vijfjarencontract jonger dan ${LEEFTIJDSGRENS} jaar is; wie ${LEEFTIJDSGRENS} of ouder is, zoekt op eigen kracht (002 Bijlage 4)`
    : undefined;
}

/** The contract runs five years from its start ("Vijf jaar na het omklappen"). */
export function eindOp(startOp: string): string {
  return addYears(startOp, 5);
}

/**
 * 002 Bijlage 4, Aanvragen urgentie: "dan kan de jongvolwassene een half jaar vóór afloop van het huurcontract een
 * urgentie aanvragen" — the day the opzegbrief comes (4.5 years).
 */
export function urgentieAanvragenVanaf(startOp: string): string {
  return addMonths(eindOp(startOp), -6);
}
