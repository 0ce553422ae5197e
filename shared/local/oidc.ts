/**
 * The local OpenID provider: a stand-in for Cognito's managed login, so the werkplek runs the same code path
 * (authorization code + PKCE, refresh) locally as on AWS. Minimal, and only what the web app uses:
 * - `GET  /_dev/oidc/.well-known/openid-configuration` discovery;
 * - `GET  /_dev/oidc/authorize` a page on which you pick one of the seeded people (config/people.local.json), then
 *   a redirect back with a one-time code; `POST` of that page;
 * - `POST /_dev/oidc/token` the code (checked against the PKCE verifier, S256 only) or a refresh token → an access
 *   token with the same claims Cognito's pre-token-generation trigger puts in (`custom:org`, `custom:role`, …), an
 *   ID token for the client, and a rotated refresh token;
 * - `GET  /_dev/oidc/jwks.json`, `GET /_dev/oidc/logout`.
 * Never deployed: on AWS the user pool's domain serves all of this.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { monotonicMs } from '#domain/clock.js';
import { escapeHtml } from '#domain/mail/format.js';
import { ROLES } from '#domain/roles.js';
import { DEV_ISSUER, type DevClaims, type DevIssuer } from './dev-auth.js';

export const OIDC_PATH = '/_dev/oidc';
/** The werkplek's client id locally (on AWS: the user pool's web client). */
export const WEB_CLIENT_ID = 'werkplek';

const personSchema = z.object({
  sub: z.string().min(1),
  name: z.string().min(1),
  organisationId: z.string().min(1),
  role: z.enum(ROLES),
  teamId: z.string().optional(),
  regio: z.string().optional(),
});
export type Person = z.infer<typeof personSchema>;

export function loadPeople(file = new URL('../../config/people.local.json', import.meta.url)): Person[] {
  return z.object({ people: z.array(personSchema).min(1) }).parse(JSON.parse(readFileSync(file, 'utf8'))).people;
}

export interface OidcOptions {
  issuer: DevIssuer;
  /** The public base URL of the local server, e.g. http://127.0.0.1:3000. */
  baseUrl: () => string;
  people?: Person[];
  /** Lifetime of access and ID tokens (Cognito's web client: 1 h). Tests shorten it to exercise the renewal. */
  tokenLifetimeSeconds?: number;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

interface PendingCode {
  person: Person;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce?: string;
  /** Monotonic ms; a code lives a minute and is used once. */
  expiresAt: number;
}

const CODE_LIFETIME_MS = 60_000;

/** The provider as one request handler; `undefined` for paths it does not serve. */
export function localOidcProvider(options: OidcOptions): (method: string, url: URL, body: string) => Promise<RawAnswer | undefined> {
  const people = options.people ?? loadPeople();
  const lifetime = options.tokenLifetimeSeconds ?? 3600;
  const codes = new Map<string, PendingCode>();
  const refreshTokens = new Map<string, { person: Person; clientId: string }>();
  const base = () => `${options.baseUrl()}${OIDC_PATH}`;

  const tokensFor = async (person: Person, clientId: string, nonce?: string) => {
    const claims: DevClaims = {
      sub: person.sub,
      organisationId: person.organisationId,
      role: person.role,
      ...(person.teamId ? { teamId: person.teamId } : {}),
      ...(person.regio ? { regio: person.regio } : {}),
    };
    const refresh = randomBytes(32).toString('base64url');
    refreshTokens.set(refresh, { person, clientId });
    return {
      access_token: await options.issuer.mint(claims, { expiresIn: `${lifetime}s` }),
      id_token: await options.issuer.mint(claims, { expiresIn: `${lifetime}s`, audience: clientId, extra: { name: person.name, ...(nonce ? { nonce } : {}) }, tokenUse: 'id' }),
      refresh_token: refresh,
      token_type: 'Bearer',
      expires_in: lifetime,
    };
  };

  return async (method, url, body) => {
    if (!url.pathname.startsWith(OIDC_PATH)) return undefined;
    const path = url.pathname.slice(OIDC_PATH.length);
    if (path === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: DEV_ISSUER,
        authorization_endpoint: `${base()}/authorize`,
        token_endpoint: `${base()}/token`,
        jwks_uri: `${base()}/jwks.json`,
        end_session_endpoint: `${base()}/logout`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        code_challenge_methods_supported: ['S256'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid', 'profile', 'email'],
        token_endpoint_auth_methods_supported: ['none'],
      });
    }
    if (path === '/jwks.json') return json(200, options.issuer.jwks());
    if (path === '/login.css') return { status: 200, headers: { 'content-type': 'text/css; charset=utf-8' }, body: LOGIN_CSS };
    if (path === '/authorize') {
      const params = method === 'POST' ? new URLSearchParams(body) : url.searchParams;
      const request = authorizeRequest.safeParse(Object.fromEntries(params));
      if (!request.success) return page(400, errorPage(request.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)));
      const r = request.data;
      if (method === 'GET') return page(200, chooserPage(people, params));
      const person = people.find((p) => p.sub === params.get('person'));
      if (!person) return page(400, chooserPage(people, params, 'Kies wie u bent.'));
      const code = randomBytes(24).toString('base64url');
      codes.set(code, { person, clientId: r.client_id, redirectUri: r.redirect_uri, codeChallenge: r.code_challenge, ...(r.nonce ? { nonce: r.nonce } : {}), expiresAt: monotonicMs() + CODE_LIFETIME_MS });
      const back = new URL(r.redirect_uri);
      back.searchParams.set('code', code);
      if (r.state) back.searchParams.set('state', r.state);
      return { status: 302, headers: { location: back.toString(), 'cache-control': 'no-store' }, body: '' };
    }
    if (path === '/token' && method === 'POST') {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') === 'authorization_code') {
        const code = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        if (!code || code.expiresAt < monotonicMs()) return tokenError('invalid_grant', 'unknown, used or expired code');
        if (form.get('client_id') !== code.clientId || form.get('redirect_uri') !== code.redirectUri) return tokenError('invalid_grant', 'client or redirect_uri differs');
        const verifier = form.get('code_verifier') ?? '';
        if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || s256(verifier) !== code.codeChallenge) return tokenError('invalid_grant', 'PKCE verification failed');
        return json(200, await tokensFor(code.person, code.clientId, code.nonce), { 'cache-control': 'no-store' });
      }
      if (form.get('grant_type') === 'refresh_token') {
        const known = refreshTokens.get(form.get('refresh_token') ?? '');
        if (!known || known.clientId !== form.get('client_id')) return tokenError('invalid_grant', 'unknown refresh token');
        refreshTokens.delete(form.get('refresh_token') ?? '');
        return json(200, await tokensFor(known.person, known.clientId), { 'cache-control': 'no-store' });
      }
      return tokenError('unsupported_grant_type', 'authorization_code or refresh_token');
    }
    if (path === '/logout') {
      const to = url.searchParams.get('post_logout_redirect_uri');
      return { status: 302, headers: { location: to && to.startsWith(options.baseUrl()) ? to : `${options.baseUrl()}/` }, body: '' };
    }
    return json(404, { error: 'not_found' });
  };
}

