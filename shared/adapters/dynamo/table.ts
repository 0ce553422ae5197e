/**
 * The one DynamoDB table of the system, described once and used by both the CDK stack and the local stack
 * (so local tables are created from the same definition AWS gets). Key design: see ARCHITECTURE.md.
 */
export const TABLE_NAME_DEFAULT = 'omslagroute';

export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
}

export const TABLE = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Epoch seconds; DynamoDB TTL removes items some time after this (reads must filter, TTL is lazy). */
  ttlAttribute: 'expiresAt',
  indexes: {
    /** An organisation's cases by phase: membership items `ORG#<orgId>` → `<phase>#<updatedAt>#<caseId>`. */
    byOrganisation: { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    /** Work that falls due (reminder stages, outbox): sparse, `DUE#<shard>` → `<fireAt>#<id>`. */
    byDue: { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
    /** Time-ordered queues: Wonen's queue, an organisation's open deadlines, unmatched mail. */
    byQueue: { name: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
  },
} as const satisfies {
  partitionKey: string;
  sortKey: string;
  ttlAttribute: string;
  indexes: Record<string, IndexDefinition>;
};

export const INDEXES: IndexDefinition[] = Object.values(TABLE.indexes);

/** Key builders: the only place item keys are spelled. */
export const keys = {
  case: (caseId: string) => ({ PK: `CASE#${caseId}`, SK: 'CASE' }),
  event: (caseId: string, seq: number) => ({ PK: `CASE#${caseId}`, SK: `EVT#${String(seq).padStart(8, '0')}` }),
  eventPrefix: 'EVT#',
  membership: (caseId: string, organisationId: string) => ({ PK: `CASE#${caseId}`, SK: `ORG#${organisationId}` }),
  membershipPrefix: 'ORG#',
  organisationPartition: (organisationId: string) => `ORG#${organisationId}`,
  organisationSort: (phase: string, updatedAt: string, caseId: string) => `${phase}#${updatedAt}#${caseId}`,
  reference: (reference: string) => ({ PK: `REF#${reference}`, SK: 'REF' }),
  counter: (name: string) => ({ PK: `COUNTER#${name}`, SK: 'COUNTER' }),
  idempotency: (scope: string, key: string) => ({ PK: `IDEM#${scope}#${key}`, SK: 'IDEM' }),
  deadlineIndex: (caseId: string, organisationId: string, deadlineId: string) => ({ PK: `CASE#${caseId}`, SK: `DL#${organisationId}#${deadlineId}` }),
  deadlinePartition: (organisationId: string) => `DEADLINES#${organisationId}`,
} as const;
