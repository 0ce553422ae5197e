import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DraftStore } from '#app/drafts.js';
import type { Draft } from '#domain/drafts.js';
import { keys } from './table.js';

/** Drafts live in the case partition (`DRAFT#<org>#<action>`), so erasing a case erases its drafts. */
export class DynamoDraftStore implements DraftStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(caseId: string, organisationId: string, action: string): Promise<Draft | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.draft(caseId, organisationId, action), ConsistentRead: true }));
    return out.Item ? toDraft(out.Item) : undefined;
  }

  async list(caseId: string, organisationId: string): Promise<Draft[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.draft(caseId, organisationId, '').PK, ':prefix': keys.draftPrefix(organisationId) },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map(toDraft);
  }

  async put(draft: Draft, previousVersion: number): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.draft(draft.caseId, draft.organisationId, draft.action), entity: 'draft', ...draft },
          // Only on top of the draft that was read: two saves at once never silently lose one.
          ...(previousVersion === 0
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : { ConditionExpression: 'version = :previous', ExpressionAttributeValues: { ':previous': previousVersion } }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async delete(caseId: string, organisationId: string, action: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.draft(caseId, organisationId, action) }));
  }
}

function toDraft(item: Record<string, unknown>): Draft {
  return {
    caseId: item.caseId as string,
    action: item.action as string,
    organisationId: item.organisationId as string,
    input: item.input as Record<string, unknown>,
    version: item.version as number,
    savedAt: item.savedAt as string,
    savedBy: item.savedBy as string,
  };
}
