/** Dutch words for the API's codes, as the professionals read them. Phase names come from the domain. */
export { PHASE_LABELS, PHASES, type Phase } from '#domain/phases.js';

export const ROLE_LABELS: Record<string, string> = {
  begeleider: 'Begeleider',
  'onafhankelijke-derde': 'Onafhankelijke derde',
  organisatiebeheerder: 'Organisatiebeheerder',
  contactpersoon: 'Contactpersoon woningcorporatie',
  'medewerker-wonen': 'Medewerker Wonen',
  systeembeheerder: 'Systeembeheerder',
  corporatiebeheerder: 'Beheerder woningcorporatie',
  wonenbeheerder: 'Beheerder Wonen (gemeente)',
};

/** Who acts on a deadline. */
export const ACTOR_LABELS: Record<string, string> = {
  begeleider: 'Begeleider',
  zorgaanbieder: 'Zorgaanbieder',
  meldpunt: 'Meldpunt overlast',
  'onafhankelijke-derde': 'Onafhankelijke derde',
  corporatie: 'Woningcorporatie',
  woonzaken: 'Wonen (woonzaken)',
  mzwo: 'MZWO',
};

export const DEADLINE_STATUS_LABELS: Record<string, string> = {
  open: 'Open',
  overdue: 'Te laat',
  met: 'Gehaald',
  missed: 'Gemist',
  cancelled: 'Vervallen',
};

const dateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });
const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });

/** `2026-11-23` → "23 november 2026" (ISO in the API, Dutch on screen). */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return dateFormat.format(Date.UTC(y!, m! - 1, d!, 12));
}

export function formatInstant(iso: string | undefined): string {
  return iso ? dateTimeFormat.format(Date.parse(iso)) : '';
}

/** A deadline's urgency in words, never colour alone: "nog 3 werkdagen", "vandaag", "2 werkdagen te laat". */
export function werkdagenText(werkdagenLeft: number | undefined, overdue = false): string {
  if (werkdagenLeft === undefined) return overdue ? 'te laat' : '';
  if (werkdagenLeft < 0 || (overdue && werkdagenLeft === 0)) {
    const late = Math.max(1, -werkdagenLeft);
    return `${late} ${late === 1 ? 'werkdag' : 'werkdagen'} te laat`;
  }
  if (werkdagenLeft === 0) return 'vandaag';
  return `nog ${werkdagenLeft} ${werkdagenLeft === 1 ? 'werkdag' : 'werkdagen'}`;
}

export function badgeColor(werkdagenLeft: number | undefined, overdue = false): 'red' | 'orange' | 'azure' {
  if (overdue || (werkdagenLeft ?? 1) < 0) return 'red';
  if ((werkdagenLeft ?? 99) <= 2) return 'orange';
  return 'azure';
}

/** Timeline entries that are not a form of the route (those take their form's title). */
export const EVENT_LABELS: Record<string, string> = {
  'case-aangemaakt': 'Dossier aangemaakt',
  'mail-ontvangen': 'E-mail ontvangen (woonzaken)',
  'toestemming-vastgelegd': 'Toestemming vastgelegd',
  'toestemming-ingetrokken': 'Toestemming ingetrokken',
  'akkoord-in-behandeling': 'In behandeling genomen door de corporatie',
  'akkoord-gegeven': 'Akkoord gegeven door de corporatie',
  'akkoord-teruggestuurd': 'Teruggestuurd door de corporatie',
};
