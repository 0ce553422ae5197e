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

/** How items of the case partition are marked (`entity`) where more than one module writes or reads them. */
export const ENTITIES = {
  deadlineIndex: 'deadline-index',
  monitor: 'monitor',
  retention: 'retention',
  wonenItem: 'wonen-item',
} as const;

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
  // Audit trail (append-only): one partition per case, one per organisation for list reads. `AUDITORG#` does not start
  // with `AUDIT#`, so no caseId from a URL can ever address an organisation's partition.
  audit: (caseId: string, at: string, requestId: string) => ({ PK: `AUDIT#${caseId}`, SK: `${at}#${requestId}` }),
  auditPartition: (caseId: string) => `AUDIT#${caseId}`,
  auditOrganisation: (organisationId: string, at: string, requestId: string) => ({ PK: `AUDITORG#${organisationId}`, SK: `${at}#${requestId}` }),
  // Retention: one record in the case partition, queued on GSI3 by the month its next step falls due.
  retention: (caseId: string) => ({ PK: `CASE#${caseId}`, SK: 'RETENTION' }),
  retentionQueue: (month: string) => `RETENTION#${month}`,
  retentionQueueSort: (at: string, caseId: string) => `${at}#${caseId}`,
  // Monitor figures (shared/app/monitor): one item per counted fact, per organisation and month; the id is a digest
  // (same fact, same item: idempotent), never a case id. A month's figures are one Query of one partition.
  monitorFact: (organisationId: string, month: string, regio: string, counter: string, id: string) => ({
    PK: `MONITOR#${organisationId}#${month}`,
    SK: `${regio}#${counter}#${id}`,
  }),
  monitorPartition: (organisationId: string, month: string) => `MONITOR#${organisationId}#${month}`,
  monitorRegioPrefix: (regio: string) => `${regio}#`,
  deadlineIndex: (caseId: string, organisationId: string, deadlineId: string) => ({ PK: `CASE#${caseId}`, SK: `DL#${organisationId}#${deadlineId}` }),
  deadlinePartition: (organisationId: string) => `DEADLINES#${organisationId}`,
  deadlineSort: (dueAt: string, caseId: string, deadlineId: string) => `${dueAt}#${caseId}#${deadlineId}`,
  // Bounces and complaints (shared/app/mail-health): one record per address (lower-cased), on GSI3 per organisation,
  // newest last; one marker per processed SES event (TTL) so a redelivered event changes nothing.
  bounce: (address: string) => ({ PK: `BOUNCE#${address.toLowerCase()}`, SK: 'BOUNCE' }),
  bouncePartitionPrefix: 'BOUNCE#',
  bounceQueuePartition: (organisationId: string) => `BOUNCES#${organisationId}`,
  bounceQueueSort: (at: string, address: string) => `${at}#${address.toLowerCase()}`,
  sesEvent: (eventKey: string) => ({ PK: `SESEVENT#${eventKey}`, SK: 'SESEVENT' }),
  sesEventPartitionPrefix: 'SESEVENT#',
  // Wonen's queue (shared/app/wonen): one item per submission in the case partition, on GSI3 per regio and status in
  // received order (= due order). Unmatched/refused inbound mail and the daily digest records.
  wonenItem: (caseId: string, seq: number) => ({ PK: `CASE#${caseId}`, SK: `WONEN#${String(seq).padStart(8, '0')}` }),
  wonenItemPrefix: 'WONEN#',
  wonenQueuePartition: (regio: string, status: string) => `WONEN#${regio}#${status}`,
  wonenQueueSort: (receivedOn: string, caseId: string, seq: number) => `${receivedOn}#${caseId}#${String(seq).padStart(8, '0')}`,
  inboundMail: (mailId: string) => ({ PK: `INBOUND#${mailId}`, SK: 'INBOUND' }),
  unmatchedPartition: (regio: string) => `UNMATCHED#${regio}`,
  unmatchedSort: (receivedAt: string, mailId: string) => `${receivedAt}#${mailId}`,
  wonenDigest: (regio: string, date: string) => ({ PK: `DIGEST#${regio}#${date}`, SK: 'DIGEST' }),
  // Drafts (shared/app/drafts.ts): one per organisation and form in the case partition, erased with the case.
  draft: (caseId: string, organisationId: string, action: string) => ({ PK: `CASE#${caseId}`, SK: `DRAFT#${organisationId}#${action}` }),
} as const;
