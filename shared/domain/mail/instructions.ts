/**
 * What to do, per deadline rule (shared/domain/deadlines/rules.ts): one Dutch sentence for the mail. Generic on
 * purpose: the mail never repeats case content, it points to the dossier. A test checks every rule has an entry.
 */
import type { Party } from '../deadlines/index.js';

export const RULE_INSTRUCTIONS: Readonly<Record<string, string>> = {
  'kennismaking-plannen': 'Plan het kennismakingsgesprek met de bewoner en de woningcorporatie en leg de afspraak vast.',
  'kennismaking-gehouden': 'Houd het kennismakingsgesprek en leg het verslag (Supplement Wonen en Goed Huurderschap) vast.',
  begeleidingsplan: 'Stel het begeleidingsplan vast en leg de datum vast in het dossier.',
  woonevaluatie: 'Houd de woonevaluatie met de bewoner en de woningcorporatie en leg het formulier vast.',
  'wonen-toets-urgentie': 'Toets de aanvraag urgentie onder voorwaarden en leg het besluit vast.',
  'woningaanbod-ambitie': 'Bekijk of een woningaanbod mogelijk is en leg het aanbod vast.',
  'aanbod-reactie': 'Reageer op het woningaanbod en leg de reactie vast.',
  'aanbod-bezichtiging': 'Bezichtig de woning (indien gewenst) en leg de bezichtiging vast.',
  'aanbod-weigering-motiveren': 'Meld de weigering met opgave van redenen aan de woningcorporatie en leg die vast.',
  'aanbod-client-informeren': 'Informeer de cliënt over het woningaanbod en leg de datum vast.',
  'wonen-toets-omklap': 'Toets de voordracht voor omklap en leg het besluit vast.',
  'contract-eigen-naam': 'Zet de huurovereenkomst op naam van de bewoner en leg dat vast in het dossier.',
  'overlast-reactie': 'Benader de melder en leg dat vast (melder benaderd).',
  'overlast-corporatie-informeren': 'Informeer de woningcorporatie over de aanpak van de klacht (actie 1) en leg dat vast.',
  'overlast-klager-nagaan': 'Ga bij de klager na of de klachten zijn verholpen en leg dat vast.',
  'overlast-opgelost': 'Rond de overlastmelding af of leg de volgende stap van het protocol vast.',
  'time-out-einde': 'Beëindig de time-out of leg de vervolgafspraak vast.',
  'fibu-evaluatie': 'Evalueer de afspraken over financieel beheer met het Fibu-team en leg de evaluatie vast.',
  'wonen-toets-woningruil': 'Beoordeel de ongelijke woningruil en leg het besluit vast.',
  'wonen-toets-verhuizing': 'Beoordeel de verhuizing naar een grotere woning en leg het besluit vast.',
  'wonen-toets-trajectwijziging': 'Beoordeel of de urgentie wordt ingetrokken en leg het besluit vast.',
  'vijfjarencontract-zoeken': 'Attendeer de bewoner erop dat het tijd is om naar een andere woning te zoeken.',
  'vijfjarencontract-brief-gemeente': 'Verstuur de brief van de gemeente over het aflopen van het vijfjarencontract (met einddatum en de steun van !WOON) en leg vast dat die verstuurd is (formulier Brief gemeente vijfjarencontract verstuurd).',
  'vijfjarencontract-opzegbrief': 'Verstuur de opzeggingsbrief van de woningcorporatie (met einddatum). Vanaf nu kan de jongvolwassene zelf een urgentie aanvragen (002 Bijlage 4).',
  'proefwonen-evaluatie': 'Plan en houd de evaluatie aan het einde van het proefwonen en leg die vast.',
  'proefwonen-monitoring': 'Plan en houd het jaarlijkse gesprek over het proefwonen en leg het vast.',
  'zoekprofiel-mo': 'Deel het zoekprofiel met de woningcorporatie en de gemeente.',
  'zoekprofiel-bw': 'Deel het zoekprofiel met de woningcorporatie en de gemeente.',
  'woningtoewijzing-mo': 'Bekijk of een woning kan worden toegewezen en leg het aanbod vast.',
  'woningtoewijzing-bw': 'Bekijk of een woning kan worden toegewezen en leg het aanbod vast.',
};

export const GENERIC_INSTRUCTION = 'Leg de stap vast in het dossier zodra die is gezet.';

export function instructionFor(ruleId: string): string {
  return RULE_INSTRUCTIONS[ruleId] ?? GENERIC_INSTRUCTION;
}

/** Who a party is, in a sentence ("Actie door: de begeleider"). */
export const PARTY_LABELS: Readonly<Record<Party, string>> = {
  begeleider: 'de begeleider',
  zorgaanbieder: 'de zorgaanbieder',
  meldpunt: 'het meldpunt overlast van de zorgaanbieder',
  'onafhankelijke-derde': 'de onafhankelijke derde',
  corporatie: 'de woningcorporatie',
  woonzaken: 'de afdeling Wonen (woonzaken)',
  mzwo: 'het Meldpunt Zorg en Woonoverlast',
};
