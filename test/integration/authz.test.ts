/**
 * Who may see and do what, over HTTP (local API Gateway + real handlers + DynamoDB Local):
 * - every endpoint × every role of a foreign organisation is refused exactly like a case that does not exist;
 * - tampered, expired, wrong-issuer, wrong-audience (and other forged) tokens are refused before any function runs;
 * - the corporatie sees nothing without the client's consent, and a withdrawal stops sharing at once;
 * - CORS answers only the configured origins.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJWK, SignJWT, type JWK } from 'jose';
import { PHASES } from '../../shared/domain/phases.js';
import { ROLES } from '../../shared/domain/roles.js';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes.js';
import { devIssuer, DEV_AUDIENCE, DEV_ISSUER } from '../../shared/local/dev-auth.js';
import { aanvraagUrgentieBody, besluitUrgentieBody, createCaseBody, sleuteloverdrachtBody, woningaanbodBody } from '../support/bodies.js';
import { callers, CORP, foreignCallers, problemShape, startHarness, ZA, type Harness } from './authz-harness.js';

const NOW = '2026-11-23T10:00:00.000Z';
const MISSING = '00000000-0000-4000-8000-000000000000';
let h: Harness;
let shared: { caseId: string; reference: string };

beforeAll(async () => {
  h = await startHarness(NOW);
  shared = await h.sharedCase();
}, 120_000);

afterAll(async () => {
  delete process.env.ALLOWED_ORIGINS;
  await h?.stop();
}, 60_000);

/** Valid bodies where we have them (so a refusal cannot be a validation error); forms.fixtures when it exists. */
async function bodyFor(route: RouteDefinition, today: string): Promise<{ body: unknown; valid: boolean } | undefined> {
  if (!route.body) return undefined;
  const action = route.path.match(/\/forms\/([a-z0-9-]+)$/)?.[1];
  if (action) {
    const known: Record<string, unknown> = {
      'aanvraag-urgentie': aanvraagUrgentieBody(today),
      'besluit-urgentie': besluitUrgentieBody(today),
      woningaanbod: woningaanbodBody(today, { corporatieId: CORP }),
      sleuteloverdracht: sleuteloverdrachtBody(today),
    };
    if (known[action]) return { body: known[action], valid: true };
    const fixtures = new URL('../unit/forms.fixtures.ts', import.meta.url);
    if (existsSync(fixtures)) {
      const { validInput } = (await import(fixtures.href)) as { validInput?: (action: string, overrides?: object, today?: string) => unknown };
      const body = validInput?.(action, {}, today);
      if (body !== undefined) return { body, valid: true };
    }
    return { body: {}, valid: false };
  }
  if (route.function === 'record-consent') return { body: { action: 'record', datum: today, metWie: ['woningcorporatie'], doelen: ['match'] }, valid: true };
  if (route.function === 'revoke-retention') return { body: { action: 'revoke' }, valid: true };
  if (route.function === 'wonen-item-status') return { body: { status: 'in-behandeling' }, valid: true };
  return { body: {}, valid: false };
}

/** Functions that refuse by role (403) before reading the case; see the matrix. */
const ROLE_GATED = new Set<string>(['wonen-item-status']);

function pathFor(route: RouteDefinition, caseId: string): string {
  return route.path.replace('{caseId}', encodeURIComponent(caseId)).replace(/\{\w+\}/g, '1');
}