const authorizeRequest = z.object({
  response_type: z.literal('code'),
  client_id: z.literal(WEB_CLIENT_ID),
  redirect_uri: z.url(),
  code_challenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a S256 challenge'),
  code_challenge_method: z.literal('S256'),
  state: z.string().max(512).optional(),
  nonce: z.string().max(512).optional(),
  scope: z.string().optional(),
});

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): RawAnswer {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

function tokenError(error: string, description: string): RawAnswer {
  return json(400, { error, error_description: description });
}

function page(status: number, html: string): RawAnswer {
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      'x-content-type-options': 'nosniff',
    },
    body: html,
  };
}

const ROLE_LABELS: Record<string, string> = {
  begeleider: 'begeleider',
  'onafhankelijke-derde': 'onafhankelijke derde',
  organisatiebeheerder: 'organisatiebeheerder',
  contactpersoon: 'contactpersoon woningcorporatie',
  'medewerker-wonen': 'medewerker Wonen',
  systeembeheerder: 'systeembeheerder',
  corporatiebeheerder: 'beheerder woningcorporatie',
  wonenbeheerder: 'beheerder Wonen (gemeente)',
};

function shell(title: string, content: string): string {
  return `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – Omslagroute (lokaal)</title>
<link rel="stylesheet" href="${OIDC_PATH}/login.css"></head>
<body><main><h1>${escapeHtml(title)}</h1>${content}</main></body></html>`;
}

function chooserPage(people: Person[], params: URLSearchParams, error?: string): string {
  const hidden = [...params].filter(([name]) => name !== 'person').map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('');
  const options = people
    .map(
      (p, i) => `<div class="keuze"><input type="radio" name="person" id="person-${i}" value="${escapeHtml(p.sub)}"${i === 0 ? ' required' : ''}>
<label for="person-${i}">${escapeHtml(p.name)} <span>${escapeHtml(ROLE_LABELS[p.role] ?? p.role)}, ${escapeHtml(p.organisationId)}${p.teamId ? `, ${escapeHtml(p.teamId)}` : ''}${p.regio ? `, regio ${escapeHtml(p.regio)}` : ''}</span></label></div>`,
    )
    .join('\n');
  return shell(
    'Inloggen',
    `<p>Lokale ontwikkelomgeving: kies een van de testpersonen. Op AWS logt u hier in met uw account (Cognito).</p>
${error ? `<p role="alert" class="fout">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${OIDC_PATH}/authorize">${hidden}
<fieldset><legend>Wie bent u?</legend>
${options}
</fieldset>
<button type="submit">Inloggen</button>
</form>`,
  );
}

function errorPage(problems: string[]): string {
  return shell('Inloggen niet mogelijk', `<p>Het inlogverzoek is ongeldig.</p><ul>${problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`);
}

/** The sign-in page's stylesheet: served, not inline, so the page keeps a CSP without 'unsafe-inline'. */
export const LOGIN_CSS = `body{font-family:system-ui,sans-serif;margin:0;color:#202020}main{max-width:40rem;margin:2rem auto;padding:0 1rem}
h1{font-size:2rem}fieldset{border:0;padding:0;margin:1.5rem 0}legend{font-weight:700;font-size:1.25rem;margin-bottom:.5rem}
.keuze{display:flex;gap:.5rem;align-items:flex-start;margin:.5rem 0}.keuze input{width:1.25rem;height:1.25rem;margin-top:.15rem}
.keuze span{display:block;color:#434343}button{font:inherit;font-weight:700;background:#004699;color:#fff;border:0;padding:.75rem 1.5rem;cursor:pointer}
button:focus-visible,input:focus-visible{outline:3px solid #000;outline-offset:2px}.fout{color:#b30000;font-weight:700}`;
