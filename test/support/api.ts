/**
 * A small HTTP client for tests against the local stack: every call goes through the local API Gateway and the
 * real handlers. POSTs get a fresh Idempotency-Key unless a test passes its own.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, expect } from 'vitest';
import type { Action } from '../../shared/domain/phases.js';
import { ACTION_ROLES, type Role } from '../../shared/domain/roles.js';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../shared/local/stack.js';

export interface ApiAnswer<T = any> {
  status: number;
  headers: Headers;
  /** The raw body; `body` is it parsed as JSON (or the text itself when it is not JSON). */
  text: string;
  body: T;
}

export interface Caller {
  organisationId: string;
  role: Role;
  sub?: string;
  teamId?: string;
  regio?: string;
}

/**
 * An HTTP client for tests against a local API: tokens per caller, a fresh Idempotency-Key on every POST unless the
 * test passes its own (or `null` for none).
 */
export abstract class HttpTestClient {
  private tokens = new Map<string, string>();
  protected abstract readonly baseUrl: string;
  protected abstract mint(caller: Caller): Promise<string>;

  async tokenFor(caller: Caller): Promise<string> {
    const id = JSON.stringify(caller);
    let token = this.tokens.get(id);
    if (!token) {
      token = await this.mint(caller);
      this.tokens.set(id, token);
    }
    return token;
  }

  async request<T = any>(
    method: string,
    path: string,
    options: { caller?: Caller; token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; idempotencyKey?: string | null } = {},
  ): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token ?? (options.caller ? await this.tokenFor(options.caller) : undefined);
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] ??= 'application/json';
    if (method === 'POST' && options.idempotencyKey !== null) headers['idempotency-key'] ??= options.idempotencyKey ?? randomUUID();
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: response.status, headers: response.headers, text, body };
  }

  get<T = any>(path: string, caller?: Caller) {
    return this.request<T>('GET', path, { caller });
  }

  post<T = any>(path: string, caller: Caller, body: unknown, options: { headers?: Record<string, string>; idempotencyKey?: string | null } = {}) {
    return this.request<T>('POST', path, { caller, body, ...options });
  }

  /**
   * Submits a form that must be accepted (201); a refusal fails the test with the problem document. A form ingediend bij
   * the corporatie (shared/domain/akkoord.ts) is given its akkoord at once by the case's corporatie, so a walk reads as
   * the route; `akkoord: false` leaves it waiting. Then the answer is the case after the akkoord (its phase, its ETag)
   * with the submission's `event`.
   */
  async submitForm<T = any>(
    caseId: string,
    action: string,
    caller: Caller,
    body: unknown,
    options: { headers?: Record<string, string>; idempotencyKey?: string | null; akkoord?: boolean } = {},
  ): Promise<ApiAnswer<T>> {
    const { akkoord = true, ...rest } = options;
    const answer = await this.post<T>(`/cases/${caseId}/forms/${action}`, caller, body, rest);
    expect(answer.status, `${action}: ${answer.text}`).toBe(201);
    const submitted = answer.body as { corporatieId?: string; event?: { seq: number; ingediendBij?: string } };
    if (akkoord && submitted.event?.ingediendBij) {
      const given = await this.giveAkkoord(caseId, submitted.event.seq, { organisationId: submitted.corporatieId!, role: 'contactpersoon', sub: `contact-${submitted.corporatieId}` });
      return { ...given, body: { ...(given.body as object), event: submitted.event } as T };
    }
    return answer;
  }

  /** The corporatie's akkoord on a submission ingediend bij haar (POST /cases/{id}/akkoorden/{seq}), which must be accepted. */
  async giveAkkoord(caseId: string, seq: number, corporatie: Caller, body: Record<string, unknown> = { besluit: 'akkoord' }): Promise<ApiAnswer> {
    const answer = await this.post(`/cases/${caseId}/akkoorden/${seq}`, corporatie, body);
    expect(answer.status, `akkoord ${seq}: ${answer.text}`).toBe(201);
    return answer;
  }
}

/** The client for the whole local stack (`startLocalStack`): tokens from its dev issuer. */
export class TestApi extends HttpTestClient {
  constructor(readonly stack: LocalStack) {
    super();
  }

  protected get baseUrl(): string {
    return this.stack.api.url;
  }

  protected mint(caller: Caller): Promise<string> {
    return this.stack.token(caller);
  }
}

let shared: Promise<TestApi> | undefined;

/** One local stack per test file (DynamoDB Local in memory), stopped after the file. */
export function localApi(options: Pick<LocalStackOptions, 'now' | 'webDir' | 'tokenLifetimeSeconds'> = {}): Promise<TestApi> {
  if (!shared) {
    shared = startLocalStack(options).then((stack) => new TestApi(stack));
    const mine = shared;
    afterAll(async () => {
      await (await mine.catch(() => undefined))?.stack.stop();
      shared = undefined;
    });
  }
  return shared;
}

/** The organisations of the seeded local directory, as test callers. */
export const callers = {
  begeleider: { organisationId: 'za-hvo-querido', role: 'begeleider', sub: 'begeleider-1' },
  derde: { organisationId: 'za-hvo-querido', role: 'onafhankelijke-derde', sub: 'derde-1' },
  beheerder: { organisationId: 'za-hvo-querido', role: 'organisatiebeheerder', sub: 'beheer-1' },
  corporatie: { organisationId: 'corp-ymere', role: 'contactpersoon', sub: 'ymere-1' },
  wonen: { organisationId: 'gemeente-amsterdam-wonen', role: 'medewerker-wonen', sub: 'wonen-1', regio: 'amsterdam' },
  andereZorgaanbieder: { organisationId: 'za-leger-des-heils', role: 'begeleider', sub: 'ldh-1' },
  andereCorporatie: { organisationId: 'corp-eigen-haard', role: 'contactpersoon', sub: 'eh-1' },
  // Issue 13: the beheerder of the corporatie and of the gemeente (Wonen): the organisation, no case content.
  corporatieBeheerder: { organisationId: 'corp-ymere', role: 'corporatiebeheerder', sub: 'ymere-beheer' },
  wonenBeheerder: { organisationId: 'gemeente-amsterdam-wonen', role: 'wonenbeheerder', sub: 'wonen-beheer', regio: 'amsterdam' },
} satisfies Record<string, Caller>;

/** The test caller of each role that files forms. */
const CALLER_OF_ROLE: Partial<Record<Role, Caller>> = {
  begeleider: callers.begeleider,
  'onafhankelijke-derde': callers.derde,
  organisatiebeheerder: callers.beheerder,
  contactpersoon: callers.corporatie,
  'medewerker-wonen': callers.wonen,
};

/** Who files `action` in a walk: the test caller of its first role in ACTION_ROLES, unless `as` names another for that role. */
export function callerFor(action: Action, as: Partial<Record<Role, Caller>> = {}): Caller {
  const role = ACTION_ROLES[action][0]!;
  const caller = as[role] ?? CALLER_OF_ROLE[role];
  if (!caller) throw new Error(`No test caller for ${action} (role ${role})`);
  return caller;
}