describe('every endpoint × every role of a foreign organisation', () => {
  it('is refused with exactly the answer for a case that does not exist, and nothing of the case', async () => {
    const before = await h.get(`/cases/${shared.caseId}`, callers.begeleider);
    const caseRoutes = ROUTES.filter((r) => r.authenticated && r.path.includes('{caseId}'));
    expect(caseRoutes.map((r) => r.function)).toEqual(expect.arrayContaining(['get-case', 'submit-form', 'record-consent', 'audit-log', 'export-case', 'revoke-retention']));
    const withoutValidBody: string[] = [];
    for (const route of caseRoutes) {
      const payload = await bodyFor(route, h.today());
      if (payload && !payload.valid) withoutValidBody.push(route.path);
      for (const role of ROLES) {
        const caller = foreignCallers[role];
        const label = `${route.method} ${route.path} as foreign ${role}`;
        const real = await h.request(route.method, pathFor(route, shared.caseId), { caller, body: payload?.body });
        const ghost = await h.request(route.method, pathFor(route, MISSING), { caller, body: payload?.body });
        expect(real.status, label).toBe(ghost.status);
        // Refusing by role before looking at the case (same answer, existing or not) is no oracle either: only the
        // Wonen queue's status endpoint does that (403 for roles other than medewerker-wonen).
        if (ROLE_GATED.has(route.function) && real.status === 403) expect(role, label).not.toBe('medewerker-wonen');
        else if (!payload || payload.valid) expect(real.status, label).toBe(404);
        else expect([400, 404], label).toContain(real.status);
        // Byte for byte the same problem document, apart from the request id and the requested path.
        expect(JSON.stringify(problemShape(real.body)), label).toBe(JSON.stringify(problemShape(ghost.body)));
        expect(real.headers.get('content-type'), label).toBe(ghost.headers.get('content-type'));
        expect(real.text, label).not.toContain(shared.reference);
        expect(real.text, label).not.toContain('Q.X.');
        expect(real.text, label).not.toContain(ZA);
      }
    }
    if (withoutValidBody.length) console.info(`matrix: no valid body known for ${withoutValidBody.join(', ')} (compared as-is)`);
    // Nothing was written by any of the refused requests.
    const after = await h.get(`/cases/${shared.caseId}`, callers.begeleider);
    expect(after.body.version).toBe(before.body.version);
  }, 120_000);

  it('keeps the case out of foreign organisations’ lists (cases, by reference, deadlines, any list)', async () => {
    const lists = ROUTES.filter((r) => r.authenticated && r.method === 'GET' && !r.path.includes('{'));
    for (const route of lists) {
      for (const role of ROLES) {
        const caller = foreignCallers[role];
        for (const path of [route.path, ...(route.function === 'list-cases' ? [`${route.path}?reference=${shared.reference}`] : [])]) {
          const answer = await h.get(path, caller);
          expect([200, 403], `${path} as ${role}`).toContain(answer.status);
          expect(answer.text, `${path} as ${role}`).not.toContain(shared.caseId);
          expect(answer.text, `${path} as ${role}`).not.toContain(shared.reference);
        }
      }
    }
  });

  it('refuses a begeleider of another team, and Wonen for a case that never went to Wonen, in the same way', async () => {
    const created = await h.post('/cases', callers.begeleider, createCaseBody({ teamId: 'team-noord' }));
    const { caseId } = created.body;
    const otherTeam = { ...callers.begeleider, teamId: 'team-zuid', sub: 'begeleider-zuid' };
    const ghost = await h.get(`/cases/${MISSING}`, otherTeam);
    const refused = await h.get(`/cases/${caseId}`, otherTeam);
    expect(refused.status).toBe(404);
    expect(problemShape(refused.body)).toEqual(problemShape(ghost.body));
    expect((await h.get(`/cases/${caseId}`, { ...callers.begeleider, teamId: 'team-noord' })).status).toBe(200);
    // Still in onderzoek: never submitted to Wonen.
    const wonen = await h.get(`/cases/${caseId}`, callers.wonen);
    expect(wonen.status).toBe(404);
    expect(problemShape(wonen.body)).toEqual(problemShape((await h.get(`/cases/${MISSING}`, callers.wonen)).body));
  });

  it('lets the systeembeheerder see no case content, not even of its own cases', async () => {
    const list = await h.get('/cases', foreignCallers.systeembeheerder);
    expect(list.status).toBe(403);
  });

  it('refuses the monitor figures of the case’s organisation to every foreign role; Wonen elsewhere sees only its regio', async () => {
    const monitor = ROUTES.filter((r) => r.authenticated && r.path.includes('{organisationId}') && r.function === 'monitor-figures');
    expect(monitor).toHaveLength(1);
    for (const role of ROLES) {
      const answer = await h.get(`/monitor/${ZA}`, foreignCallers[role]);
      // A medewerker Wonen of another regio may read the figures of its own regio: counts only, all zero here.
      // So may a wonenbeheerder (issue 13: the gemeente's own figures are its regio's).
      expect(answer.status, role).toBe(role === 'medewerker-wonen' || role === 'wonenbeheerder' ? 200 : 403);
      expect(answer.text, role).not.toContain(shared.caseId);
      expect(answer.text, role).not.toContain(shared.reference);
      if (answer.status === 200) expect(answer.body.regio, role).toBe('klantreis-2023');
    }
    expect((await h.get(`/monitor/${ZA}`, callers.beheerder)).status).toBe(200);
  });

  it('refuses every other organisation-scoped endpoint (bounced addresses) to every foreign role but operations', async () => {
    const scoped = ROUTES.filter((r) => r.authenticated && r.path.includes('{organisationId}') && r.function !== 'monitor-figures');
    expect(scoped.map((r) => r.function)).toContain('mail-bounces');
    for (const route of scoped) {
      const path = route.path.replace('{organisationId}', ZA).replace(/\{\w+\}/g, 'adres%40example.org');
      for (const role of ROLES) {
        const answer = await h.request(route.method, path, { caller: foreignCallers[role] });
        // Operations keeps the mail health of every organisation (addresses of professionals, never client data).
        if (role === 'systeembeheerder') expect([200, 204, 404], `${route.method} ${route.path} as ${role}`).toContain(answer.status);
        else expect(answer.status, `${route.method} ${route.path} as foreign ${role}`).toBe(403);
      }
    }
  });
});

