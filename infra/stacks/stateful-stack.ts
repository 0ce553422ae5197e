/**
 * Everything that holds data that must outlive a deploy: the table (and its key) and the user pool. Changes here
 * are rare and reviewed; this stack has termination protection wherever the table has deletion protection.
 *
 * A later stateful concern (the Wonen inbox bucket, an SES identity for the mail domain) adds its construct here
 * and exposes what the stateless side needs as a readonly property; the stateless stack receives it as a prop.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { Data } from '../constructs/data.js';
import { Identity } from '../constructs/identity.js';

export interface StatefulStackProps extends StackProps {
  readonly config: StageConfig;
}

export class StatefulStack extends Stack {
  readonly data: Data;
  readonly identity: Identity;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.data = new Data(this, 'Data', { config });
    this.identity = new Identity(this, 'Identity', { config });

    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'WebClientId', { value: this.identity.webClient.userPoolClientId, description: 'Cognito app client of the web app' });
  }
}
