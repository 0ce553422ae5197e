/**
 * The organisation directory: who receives the e-mails of the route. Configuration, not code — the data lives in
 * `config/organisations.<stage>.json` and is validated here once at cold start (a bad file fails loudly).
 *
 * Cases store no e-mail addresses (a case knows organisation ids and the user ids of its actors only), so a mail to
 * a party is resolved at send time:
 * - `begeleider`: the directory contact of the case's begeleider (a user id) if there is one, else the mailbox of the
 *   case's team (when the case has a team the directory knows), else the zorgaanbieder's functional mailbox.
 * - `zorgaanbieder`: the zorgaanbieder's functional mailbox.
 * - `meldpunt`: the zorgaanbieder's central overlast desk (002 WA6, Bijlage 1), else its functional mailbox.
 * - `onafhankelijke-derde`: the zorgaanbieder's mailbox for the onafhankelijke derde (002 WA8 stap 3), else its
 *   functional mailbox.
 * - `corporatie`: the corporatie's functional mailbox — only when the client's consent to share with the corporatie
 *   is recorded (002 WA10); without it the corporatie is not told about the case at all.
 * - `woonzaken`: the mailbox of the gemeente (directie Wonen) that serves the case's regio.
 * - `mzwo`: the Meldpunt Zorg en Woonoverlast of that gemeente (002 WA6, WA9), when the directory names one.
 */
import * as z from 'zod';
import type { CaseState } from './case.js';
import { organisationsOf } from './access.js';
import type { Party } from './deadlines/index.js';

export type { Party };

const mailbox = z.email();
const id = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'organisation ids are lower-case slugs');

const contactSchema = z.object({
  /** The user id (token `sub`) of a professional; never a client. */
  userId: z.string().min(1),
  role: z.enum(['begeleider', 'onafhankelijke-derde', 'organisatiebeheerder', 'contactpersoon', 'medewerker-wonen']),
  email: mailbox,
});

const common = {
  id,
  name: z.string().min(1),
  /** The functional mailbox (team or department), used whenever no more specific address applies. */
  mailbox,
  contacts: z.array(contactSchema).default([]),
};

const organisationSchema = z.discriminatedUnion('kind', [
  z.object({
    ...common,
    kind: z.literal('zorgaanbieder'),
    /** Central overlast desk (002 WA6). */
    meldpunt: mailbox.optional(),
    /** Mailbox of the onafhankelijke derde (002 WA8 stap 3). */
    onafhankelijkeDerde: mailbox.optional(),
    teams: z.array(z.object({ id: z.string().min(1), name: z.string().min(1), mailbox })).default([]),
  }),
  z.object({ ...common, kind: z.literal('woningcorporatie') }),
  z.object({
    ...common,
    kind: z.literal('gemeente'),
    /** The regio's whose Wonen mail this mailbox receives (002 WA8: woonzaken). */
    regios: z.array(z.string().min(1)).min(1),
    /** The Meldpunt Zorg en Woonoverlast of the regio (002 WA6): overlast after the omklap (002 WA9). */
    mzwo: mailbox.optional(),
  }),
]);

export const directorySchema = z
  .object({
    $comment: z.string().optional(),
    organisations: z.array(organisationSchema).min(1),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.organisations.forEach((o, i) => {
      if (seen.has(o.id)) ctx.addIssue({ code: 'custom', path: ['organisations', i, 'id'], message: `duplicate id ${o.id}` });
      seen.add(o.id);
    });
  });

export type DirectoryDocument = z.infer<typeof directorySchema>;
export type Organisation = DirectoryDocument['organisations'][number];

/** A directory file that does not validate. Thrown at cold start, naming the offending path. */
export class InvalidDirectory extends Error {
  constructor(detail: string) {
    super(`Organisation directory: ${detail}`);
  }
  override get name(): string {
    return 'InvalidDirectory';
  }
}

/** The case facts recipient resolution needs (a subset of CaseState; no client data). */
export type RecipientCase = Pick<CaseState, 'zorgaanbiederId' | 'corporatieId' | 'teamId' | 'regio' | 'facts'>;

export interface ResolvedRecipients {
  /** Distinct addresses, in the order of the parties. */
  to: string[];
  /** Parties for which no address could be found (unknown organisation, no corporatie, no consent). */
  unresolved: Party[];
}

/** The organisation an address belongs to (see `OrganisationDirectory.ownerOf`). */
export interface AddressOwner {
  organisationId: string;
  as: 'contact' | 'mailbox' | 'team' | 'meldpunt' | 'onafhankelijke-derde';
  /** The organisation's functional mailbox, lower-cased. */
  mailbox: string;
}

export class OrganisationDirectory {
  private readonly byId: Map<string, Organisation>;