describe('the beheerders of a corporatie and of the gemeente (issue 13)', () => {
  const WONEN_ORG = 'gemeente-amsterdam-wonen';
  for (const [name, beheerder, own] of [
    ['corporatiebeheerder', callers.corporatieBeheerder, CORP],
    ['wonenbeheerder', callers.wonenBeheerder, WONEN_ORG],
  ] as const) {
    it(`${name}: the own organisation's bounces and monitor figures; no case content, no listing, no queue`, async () => {
      const { caseId, reference } = await h.sharedCase({ metWie: ['woningcorporatie', 'gemeente-wonen'] });
      expect((await h.get(`/organisations/${own}/bounces`, beheerder)).status).toBe(200);
      expect((await h.get(`/organisations/${ZA}/bounces`, beheerder)).status).toBe(403);
      const read = await h.get(`/cases/${caseId}`, beheerder);
      expect(read.status).toBe(404);
      expect(problemShape(read.body)).toEqual(problemShape((await h.get(`/cases/${MISSING}`, beheerder)).body));
      for (const path of ['/cases', `/cases?reference=${reference}`, '/deadlines']) {
        const answer = await h.get(path, beheerder);
        expect(answer.text, path).not.toContain(caseId);
      }
      expect((await h.get('/wonen/queue', beheerder)).status).toBe(403);
      expect((await h.get(`/cases/${caseId}/audit`, beheerder)).status).not.toBe(200);
      expect((await h.get(`/cases/${caseId}/export`, beheerder)).status).not.toBe(200);
      const monitor = await h.get(`/monitor/${name === 'corporatiebeheerder' ? CORP : ZA}`, beheerder);
      expect(monitor.status, monitor.text).toBe(200);
      expect(monitor.text).not.toContain(caseId);
      if (name === 'wonenbeheerder') expect(monitor.body.regio).toBe('amsterdam');
      else expect((await h.get(`/monitor/${ZA}`, beheerder)).status).toBe(403);
    });
  }
});

