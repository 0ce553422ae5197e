/**
 * Who may see which case (issue "Who may see and do what"; 002 WA10), and who may take which action.
 * Pure: no AWS.
 */
import { describe, expect, it } from 'vitest';
import { canSeeCase, isZorgaanbiederOf, organisationsOf, submittedToWonen } from '../../shared/domain/access.js';
import type { CaseEvent, CaseState } from '../../shared/domain/case.js';
import type { ConsentFact } from '../../shared/domain/consent.js';
import { ACTIONS, type Phase } from '../../shared/domain/phases.js';
import { ACTION_ROLES, mayTake, ROLES, type Principal, type Role } from '../../shared/domain/roles.js';

const ZA = 'za-hvo-querido';
const CORP = 'corp-ymere';

const consent = (overrides: Partial<ConsentFact> = {}): ConsentFact => ({
  gegeven: true,
  sinds: '2026-01-10',
  doelen: ['match', 'start-verhuur', 'overlast', 'evaluatie', 'omklap'],
  metWie: ['woningcorporatie', 'gemeente-wonen'],
  ...overrides,
});

function caseState(overrides: Partial<CaseState> = {}): CaseState {
  return {
    caseId: 'c-1',
    reference: 'OMS-2026-000001',
    regio: 'amsterdam',
    route: 'MO',
    doelgroep: 'volwassene',
    clientPseudonym: 'J.D.',
    zorgaanbiederId: ZA,
    phase: 'herstelfase',
    version: 5,
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    facts: {},
    ...overrides,
  };
}

let seq = 0;
function event(type: string, data: Record<string, unknown> = {}, role: Role = 'begeleider', organisationId = ZA): CaseEvent {
  seq += 1;
  return {
    caseId: 'c-1',
    seq,
    type: type as CaseEvent['type'],
    occurredOn: '2026-02-01',
    recordedAt: '2026-02-01T10:00:00.000Z',
    actor: { userId: `${role}-1`, organisationId, role },
    data,
  };
}

const who = (role: Role, organisationId: string, extra: Partial<Principal> = {}): Principal => ({ userId: `${role}-x`, organisationId, role, ...extra });

describe('canSeeCase: zorgaanbieder', () => {
  it('shows the case to every zorgaanbieder role of the owning organisation, and to nobody of another', () => {
    const state = caseState();
    for (const role of ['begeleider', 'onafhankelijke-derde', 'organisatiebeheerder'] as const) {
      expect(canSeeCase(who(role, ZA), state), role).toBe(true);
      expect(canSeeCase(who(role, 'za-leger-des-heils'), state), role).toBe(false);
    }
  });

  it('scopes a begeleider with a team to the team’s cases; cases without a team are the organisation’s', () => {
    expect(canSeeCase(who('begeleider', ZA, { teamId: 't1' }), caseState({ teamId: 't1' }))).toBe(true);
    expect(canSeeCase(who('begeleider', ZA, { teamId: 't2' }), caseState({ teamId: 't1' }))).toBe(false);
    expect(canSeeCase(who('begeleider', ZA, { teamId: 't2' }), caseState())).toBe(true);
    expect(canSeeCase(who('begeleider', ZA), caseState({ teamId: 't1' }))).toBe(true);
    // The organisatiebeheerder and the onafhankelijke derde see every team's cases.
    expect(canSeeCase(who('organisatiebeheerder', ZA, { teamId: 't2' }), caseState({ teamId: 't1' }))).toBe(true);
  });

  it('isZorgaanbiederOf only for zorgaanbieder roles of the owning organisation', () => {
    const state = caseState({ corporatieId: CORP, facts: { toestemmingDelen: consent() } });
    expect(isZorgaanbiederOf(who('organisatiebeheerder', ZA), state)).toBe(true);
    expect(isZorgaanbiederOf(who('contactpersoon', CORP), state)).toBe(false);
    expect(isZorgaanbiederOf(who('organisatiebeheerder', CORP), state)).toBe(false);
  });
});

describe('canSeeCase: corporatie (002 WA10: only with the client’s consent)', () => {
  const corporatie = who('contactpersoon', CORP);

  it('shows its own case while consent to share with the woningcorporatie is recorded', () => {
    expect(canSeeCase(corporatie, caseState({ corporatieId: CORP, facts: { toestemmingDelen: consent() } }))).toBe(true);
  });

  it('shows nothing without consent, after withdrawal, or when consent is for gemeente-wonen only', () => {
    expect(canSeeCase(corporatie, caseState({ corporatieId: CORP }))).toBe(false);
    expect(canSeeCase(corporatie, caseState({ corporatieId: CORP, facts: { toestemmingDelen: consent({ gegeven: false, doelen: [], metWie: [] }) } }))).toBe(false);
    expect(canSeeCase(corporatie, caseState({ corporatieId: CORP, facts: { toestemmingDelen: consent({ metWie: ['gemeente-wonen'] }) } }))).toBe(false);
    expect(canSeeCase(corporatie, caseState({ corporatieId: CORP, facts: { toestemmingDelen: consent({ doelen: [] }) } }))).toBe(false);
  });

  it('treats a consent fact without "met wie" as no consent for the corporatie (safe by default)', () => {
    const legacy = { gegeven: true, sinds: '2026-01-10', doelen: ['match'] };
    expect(canSeeCase(corporatie, caseState({ corporatieId: CORP, facts: { toestemmingDelen: legacy } }))).toBe(false);
  });

  it('never shows another corporatie’s case, nor a case with no corporatie yet', () => {
    expect(canSeeCase(who('contactpersoon', 'corp-eigen-haard'), caseState({ corporatieId: CORP, facts: { toestemmingDelen: consent() } }))).toBe(false);
    expect(canSeeCase(corporatie, caseState({ facts: { toestemmingDelen: consent() } }))).toBe(false);
  });
});