  constructor(readonly document: DirectoryDocument) {
    this.byId = new Map(document.organisations.map((o) => [o.id, o]));
  }

  /** Validates a parsed JSON document. */
  static parse(json: unknown): OrganisationDirectory {
    const parsed = directorySchema.safeParse(json);
    if (!parsed.success) {
      throw new InvalidDirectory(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    }
    return new OrganisationDirectory(parsed.data);
  }

  organisation(organisationId: string): Organisation | undefined {
    return this.byId.get(organisationId);
  }

  /** Display name for mail texts (an organisation's name is not personal data). */
  nameOf(organisationId: string | undefined): string | undefined {
    return organisationId ? this.byId.get(organisationId)?.name : undefined;
  }

  /** The address of one party for a case, or undefined when the directory cannot (or may not) name one. */
  addressOf(party: Party, kase: RecipientCase, begeleiderUserId?: string): string | undefined {
    const za = this.byId.get(kase.zorgaanbiederId);
    const zorgaanbieder = za?.kind === 'zorgaanbieder' ? za : undefined;
    switch (party) {
      case 'begeleider': {
        if (!zorgaanbieder) return undefined;
        const contact = begeleiderUserId ? zorgaanbieder.contacts.find((c) => c.userId === begeleiderUserId) : undefined;
        const team = kase.teamId ? zorgaanbieder.teams.find((t) => t.id === kase.teamId) : undefined;
        return contact?.email ?? team?.mailbox ?? zorgaanbieder.mailbox;
      }
      case 'zorgaanbieder':
        return zorgaanbieder?.mailbox;
      case 'meldpunt':
        return zorgaanbieder ? (zorgaanbieder.meldpunt ?? zorgaanbieder.mailbox) : undefined;
      case 'onafhankelijke-derde':
        return zorgaanbieder ? (zorgaanbieder.onafhankelijkeDerde ?? zorgaanbieder.mailbox) : undefined;
      case 'corporatie': {
        // 002 WA10: nothing about the case reaches the corporatie without the client's recorded consent.
        if (!kase.corporatieId || !organisationsOf(kase as CaseState).includes(kase.corporatieId)) return undefined;
        const corporatie = this.byId.get(kase.corporatieId);
        return corporatie?.kind === 'woningcorporatie' ? corporatie.mailbox : undefined;
      }
      case 'woonzaken': {
        const gemeente = this.document.organisations.find((o) => o.kind === 'gemeente' && o.regios.includes(kase.regio));
        return gemeente?.mailbox;
      }
      case 'mzwo': {
        const gemeente = this.document.organisations.find((o) => o.kind === 'gemeente' && o.regios.includes(kase.regio));
        return gemeente?.kind === 'gemeente' ? gemeente.mzwo : undefined;
      }
    }
  }

  /**
   * Which organisation an address belongs to, and as what (bounces: shown to that organisation, and a suppressed
   * address is replaced by `mailbox`, the organisation's functional mailbox). A contact wins over a mailbox when an
   * address is both. Undefined for an address the directory does not know.
   */
  ownerOf(address: string): AddressOwner | undefined {
    const wanted = address.toLowerCase();
    const is = (candidate: string | undefined) => candidate?.toLowerCase() === wanted;
    for (const o of this.document.organisations) {
      if (o.contacts.some((c) => is(c.email))) return { organisationId: o.id, as: 'contact', mailbox: o.mailbox.toLowerCase() };
    }
    for (const o of this.document.organisations) {
      if (is(o.mailbox)) return { organisationId: o.id, as: 'mailbox', mailbox: o.mailbox.toLowerCase() };
      if (o.kind === 'zorgaanbieder') {
        if (o.teams.some((t) => is(t.mailbox))) return { organisationId: o.id, as: 'team', mailbox: o.mailbox.toLowerCase() };
        if (is(o.meldpunt)) return { organisationId: o.id, as: 'meldpunt', mailbox: o.mailbox.toLowerCase() };
        if (is(o.onafhankelijkeDerde)) return { organisationId: o.id, as: 'onafhankelijke-derde', mailbox: o.mailbox.toLowerCase() };
      }
    }
    return undefined;
  }

  /** All addresses of `parties`, deduplicated (the begeleider's team mailbox may equal the zorgaanbieder's). */
  resolve(parties: readonly Party[], kase: RecipientCase, begeleiderUserId?: string): ResolvedRecipients {
    const to: string[] = [];
    const unresolved: Party[] = [];
    for (const party of parties) {
      const address = this.addressOf(party, kase, begeleiderUserId);
      if (!address) unresolved.push(party);
      else if (!to.includes(address.toLowerCase())) to.push(address.toLowerCase());
    }
    return { to, unresolved };
  }
}
