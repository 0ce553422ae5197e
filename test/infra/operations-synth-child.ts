// Child process of operations.test.ts (through `synthInChild`): dev and prod in one App, plus a later concern in dev's
// Api stack, added after Operations (as a later concern would be): its function and its failure queue must be
// alarmed too. argv[2]: { outdir }.
import { App, Duration } from 'aws-cdk-lib';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { stageConfig } from '../../infra/config.js';
import { nodeFunction } from '../../infra/constructs/functions.js';
import { createStage, stackName } from '../../infra/stage.js';
import { cdkContext } from './synth.js';

const { outdir } = JSON.parse(process.argv[2]!) as { outdir: string };
const configs = { prod: stageConfig('prod'), dev: stageConfig('dev') };
const app = new App({ outdir, context: { ...cdkContext(), 'aws:cdk:enable-path-metadata': true } });
const prod = createStage(app, configs.prod);
const dev = createStage(app, configs.dev);
const late = new Construct(dev.api, 'LateConcern');
const failures = new Queue(late, 'LateFailures', { encryption: QueueEncryption.SQS_MANAGED });
const fn = nodeFunction(late, 'health', { config: configs.dev });
fn.configureAsyncInvoke({ retryAttempts: 1, maxEventAge: Duration.hours(1), onFailure: new SqsDestination(failures) });
if (stackName(configs.prod, 'Api') !== prod.api.stackName) throw new Error(`stackName() disagrees with ${prod.api.stackName}`);
app.synth();