describe('listings ⊆ readable (issue 16)', () => {
  /** Every case id one answer names. */
  const caseIdsIn = (text: string): string[] => [...new Set([...text.matchAll(/"caseId":"([^"]+)"/g)].map((m) => m[1]!))];

  it('refuses a zorgaanbieder (or any non-corporatie) named as corporatieId on a woningaanbod, and links nothing', async () => {
    const today = h.today();
    const created = await h.post('/cases', callers.begeleider, createCaseBody());
    const { caseId } = created.body;
    await h.submitForm(caseId, 'aanvraag-urgentie', callers.begeleider, aanvraagUrgentieBody(today));
    await h.submitForm(caseId, 'besluit-urgentie', callers.wonen, besluitUrgentieBody(today));
    for (const corporatieId of ['za-regenboog', 'gemeente-amsterdam-wonen', 'corp-bestaat-niet', ZA]) {
      const answer = await h.post(`/cases/${caseId}/forms/woningaanbod`, callers.begeleider, woningaanbodBody(today, { corporatieId }));
      expect(answer.status, `${corporatieId}: ${answer.text}`).toBe(422);
      expect(answer.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.corporatieId']);
    }
    expect((await h.get(`/cases/${caseId}`, callers.begeleider)).body.phase).toBe('wachtlijst');
    const regenboog = { organisationId: 'za-regenboog', role: 'begeleider', sub: 'rb-1' } as const;
    expect((await h.get('/cases?phase=wachtlijst', regenboog)).text).not.toContain(caseId);
  });

  it('shows every role, of every organisation, in every listing only cases it can open with GET /cases/{id}', async () => {
    const readers = [
      ...Object.values(callers),
      ...Object.values(foreignCallers),
      { organisationId: 'gemeente-amsterdam-wonen', role: 'medewerker-wonen', sub: 'wonen-zonder-regio' },
      { organisationId: 'za-regenboog', role: 'begeleider', sub: 'rb-1' },
      { organisationId: 'za-regenboog', role: 'contactpersoon', sub: 'rb-cp' },
      { organisationId: CORP, role: 'begeleider', sub: 'ymere-als-begeleider' },
      { ...callers.begeleider, teamId: 'team-zuid', sub: 'begeleider-zuid' },
    ] as const;
    const lists = ROUTES.filter((r) => r.authenticated && r.method === 'GET' && !r.path.includes('{'));
    expect(lists.map((r) => r.path)).toEqual(expect.arrayContaining(['/cases', '/deadlines', '/wonen/queue']));
    const paths = lists.flatMap((r) =>
      r.function === 'list-cases'
        ? [r.path, ...PHASES.map((p) => `${r.path}?phase=${p}&limit=100`), `${r.path}?reference=${shared.reference}`]
        : r.function === 'wonen-queue'
          ? [r.path, '/wonen/queue?status=besloten', '/wonen/queue?status=in-behandeling']
          : [r.path],
    );
    let listed = 0;
    for (const reader of readers) {
      const label = `${reader.organisationId} ${reader.role}${'regio' in reader ? ` ${reader.regio}` : ''}${'teamId' in reader ? ` ${reader.teamId}` : ''}`;
      const readable = new Map<string, boolean>();
      for (const path of paths) {
        const answer = await h.get(path, reader);
        if (answer.status !== 200) continue;
        for (const caseId of caseIdsIn(answer.text)) {
          if (!readable.has(caseId)) readable.set(caseId, (await h.get(`/cases/${encodeURIComponent(caseId)}`, reader)).status === 200);
          expect(readable.get(caseId), `${path} as ${label} lists ${caseId}, which GET /cases/{id} refuses it`).toBe(true);
          listed++;
        }
      }
    }
    expect(listed).toBeGreaterThan(0);
  }, 120_000);
});

describe('tokens (as API Gateway’s JWT authorizer)', () => {
  const claims = { sub: 'begeleider-1', organisationId: ZA, role: 'begeleider' as const };
  const path = () => `/cases/${shared.caseId}`;

  async function expectRefused(token: string | undefined, label: string) {
    const answer = await h.request('GET', path(), { ...(token !== undefined ? { token } : {}) });
    expect(answer.status, label).toBe(401);
    expect(answer.headers.get('www-authenticate'), label).toBe('Bearer');
    expect(answer.text, label).not.toContain(shared.reference);
  }

  it('accepts a valid token (control)', async () => {
    expect((await h.request('GET', path(), { token: await h.issuer.mint(claims) })).status).toBe(200);
  });

  it('refuses a missing or malformed token', async () => {
    await expectRefused(undefined, 'missing');
    await expectRefused('abc.def.ghi', 'garbage');
    const answer = await h.request('GET', path(), { headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } });
    expect(answer.status).toBe(401);
  });

  it('refuses a tampered token (payload changed, signature kept)', async () => {
    const [header, payload, signature] = (await h.issuer.mint(claims)).split('.') as [string, string, string];
    const changed = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), 'custom:org': 'za-leger-des-heils', 'custom:role': 'organisatiebeheerder' };
    await expectRefused(`${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`, 'tampered payload');
    await expectRefused(`${header}.${payload}.${signature.slice(0, -4)}AAAA`, 'tampered signature');
  });

  it('refuses an expired token', async () => {
    await expectRefused(await h.issuer.mint(claims, { expiresIn: '-1m' }), 'expired');
  });

  it('refuses a token of another issuer, for another audience, or signed with another key', async () => {
    await expectRefused(await h.issuer.mint(claims, { issuer: 'https://attacker.example/issuer' }), 'wrong issuer');
    await expectRefused(await h.issuer.mint(claims, { audience: 'another-api' }), 'wrong audience');
    const stranger = await devIssuer();
    await expectRefused(await stranger.mint(claims), 'other key');
  });

  it('refuses alg "none", HMAC with the public key, and a token without expiry', async () => {
    const body = { sub: 'x', 'custom:org': ZA, 'custom:role': 'organisatiebeheerder', iss: DEV_ISSUER, aud: DEV_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 600 };
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(body)).toString('base64url')}.`;
    await expectRefused(none, 'alg none');
    const keys = JSON.parse(readFileSync(h.keyFile, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
    const hmac = await new SignJWT(body).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(JSON.stringify(keys.publicJwk)));
    await expectRefused(hmac, 'HS256 with the public key');
    const key = await importJWK(keys.privateJwk, 'RS256');
    const noExp = await new SignJWT({ 'custom:org': ZA, 'custom:role': 'begeleider' }).setProtectedHeader({ alg: 'RS256', kid: keys.publicJwk.kid! }).setSubject('x').setIssuer(DEV_ISSUER).setAudience(DEV_AUDIENCE).sign(key);
    await expectRefused(noExp, 'no exp');
  });

  it('refuses a validly signed token whose organisation id is not an id (no key injection)', async () => {
    const token = await h.issuer.mint({ sub: 'x', organisationId: 'ORG#za-hvo-querido', role: 'organisatiebeheerder' });
    const answer = await h.request('GET', '/cases', { token });
    expect(answer.status).toBe(401);
  });

  it('scripts/token.ts prints a token the local API accepts (same key file)', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/token.ts', '--org', ZA, '--role', 'begeleider', '--sub', 'u123', '--key-file', h.keyFile, '--expires', '15m'], { cwd: process.cwd() });
    const token = stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    expect((await h.request('GET', path(), { token })).status).toBe(200);
    const other = await h.request('GET', path(), { token: (await promisify(execFile)('npx', ['tsx', 'scripts/token.ts', '--org', 'corp-eigen-haard', '--role', 'contactpersoon', '--key-file', h.keyFile])).stdout.trim() });
    expect(other.status).toBe(404);
  }, 60_000);
});

describe('the corporatie and the client’s consent (002 WA10)', () => {
  it('sees its case, in its list, while consent to share with the woningcorporatie is recorded', async () => {
    const read = await h.get(`/cases/${shared.caseId}`, callers.corporatie);
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty('clientPseudonym');
    expect(read.body).not.toHaveProperty('route');
    const types = read.body.timeline.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['aanvraag-urgentie', 'woningaanbod', 'sleuteloverdracht']));
    expect(read.body.timeline.find((e: { type: string }) => e.type === 'aanvraag-urgentie')).not.toHaveProperty('data');
    const list = await h.get('/cases', callers.corporatie);
    expect(list.body.items.map((i: { caseId: string }) => i.caseId)).toContain(shared.caseId);
  });

  it('sees nothing of a case whose client consented to share with gemeente-wonen only', async () => {
    const { caseId, reference } = await h.sharedCase({ metWie: ['gemeente-wonen'] });
    const refused = await h.get(`/cases/${caseId}`, callers.corporatie);
    expect(refused.status).toBe(404);
    expect(problemShape(refused.body)).toEqual(problemShape((await h.get(`/cases/${MISSING}`, callers.corporatie)).body));
    const list = await h.get('/cases', callers.corporatie);
    expect(list.text).not.toContain(caseId);
    expect((await h.get(`/cases?reference=${reference}`, callers.corporatie)).body.items).toEqual([]);
    expect((await h.get('/deadlines', callers.corporatie)).text).not.toContain(caseId);
  });

  it('shows the corporatie no content of a form whose purpose the client did not consent to', async () => {
    const { caseId } = await h.sharedCase({ doelen: ['overlast', 'evaluatie'] });
    const read = await h.get(`/cases/${caseId}`, callers.corporatie);
    expect(read.status).toBe(200);
    const aanbod = read.body.timeline.find((e: { type: string }) => e.type === 'woningaanbod');
    expect(aanbod).toBeDefined();
    expect(aanbod).not.toHaveProperty('data');
  });

  it('stops sharing the moment consent is withdrawn, and shares again when it is recorded again', async () => {
    const { caseId, reference } = await h.sharedCase();
    expect((await h.get(`/cases/${caseId}`, callers.corporatie)).status).toBe(200);
    expect((await h.get('/deadlines', callers.corporatie)).text).toContain(caseId);

    const key = `withdraw-${randomUUID()}`;
    const withdrawn = await h.post(`/cases/${caseId}/consent`, callers.begeleider, { action: 'withdraw', datum: h.today() }, { idempotencyKey: key });
    expect(withdrawn.status).toBe(201);
    expect(withdrawn.body.toestemming).toMatchObject({ gegeven: false, doelen: [], metWie: [] });
    const replay = await h.post(`/cases/${caseId}/consent`, callers.begeleider, { action: 'withdraw', datum: h.today() }, { idempotencyKey: key });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotency-replayed')).toBe('true');

    const refused = await h.get(`/cases/${caseId}`, callers.corporatie);
    expect(refused.status).toBe(404);
    expect(problemShape(refused.body)).toEqual(problemShape((await h.get(`/cases/${MISSING}`, callers.corporatie)).body));
    expect((await h.get('/cases', callers.corporatie)).text).not.toContain(caseId);
    expect((await h.get(`/cases?reference=${reference}`, callers.corporatie)).body.items).toEqual([]);
    expect((await h.get('/deadlines', callers.corporatie)).text).not.toContain(caseId);
    expect((await h.get(`/cases/${caseId}/deadlines`, callers.corporatie)).status).toBe(404);
    // The membership item is gone from the store, not just filtered.
    const items = await h.partition(`CASE#${caseId}`);
    expect(items.filter((i) => i.entity === 'membership').map((i) => i.SK)).toEqual([`ORG#${ZA}`]);

    // The withdrawal is an event in the history.
    const asBegeleider = await h.get(`/cases/${caseId}`, callers.begeleider);
    expect(asBegeleider.body.timeline.at(-1)).toMatchObject({ type: 'toestemming-ingetrokken', recordedBy: { organisationId: ZA, role: 'begeleider' } });
    // Nothing to withdraw twice.
    expect((await h.post(`/cases/${caseId}/consent`, callers.begeleider, { action: 'withdraw', datum: h.today() })).status).toBe(422);

    const again = await h.post(`/cases/${caseId}/consent`, callers.begeleider, { action: 'record', datum: h.today(), metWie: ['woningcorporatie'], doelen: ['evaluatie'] });
    expect(again.status).toBe(201);
    const read = await h.get(`/cases/${caseId}`, callers.corporatie);
    expect(read.status).toBe(200);
    // Only for evaluatie now: the offer is shown without content.
    expect(read.body.timeline.find((e: { type: string }) => e.type === 'woningaanbod')).not.toHaveProperty('data');
    expect(read.body.timeline.find((e: { type: string }) => e.type === 'toestemming-vastgelegd')?.data).toEqual({ datum: h.today(), metWie: ['woningcorporatie'], doelen: ['evaluatie'] });
  });

  it('leaves recording consent to the zorgaanbieder', async () => {
    const body = { action: 'record', datum: h.today(), metWie: ['woningcorporatie'], doelen: ['match'] };
    expect((await h.post(`/cases/${shared.caseId}/consent`, callers.corporatie, body)).status).toBe(403);
    expect((await h.post(`/cases/${shared.caseId}/consent`, callers.derde, body)).status).toBe(403);
    const future = await h.post(`/cases/${shared.caseId}/consent`, callers.beheerder, { ...body, datum: '2099-01-01' });
    expect(future.status).toBe(422);
    const invalid = await h.post(`/cases/${shared.caseId}/consent`, callers.begeleider, { action: 'record', datum: h.today(), metWie: [], doelen: ['roddel'], extra: 1 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.metWie', 'body.doelen.0']));
  });
});

