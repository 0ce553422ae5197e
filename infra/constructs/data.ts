/**
 * The one DynamoDB table, built from the shared definition in shared/adapters/dynamo/table.ts (the same one the
 * local stack creates its table from): keys, GSIs and the TTL attribute are never restated here.
 *
 * Choices:
 * - TableV2 (AWS::DynamoDB::GlobalTable): the current L2; a replica region can be added later without replacing
 *   the table (moving from the old `Table` to `TableV2` would need a retain-and-import dance).
 * - On-demand billing: traffic is a few hundred social workers in office hours; no capacity planning needed.
 * - Point-in-time recovery on in every stage (35 days of restore points; cheap at this size).
 * - Customer-managed KMS key, rotated yearly: the table holds case files about vulnerable people. A key of our own
 *   puts every decrypt in CloudTrail under the calling role, adds the key policy as a second lock next to IAM, can
 *   be disabled to make the data unreadable in an incident, and will also encrypt the other stateful stores
 *   (inbox bucket, queues) of later concerns. Cost: ~$1/month plus requests (DynamoDB caches table keys).
 * - No stream: nothing consumes one yet (reminders run on EventBridge Scheduler, due work is found through GSI2).
 *   Enabling `dynamoStream` later is an in-place update, no replacement.
 */
import { Duration } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, TableEncryptionV2, TableV2, type Attribute } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { INDEXES, TABLE } from '#adapters/dynamo/table.js';
import type { StageConfig } from '../config.js';

export interface DataProps {
  readonly config: StageConfig;
}

/** Every key attribute of the table and its indexes is a string (`CASE#…`, `ORG#…`, `DUE#…`). */
const stringAttribute = (name: string): Attribute => ({ name, type: AttributeType.STRING });

export class Data extends Construct {
  readonly table: TableV2;
  /** Encrypts the table; later stateful stores of the same data (inbox bucket, queues) should use it too. */
  readonly key: Key;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    const { config } = props;

    this.key = new Key(this, 'Key', {
      description: `Omslagroute ${config.stage}: case data at rest`,
      enableKeyRotation: true,
      removalPolicy: config.removalPolicy,
      pendingWindow: Duration.days(30),
    });

    this.table = new TableV2(this, 'Table', {
      partitionKey: stringAttribute(TABLE.partitionKey),
      sortKey: stringAttribute(TABLE.sortKey),
      globalSecondaryIndexes: INDEXES.map((index) => ({
        indexName: index.name,
        partitionKey: stringAttribute(index.partitionKey),
        sortKey: stringAttribute(index.sortKey),
        projectionType: ProjectionType.ALL,
      })),
      timeToLiveAttribute: TABLE.ttlAttribute,
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: config.deletionProtection,
      encryption: TableEncryptionV2.customerManagedKey(this.key),
      removalPolicy: config.removalPolicy,
    });
  }
}
