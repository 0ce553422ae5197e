import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { formatReference, type CaseEvent, type CaseState } from '#domain/case.js';
import { systemClock, type Clock } from '#domain/clock.js';
import { ConcurrentModification } from '#domain/errors.js';
import { PHASES, type Phase } from '#domain/phases.js';
import { IdempotencyRace, type CaseCommit, type CaseStore, type CaseSummary, type IdempotencyRecord, type LoadedCase, type Page } from '#app/ports.js';
import { caseItemsOf } from './case-items.js';
import { storeEffectsOf, type StoreEffect } from './intents.js';
import { keys, TABLE } from './table.js';
import { idempotencyPut, queryAll, queryPage, storedResponseOf } from './query.js';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];



export class DynamoCaseStore implements CaseStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Decides when an item's `expiresAt` has passed (retention): TTL deletes lazily, so reads filter. */
    private readonly clock: Clock = systemClock,
  ) {}

  /** False for an item whose `expiresAt` (epoch seconds) has passed: it is gone, even if TTL has not deleted it yet. */
  private live(item: Record<string, unknown>): boolean {
    const expiresAt = item[TABLE.ttlAttribute];
    return !(typeof expiresAt === 'number' && expiresAt * 1000 <= Date.parse(this.clock.now()));
  }

  async nextReference(year: number): Promise<string> {
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.counter(`REF#${year}`),
        UpdateExpression: 'ADD #value :one',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const counter = Number(out.Attributes?.value);
    return formatReference(year, counter);
  }

  async getCase(caseId: string): Promise<CaseState | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.case(caseId), ConsistentRead: true }));
    return out.Item && this.live(out.Item) ? toCase(out.Item) : undefined;
  }

  async getHistory(caseId: string): Promise<CaseEvent[]> {
    return (await this.queryPartition(caseId, keys.eventPrefix)).map(toEvent);
  }

  async load(caseId: string): Promise<LoadedCase | undefined> {
    let state: CaseState | undefined;
    const history: CaseEvent[] = [];
    const items: Record<string, unknown>[] = [];
    for (const item of await this.queryPartition(caseId)) {
      if (item.entity === 'case') state = toCase(item);
      else if (item.entity === 'event') history.push(toEvent(item));
      else if (item.entity !== 'membership') items.push(item);
    }
    return state ? { state, history, ...caseItemsOf(items) } : undefined;
  }

  private async queryPartition(caseId: string, sortPrefix?: string): Promise<Record<string, unknown>[]> {
    const found = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: sortPrefix ? 'PK = :pk AND begins_with(SK, :prefix)' : 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.case(caseId).PK, ...(sortPrefix ? { ':prefix': sortPrefix } : {}) },
      ConsistentRead: true,
    });
    return found.filter((item) => this.live(item));
  }

  async findByReference(reference: string): Promise<string | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.reference(reference) }));
    return out.Item?.caseId as string | undefined;
  }

  async listByOrganisation(
    organisationId: string,
    query: { phase?: Phase; limit: number; cursor?: string; teamId?: string },
  ): Promise<Page<CaseSummary>> {
    const partition = keys.organisationPartition(organisationId);
    const index = TABLE.indexes.byOrganisation;
    const page = await queryPage(
      this.db,
      {
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: query.phase ? '#pk = :pk AND begins_with(#sk, :phase)' : '#pk = :pk',
        ...(query.teamId ? { FilterExpression: 'attribute_not_exists(teamId) OR teamId = :team' } : {}),
        ExpressionAttributeNames: { '#pk': index.partitionKey, ...(query.phase ? { '#sk': index.sortKey } : {}) },
        ExpressionAttributeValues: {
          ':pk': partition,
          ...(query.phase ? { ':phase': `${query.phase}#` } : {}),
          ...(query.teamId ? { ':team': query.teamId } : {}),
        },
      },
      { partitionAttribute: index.partitionKey, partition, limit: query.limit, cursor: query.cursor },
    );
    return {
      items: page.items.map((item) => ({
        caseId: item.caseId as string,
        reference: item.reference as string,
        phase: item.phase as Phase,
        regio: item.regio as string,
        updatedAt: item.updatedAt as string,
      })),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    };
  }

  async countByOrganisation(organisationId: string, query: { teamId?: string }): Promise<Record<Phase, number>> {
    const index = TABLE.indexes.byOrganisation;
    // One Query of the organisation's listing partition (the phase only is read), the same filter as the listing.
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: index.name,
      KeyConditionExpression: '#pk = :pk',
      ProjectionExpression: '#phase',
      ...(query.teamId ? { FilterExpression: 'attribute_not_exists(teamId) OR teamId = :team' } : {}),
      ExpressionAttributeNames: { '#pk': index.partitionKey, '#phase': 'phase' },
      ExpressionAttributeValues: { ':pk': keys.organisationPartition(organisationId), ...(query.teamId ? { ':team': query.teamId } : {}) },
    });
    const counts = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
    for (const item of items) if (typeof item.phase === 'string' && item.phase in counts) counts[item.phase as Phase] += 1;
    return counts;
  }

  async getIdempotencyRecord(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.idempotency(scope, key), ConsistentRead: true }),
    );
    const item = out.Item;
    // An expired record is absent even before TTL deletes it: a late repeat is a fresh request (idempotencyPut agrees).
    if (!item || !this.live(item)) return undefined;
    return { scope, key, fingerprint: item.fingerprint as string, response: storedResponseOf(item.response) };
  }

  async commit(change: CaseCommit): Promise<void> {
    const items = this.transactItems(change);
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        const idempotencyIndex = change.idempotency ? items.length - 1 : -1;
        if (idempotencyIndex >= 0 && reasons[idempotencyIndex]?.Code === 'ConditionalCheckFailed') throw new IdempotencyRace();
        if (reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')) {
          throw new ConcurrentModification();
        }
      }
      throw error;
    }
  }

  private transactItems(change: CaseCommit): TransactItem[] {
    const { case: state, event } = change;
    const TableName = this.tableName;
    const items: TransactItem[] = [
      {
        Put: {
          TableName,
          Item: { ...keys.case(state.caseId), entity: 'case', ...state },
          ...(change.expectedVersion === 0
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': change.expectedVersion } }),
        },
      },
      {
        Put: {
          TableName,
          Item: { ...keys.event(state.caseId, event.seq), entity: 'event', ...event },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ];
    for (const organisationId of new Set(change.organisations)) {
      items.push({
        Put: {
          TableName,
          Item: {
            ...keys.membership(state.caseId, organisationId),
            entity: 'membership',
            [TABLE.indexes.byOrganisation.partitionKey]: keys.organisationPartition(organisationId),
            [TABLE.indexes.byOrganisation.sortKey]: keys.organisationSort(state.phase, state.updatedAt, state.caseId),
            caseId: state.caseId,
            reference: state.reference,
            phase: state.phase,
            regio: state.regio,
            updatedAt: state.updatedAt,
            ...(state.teamId ? { teamId: state.teamId } : {}),
          },
        },
      });
    }
    for (const organisationId of change.removedOrganisations ?? []) {
      items.push({ Delete: { TableName, Key: keys.membership(state.caseId, organisationId) } });
    }
    if (change.expectedVersion === 0) {
      items.push({
        Put: {
          TableName,
          Item: { ...keys.reference(state.reference), entity: 'reference', caseId: state.caseId, regio: state.regio },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      });
    }
    for (const effect of storeEffectsOf(change.effects ?? [])) items.push(toTransactItem(TableName, effect));
    if (change.idempotency) items.push(idempotencyPut(TableName, change.idempotency, state.updatedAt));
    return items;
  }
}

export function toTransactItem(TableName: string, effect: StoreEffect): TransactItem {
  switch (effect.kind) {
    case 'put':
      return { Put: { TableName, Item: effect.item, ...(effect.ifAbsent ? { ConditionExpression: 'attribute_not_exists(PK)' } : {}) } };
    case 'delete':
      return { Delete: { TableName, Key: effect.key } };
    case 'update': {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const sets = Object.entries(effect.set).map(([name, value], i) => {
        names[`#s${i}`] = name;
        values[`:s${i}`] = value;
        return `#s${i} = :s${i}`;
      });
      const removes = (effect.remove ?? []).map((name, i) => {
        names[`#r${i}`] = name;
        return `#r${i}`;
      });
      Object.assign(values, effect.conditionValues ?? {});
      return {
        Update: {
          TableName,
          Key: effect.key,
          UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : '']
            .filter(Boolean)
            .join(' '),
          ExpressionAttributeNames: names,
          ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
          ...(effect.condition ? { ConditionExpression: effect.condition } : {}),
        },
      };
    }
  }
}

const STORE_ONLY = new Set(['PK', 'SK', 'entity', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK']);

function strip(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !STORE_ONLY.has(name)));
}

function toCase(item: Record<string, unknown>): CaseState {
  return strip(item) as unknown as CaseState;
}

function toEvent(item: Record<string, unknown>): CaseEvent {
  return strip(item) as unknown as CaseEvent;
}

