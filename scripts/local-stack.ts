/**
 * `npm start`: the whole system locally on embedded stand-ins that speak the AWS APIs. No AWS account, no Docker.
 *   --in-memory   keep nothing (default: persist under .data/)
 *   --port N      API port (default 3000)
 */
import { monotonicMs } from '../shared/domain/clock.js';
import { startLocalStack } from '../shared/local/stack.js';

const args = process.argv.slice(2);
const inMemory = args.includes('--in-memory');
const portFlag = args.indexOf('--port');
const port = portFlag >= 0 ? Number(args[portFlag + 1]) : Number(process.env.PORT ?? 3000);

const started = monotonicMs();
const stack = await startLocalStack({
  ...(inMemory ? {} : { dataDir: '.data', watchInbound: true }),
  port,
  scheduler: { intervalMs: 60_000 },
  webDir: 'web/dist',
  log: (line) => console.log(`  ${line}`),
});

console.log(`
Omslagroute runs locally (${Math.round(monotonicMs() - started)} ms)

  Werkplek       open ${stack.api.url} in your browser and sign in as one of the test people

  API            ${stack.api.url}/api        (also at ${stack.api.url} for curl: GET /health, GET /openapi.json)
  DynamoDB Local ${stack.services.endpoints.dynamodb}   table ${stack.tableName}${inMemory ? ' (in memory)' : ' (data in .data/)'}
  SQS + S3       ${stack.services.endpoints.sqs}
  SES outbox     ${stack.services.sesInboxUrl}   (every e-mail the system sends)
  Dev token      POST ${stack.api.url}/_dev/token {"organisationId":"za-hvo-querido","role":"begeleider"}
  Dev clock      GET/POST ${stack.api.url}/_dev/clock {"advanceDays": 7}
  Scheduler      every minute on the dev clock; POST ${stack.api.url}/_dev/tick runs dispatcher + sender now
  Inbound mail   POST ${stack.api.url}/_dev/inbound-mail {"eml": "<raw mail>"}${inMemory ? '' : ' or drop .eml files in .data/inbound/'}
  Wonen digest   POST ${stack.api.url}/_dev/wonen-digest
Ctrl-C stops everything.`);

const shutdown = async () => {
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