describe('canSeeCase: Wonen (cases submitted to Wonen, per regio)', () => {
  const wonen = who('medewerker-wonen', 'gemeente-amsterdam-wonen', { regio: 'amsterdam' });

  it('shows a case while it is with Wonen, even without the history', () => {
    for (const phase of ['urgentie_aangevraagd', 'toets_wonen'] as Phase[]) expect(canSeeCase(wonen, caseState({ phase }))).toBe(true);
  });

  it('shows a case that has ever been submitted to Wonen, given the history', () => {
    const state = caseState({ phase: 'herstelfase' });
    expect(canSeeCase(wonen, state)).toBe(false);
    expect(canSeeCase(wonen, state, [event('case-aangemaakt'), event('aanvraag-urgentie')])).toBe(true);
    expect(canSeeCase(wonen, state, [event('case-aangemaakt'), event('toets-derde', { akkoord: true }, 'onafhankelijke-derde')])).toBe(true);
    expect(canSeeCase(wonen, state, [event('trajectwijziging', { perspectief: '24-uurs-zorg' })])).toBe(true);
    expect(canSeeCase(wonen, state, [event('woningruil', { ongelijk: true })])).toBe(true);
    expect(canSeeCase(wonen, state, [event('verhuizing', { naarGroter: true })])).toBe(true);
    expect(canSeeCase(wonen, state, [event('einde-intermediaire-verhuur')])).toBe(true);
    // Any decision Wonen recorded on the case.
    expect(canSeeCase(wonen, state, [event('besluit-woningruil', { besluit: 'akkoord' }, 'medewerker-wonen', 'gemeente-amsterdam-wonen')])).toBe(true);
  });

  it('does not show a case that never went to Wonen', () => {
    const history = [
      event('case-aangemaakt'),
      event('toets-derde', { akkoord: false }, 'onafhankelijke-derde'),
      event('trajectwijziging', { perspectief: 'zelfstandig' }),
      event('woningruil', { ongelijk: false }),
      event('verhuizing', { naarGroter: false }),
      event('begeleidingsplan'),
    ];
    expect(submittedToWonen(caseState({ phase: 'herstelfase' }), history)).toBe(false);
    expect(canSeeCase(wonen, caseState({ phase: 'onderzoek' }), history)).toBe(false);
  });

  it('works per regio: another regio, or a token without regio, sees nothing', () => {
    const history = [event('aanvraag-urgentie')];
    expect(canSeeCase(who('medewerker-wonen', 'gemeente-drechtsteden', { regio: 'klantreis-2023' }), caseState({ phase: 'urgentie_aangevraagd' }), history)).toBe(false);
    expect(canSeeCase(who('medewerker-wonen', 'gemeente-amsterdam-wonen'), caseState({ phase: 'urgentie_aangevraagd' }), history)).toBe(false);
  });
});

describe('canSeeCase: systeembeheerder', () => {
  it('sees no case content, of any organisation', () => {
    const state = caseState({ corporatieId: CORP, facts: { toestemmingDelen: consent() }, phase: 'urgentie_aangevraagd' });
    for (const organisationId of [ZA, CORP, 'beheer']) {
      expect(canSeeCase(who('systeembeheerder', organisationId, { regio: 'amsterdam' }), state, [event('aanvraag-urgentie')])).toBe(false);
    }
  });
});

describe('organisationsOf: listing memberships', () => {
  it('lists the corporatie only while consent allows sharing with it', () => {
    expect(organisationsOf(caseState())).toEqual([ZA]);
    expect(organisationsOf(caseState({ corporatieId: CORP }))).toEqual([ZA]);
    expect(organisationsOf(caseState({ corporatieId: CORP, facts: { toestemmingDelen: consent() } }))).toEqual([ZA, CORP]);
    expect(organisationsOf(caseState({ corporatieId: CORP, facts: { toestemmingDelen: consent({ metWie: ['gemeente-wonen'] }) } }))).toEqual([ZA]);
    expect(organisationsOf(caseState({ corporatieId: CORP, facts: { toestemmingDelen: consent({ gegeven: false }) } }))).toEqual([ZA]);
  });
});

describe('ACTION_ROLES: the one table of who may take which action', () => {
  it('has an entry for every action of the route, each with at least one role', () => {
    for (const action of ACTIONS) expect(ACTION_ROLES[action]?.length, action).toBeGreaterThan(0);
  });

  it('never lets the systeembeheerder take an action', () => {
    for (const [action, roles] of Object.entries(ACTION_ROLES)) expect(roles, action).not.toContain('systeembeheerder');
  });

  it('leaves consent to the zorgaanbieder and inzage, export and retention to its organisatiebeheerder', () => {
    const allowed = (operation: Parameters<typeof mayTake>[1]) => ROLES.filter((role) => mayTake(role, operation));
    expect(allowed('toestemming')).toEqual(['begeleider', 'organisatiebeheerder']);
    expect(allowed('audit-inzien')).toEqual(['organisatiebeheerder']);
    expect(allowed('gegevens-exporteren')).toEqual(['organisatiebeheerder']);
    expect(allowed('bewaartermijn-herroepen')).toEqual(['organisatiebeheerder']);
  });
});
