/**
 * The local dev endpoints' input, validated like every other request (issue 14 point 13): `POST /_dev/clock` and
 * `POST /_dev/token`. A local convenience never deployed to AWS, but a typo (`{"advanceDays":"x"}`) must not answer
 * 200 and leave the clock where it was, and a token must name an organisation the directory knows, of the kind the
 * role belongs to, with a regio for Wonen (Wonen works per regio: without one it would see nothing).
 */
import * as z from 'zod';
import { REGIOS } from '#domain/case.js';
import type { OrganisationDirectory } from '#domain/directory.js';
import { ROLE_ORGANISATION_KIND, ROLES } from '#domain/roles.js';

export const devClockSchema = z
  .object({
    now: z.iso.datetime({ offset: true }).optional().describe('Set the local clock to this ISO instant'),
    advanceDays: z.number().finite().optional().describe('Move the clock forward (or back, negative) by days'),
    advanceMinutes: z.number().finite().optional().describe('Move the clock by minutes'),
  })
  .strict();
export type DevClockRequest = z.infer<typeof devClockSchema>;

export const devTokenSchema = z
  .object({
    organisationId: z.string().min(1),
    role: z.enum(ROLES),
    sub: z.string().min(1).optional(),
    teamId: z.string().min(1).optional(),
    regio: z.enum(REGIOS).optional(),
  })
  .strict();
export type DevTokenRequest = z.infer<typeof devTokenSchema>;

/** `POST /_dev/inbound-mail`: a raw mail as text, or as base64; one of the two, not empty. */
export const devInboundMailSchema = z
  .object({
    eml: z.string().min(1).optional().describe('The raw message (RFC 5322), e.g. jq -Rs \'{eml: .}\' < mail.eml'),
    base64: z.string().min(1).optional().describe('The raw message, base64-encoded'),
  })
  .strict()
  .refine((b) => b.eml !== undefined || b.base64 !== undefined, { message: 'Send {"eml": "<raw message>"} or {"base64": "…"}' });
export type DevInboundMailRequest = z.infer<typeof devInboundMailSchema>;

/** A refusal of a dev endpoint: 400 with the reasons, in the problem shape's `errors` (path + message). */
export interface DevRefusal {
  status: 400;
  body: { error: string; errors: Array<{ path: string; message: string }> };
}

function refusal(error: string, errors: Array<{ path: string; message: string }>): DevRefusal {
  return { status: 400, body: { error, errors } };
}

function issuesOf(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message }));
}

export function parseDevClock(body: unknown): DevClockRequest | DevRefusal {
  const parsed = devClockSchema.safeParse(body ?? {});
  return parsed.success ? parsed.data : refusal('Ongeldige invoer voor /_dev/clock', issuesOf(parsed.error));
}

export function parseDevInboundMail(body: unknown): DevInboundMailRequest | DevRefusal {
  const parsed = devInboundMailSchema.safeParse(body ?? {});
  return parsed.success ? parsed.data : refusal('Send JSON: {"eml": "<raw message>"} (e.g. jq -Rs \'{eml: .}\' < mail.eml)', issuesOf(parsed.error));
}

/**
 * The claims of a dev token, or a refusal: the organisation must be in the directory (the systeembeheerder's
 * organisation excepted: operations is no party of the route), of the kind the role belongs to; Wonen needs a regio
 * that its gemeente serves.
 */
export function parseDevToken(body: unknown, directory: OrganisationDirectory): DevTokenRequest | DevRefusal {
  const parsed = devTokenSchema.safeParse(body ?? {});
  if (!parsed.success) return refusal(`organisationId and role (${ROLES.join(', ')}) are required`, issuesOf(parsed.error));
  const claims = parsed.data;
  if (claims.role === 'systeembeheerder') return claims;
  const organisation = directory.organisation(claims.organisationId);
  if (!organisation) return refusal('Onbekende organisatie', [{ path: 'body.organisationId', message: `Niet in de organisatielijst: ${claims.organisationId}` }]);
  const kind = ROLE_ORGANISATION_KIND[claims.role];
  if (organisation.kind !== kind) {
    return refusal('Rol past niet bij de organisatie', [{ path: 'body.role', message: `${claims.role} hoort bij een ${kind}, ${claims.organisationId} is een ${organisation.kind}` }]);
  }
  if (claims.role === 'medewerker-wonen') {
    if (!claims.regio) return refusal('Wonen werkt per regio', [{ path: 'body.regio', message: 'Verplicht voor medewerker-wonen' }]);
    if (organisation.kind === 'gemeente' && !organisation.regios.includes(claims.regio)) {
      return refusal('Regio past niet bij de gemeente', [{ path: 'body.regio', message: `${claims.organisationId} bedient: ${organisation.regios.join(', ')}` }]);
    }
  }
  return claims;
}

export function isRefusal(value: object): value is DevRefusal {
  return 'status' in value && (value as { status: unknown }).status === 400;
}
