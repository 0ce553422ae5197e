/**
 * Harness for the privacy integration tests (authz, audit, retention): DynamoDB Local (startLocalServices), the table
 * from the shared definition (ensureTable), the local API Gateway (startLocalApi) with its own dev issuer, and an
 * adjustable clock. Nothing is mocked: requests go over HTTP through the token check into the real handlers.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../shared/adapters/dynamo/client.js';
import { ensureTable } from '../../shared/adapters/dynamo/create-table.js';
import type { AuditStore } from '../../shared/app/audit.js';
import { liveDeps, type Container } from '../../shared/app/composition-root.js';
import { AdjustableClock } from '../../shared/domain/clock.js';
import type { Role } from '../../shared/domain/roles.js';
import { startLocalApi, type LocalApi } from '../../shared/local/api-gateway.js';
import { devIssuer, type DevIssuer } from '../../shared/local/dev-auth.js';
import { applyLocalEnv, startLocalServices, type LocalServices } from '../../shared/local/services.js';
import { callers, HttpTestClient, type ApiAnswer, type Caller } from '../support/api.js';
import { aanvraagUrgentieBody, besluitUrgentieBody, createCaseBody, sleuteloverdrachtBody, woningaanbodBody } from '../support/bodies.js';

export type { Caller };
export type Answer<T = any> = ApiAnswer<T>;

export const ZA = 'za-hvo-querido';
export const CORP = 'corp-ymere';

/** The organisations of the case under test (`callers`, as everywhere), and callers of foreign organisations (one per role). */
export { callers };

export const foreignCallers: Record<Role, Caller> = {
  begeleider: { organisationId: 'za-leger-des-heils', role: 'begeleider', sub: 'ldh-begeleider' },
  'onafhankelijke-derde': { organisationId: 'za-leger-des-heils', role: 'onafhankelijke-derde', sub: 'ldh-derde' },
  organisatiebeheerder: { organisationId: 'za-leger-des-heils', role: 'organisatiebeheerder', sub: 'ldh-beheer' },
  contactpersoon: { organisationId: 'corp-eigen-haard', role: 'contactpersoon', sub: 'eh-1' },
  // Wonen of another gemeente/regio.
  'medewerker-wonen': { organisationId: 'gemeente-drechtsteden', role: 'medewerker-wonen', sub: 'dr-1', regio: 'klantreis-2023' },
  // Operations: never case content, whatever its organisation.
  systeembeheerder: { organisationId: 'beheer', role: 'systeembeheerder', sub: 'ops-1' },
  // Issue 13: the beheerders of another corporatie and of another gemeente (regio).
  corporatiebeheerder: { organisationId: 'corp-eigen-haard', role: 'corporatiebeheerder', sub: 'eh-beheer' },
  wonenbeheerder: { organisationId: 'gemeente-drechtsteden', role: 'wonenbeheerder', sub: 'dr-beheer', regio: 'klantreis-2023' },
};

export class Harness extends HttpTestClient {
  constructor(
    readonly services: LocalServices,
    readonly api: LocalApi,
    readonly issuer: DevIssuer,
    readonly clock: AdjustableClock,
    readonly tableName: string,
    readonly keyFile: string,
    /** The container the harness's handlers are bound to. */
    readonly container: Container,
  ) {
    super();
  }

  /** Replace the audit store of this harness's functions (e.g. one that fails); `undefined` restores. */
  useAuditStore(store: AuditStore | undefined): void {
    if (store) this.container.overrides.audit = store;
    else delete this.container.overrides.audit;
  }

  today(): string {
    return this.clock.now().slice(0, 10);
  }

  protected get baseUrl(): string {
    return this.api.url;
  }

  protected mint(caller: Caller): Promise<string> {
    return this.issuer.mint({ sub: caller.sub ?? `${caller.role}-1`, ...caller });
  }

  /** A case in herstelfase, shared with the corporatie (consent from the aanvraag urgentie) and submitted to Wonen. */
  async sharedCase(options: { metWie?: string[]; doelen?: string[] } = {}): Promise<{ caseId: string; reference: string }> {
    const today = this.today();
    const created = await this.post('/cases', callers.begeleider, createCaseBody({ clientPseudonym: 'Q.X.' }));
    if (created.status !== 201) throw new Error(`create-case: ${created.status} ${created.text}`);
    const { caseId, reference } = created.body as { caseId: string; reference: string };
    const consent = {
      gegeven: true,
      datum: today,
      doelen: options.doelen ?? ['match', 'start-verhuur', 'overlast', 'evaluatie', 'omklap'],
      metWie: options.metWie ?? ['woningcorporatie', 'gemeente-wonen'],
      vastgelegdDoor: 'B. Begeleider',
    };
    const steps: Array<[string, Caller, unknown]> = [
      ['aanvraag-urgentie', callers.begeleider, aanvraagUrgentieBody(today, { toestemmingDelen: consent })],
      ['besluit-urgentie', callers.wonen, besluitUrgentieBody(today)],
      ['woningaanbod', callers.begeleider, woningaanbodBody(today, { corporatieId: CORP })],
      ['sleuteloverdracht', callers.begeleider, sleuteloverdrachtBody(today)],
    ];
    for (const [action, caller, body] of steps) await this.submitForm(caseId, action, caller, body);
    return { caseId, reference };
  }

  /** Every stored item of a partition, raw (for asserting what is stored). */
  async partition(pk: string): Promise<Record<string, unknown>[]> {
    const db = createDocumentClient();
    const out = await db.send(new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }));
    db.destroy();
    return out.Items ?? [];
  }

  async stop(): Promise<void> {
    await this.api.close();
    await this.services.stop();
  }
}

/** Starts DynamoDB Local, the table and the local API; the environment points the handlers at them. */
export async function startHarness(now: string): Promise<Harness> {
  const services = await startLocalServices();
  applyLocalEnv(services);
  const tableName = `privacy-${randomUUID().slice(0, 8)}`;
  process.env.TABLE_NAME = tableName;
  await ensureTable(new DynamoDBClient({}), tableName);
  const clock = new AdjustableClock(now);
  const container = liveDeps({ clock });
  const dir = mkdtempSync(join(tmpdir(), 'omslag-issuer-'));
  const keyFile = join(dir, 'dev-issuer.json');
  const issuer = await devIssuer(keyFile);
  if (!existsSync(keyFile)) throw new Error('dev issuer did not write its key file');
  const api = await startLocalApi({ issuer, container });
  return new Harness(services, api, issuer, clock, tableName, keyFile, container);
}

/** A problem+json body without the members that differ per request (requestId, instance). */
export function problemShape(body: Record<string, unknown>): Record<string, unknown> {
  const { requestId: _r, instance: _i, ...rest } = body;
  return rest;
}
