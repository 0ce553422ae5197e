import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { StoreUnavailable } from '#domain/errors.js';

/**
 * How long one DynamoDB call may take: an HTTP function has 10 s (infra/constructs/functions.ts) inside API
 * Gateway's 30 s, and a request makes a few calls in sequence. A connection is made in well under a second and a
 * call answers in milliseconds; when DynamoDB is unreachable (frozen, refused, reset) the request fails after at most
 * 2 attempts × (1 s connect + 3 s answer) plus the SDK's short back-off, and answers 503 with Retry-After.
 */
export const DYNAMO_TIMEOUTS = { connectionTimeout: 1_000, requestTimeout: 3_000, maxAttempts: 2 } as const;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);
const UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalServerError',
  'ServiceUnavailable',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
]);

/** True for an error that says DynamoDB could not be reached or did not answer, not that the request was wrong. */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const e = error as Error & { code?: string; $metadata?: { httpStatusCode?: number } };
  return (
    UNAVAILABLE_NAMES.has(e.name) ||
    (e.code !== undefined && NETWORK_CODES.has(e.code)) ||
    (e.$metadata?.httpStatusCode !== undefined && e.$metadata.httpStatusCode >= 500)
  );
}

/**
 * A document client. The endpoint comes from the SDK's own configuration (AWS_ENDPOINT_URL_DYNAMODB locally),
 * so the same code runs against DynamoDB Local and AWS. Unreachable is a named error (StoreUnavailable, 503), after
 * the SDK's own retries.
 */
export function createDocumentClient(config: ConstructorParameters<typeof DynamoDBClient>[0] = {}): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    maxAttempts: DYNAMO_TIMEOUTS.maxAttempts,
    requestHandler: { connectionTimeout: DYNAMO_TIMEOUTS.connectionTimeout, requestTimeout: DYNAMO_TIMEOUTS.requestTimeout, throwOnRequestTimeout: true },
    ...config,
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (isUnavailable(error)) throw new StoreUnavailable('dynamodb', (error as { code?: string }).code ?? (error as Error).name, { cause: error });
        throw error;
      }
    },
    { step: 'initialize', name: 'storeUnavailable', priority: 'high' },
  );
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