describe('HTTP hygiene', () => {
  it('keeps the security headers on every answer, including refusals', async () => {
    for (const answer of [await h.get('/health'), await h.get(`/cases/${MISSING}`, callers.begeleider), await h.get(`/cases/${shared.caseId}`, callers.begeleider)]) {
      expect(answer.headers.get('strict-transport-security')).toContain('max-age=');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
  });

  it('echoes only the configured origins (CORS), also on preflight', async () => {
    process.env.ALLOWED_ORIGINS = 'https://app.omslagroute.example, http://localhost:5173';
    const allowed = await h.request('GET', `/cases/${shared.caseId}`, { caller: callers.begeleider, headers: { origin: 'https://app.omslagroute.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.omslagroute.example');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('etag');
    const other = await h.request('GET', `/cases/${shared.caseId}`, { caller: callers.begeleider, headers: { origin: 'https://evil.example' } });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const refused = await h.request('GET', `/cases/${MISSING}`, { caller: callers.begeleider, headers: { origin: 'http://localhost:5173' } });
    expect(refused.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');

    const preflight = await h.request('OPTIONS', '/cases', { headers: { origin: 'https://app.omslagroute.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    const foreignPreflight = await h.request('OPTIONS', '/cases', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(foreignPreflight.headers.get('access-control-allow-origin')).toBeNull();

    process.env.ALLOWED_ORIGINS = '*';
    const misconfigured = await h.get('/health');
    expect(misconfigured.status).toBe(500);
    delete process.env.ALLOWED_ORIGINS;
  });

  it('refuses a body over 256 KB', async () => {
    const answer = await h.post('/cases', callers.begeleider, { ...createCaseBody(), padding: 'x'.repeat(300 * 1024) });
    expect(answer.status).toBe(413);
  });
});
