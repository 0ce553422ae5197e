import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DraftStore } from '#app/ports.js';
import { DRAFT_ENTITY, type Draft } from '#domain/drafts.js';
import { keys } from './table.js';

/** Drafts live in the case partition (`DRAFT#<org>#<action>`): the case read returns them, erasing a case erases them. */
export class DynamoDraftStore implements DraftStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(draft: Draft, previousVersion: number): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.draft(draft.caseId, draft.organisationId, draft.action), entity: DRAFT_ENTITY, ...draft },
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
