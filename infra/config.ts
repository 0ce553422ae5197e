/**
 * Per-stage settings: the only place where dev, acc and prod differ. Constructs read their knobs from a
 * `StageConfig` handed down by the stacks; they never branch on the stage name themselves, so a new knob is added
 * here (with a value for every stage) and read in exactly one construct.
 *
 * Domains below are placeholders (`example.org`, RFC 2606) until the municipality fixes the real host names; they
 * only feed CORS, the Cognito callback URLs, the web app's CloudFront alias and `APP_BASE_URL` (links in e-mails).
 *
 * `appBaseUrl` is the one address of the web app: CloudFront serves it (infra/constructs/web.ts), Cognito redirects
 * back to it, and every mail links into it. It is configured, not read from the distribution: the user pool client
 * (StatefulStack) needs it for its callback URL and the distribution lives in ApiStack, so taking CloudFront's
 * generated name would make the two stacks depend on each other. With `web.certificateArn` the distribution answers
 * on the host of `appBaseUrl`; without one (a stage without its own domain yet) deploy once, read the `WebUrl` output
 * and deploy again with `-c appBaseUrl=https://dxxxx.cloudfront.net`.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export const STAGE_NAMES = ['dev', 'acc', 'prod'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export interface StageConfig {
  readonly stage: StageName;
  /**
   * Deployment target. The region is pinned: personal data stays in the EU, SES can receive mail there (the Wonen
   * inbox; Frankfurt cannot), and TableV2 with a customer-managed key cannot be rendered region-agnostic. The
   * account is left open (the deployer's credentials decide) unless `-c account=…` is given; synth needs neither
   * credentials nor network. `-c region=…` overrides the region per run.
   */
  readonly env: { readonly account?: string; readonly region: string };
  /** Stateful resources (table, key, user pool): RETAIN except in dev, where a stack can be thrown away. */
  readonly removalPolicy: RemovalPolicy;
  /** DynamoDB deletion protection, user-pool deletion protection and stack termination protection. */
  readonly deletionProtection: boolean;
  /** Function logs and API access logs. Logs may hold IP addresses and pseudonymous user ids (AVG: keep it short). */
  readonly logRetention: RetentionDays;
  /** What happens to log groups when a function or the stack goes away: kept in acc/prod for incident analysis. */
  readonly logRemovalPolicy: RemovalPolicy;
  /**
   * Public base URL of the web app (`APP_BASE_URL` for every function: links in e-mails; the Cognito callback
   * `<appBaseUrl>/auth/callback`). See the module comment. `-c appBaseUrl=…` overrides it per run.
   */
  readonly appBaseUrl: string;
  /** The web app's hosting (infra/constructs/web.ts). */
  readonly web: {
    /**
     * ACM certificate for the host of `appBaseUrl`, in us-east-1 (CloudFront only takes certificates from there).
     * Undefined: the distribution answers on its `*.cloudfront.net` name only.
     */
    readonly certificateArn?: string;
  };
  /** Browser origins allowed by the HTTP API's CORS preflight. Never `*`: the API carries personal data. */
  readonly corsOrigins: readonly string[];
  /** Default-stage throttling of the HTTP API (requests per second, token bucket burst). */
  readonly throttling: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * A JWT issuer other than this stage's Cognito user pool (e.g. a federated IdP). Undefined: the authorizer trusts
   * the user pool built by `Identity` and its web client as audience.
   */
  readonly jwt?: { readonly issuer: string; readonly audience: readonly string[] };
  readonly identity: {
    /** TOTP MFA; required wherever real personal data lives. */
    readonly mfa: 'optional' | 'required';
    /**
     * Where Cognito's managed login lives: a prefix domain `<prefix>.auth.<region>.amazoncognito.com` (globally
     * unique per region; no "aws", "amazon" or "cognito" in it), or a custom domain with an ACM certificate in
     * us-east-1 (its DNS record pointing at the domain's CloudFront endpoint is made outside CDK).
     */
    readonly loginDomain: { readonly prefix: string } | { readonly domainName: string; readonly certificateArn: string };
  };
  /** Outgoing mail (reminders, Cognito invitations once SES is verified for the domain). Read by the mail concern. */
  readonly mail: { readonly fromAddress: string; readonly domain: string };
  /** Alarm notifications (monitoring concern). Undefined: alarms exist but notify nobody. */
  readonly alarmEmail?: string;
  /** X-Ray active tracing on every function. */
  readonly tracing: boolean;
}

/** Europe (Ireland): EU data residency and SES email receiving. */
const REGION = 'eu-west-1';

const STAGES: Record<StageName, StageConfig> = {
  dev: {
    stage: 'dev',
    env: { region: REGION },
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    logRetention: RetentionDays.TWO_WEEKS,
    logRemovalPolicy: RemovalPolicy.DESTROY,
    appBaseUrl: 'https://dev.omslagroute.example.org',
    corsOrigins: ['https://dev.omslagroute.example.org', 'http://localhost:3000'],
    throttling: { rateLimit: 20, burstLimit: 40 },
    web: {},
    identity: { mfa: 'optional', loginDomain: { prefix: 'omslagroute-dev' } },
    mail: { fromAddress: 'no-reply@dev.omslagroute.example.org', domain: 'dev.omslagroute.example.org' },
    tracing: false,
  },
  acc: {
    stage: 'acc',
    env: { region: REGION },
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    logRetention: RetentionDays.ONE_MONTH,
    logRemovalPolicy: RemovalPolicy.RETAIN,
    appBaseUrl: 'https://acc.omslagroute.example.org',
    corsOrigins: ['https://acc.omslagroute.example.org'],
    throttling: { rateLimit: 50, burstLimit: 100 },
    web: {},
    identity: { mfa: 'required', loginDomain: { prefix: 'omslagroute-acc' } },
    mail: { fromAddress: 'no-reply@acc.omslagroute.example.org', domain: 'acc.omslagroute.example.org' },
    alarmEmail: 'omslagroute-alarms@example.org',
    tracing: true,
  },
  prod: {
    stage: 'prod',
    env: { region: REGION },
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    logRetention: RetentionDays.THREE_MONTHS,
    logRemovalPolicy: RemovalPolicy.RETAIN,
    appBaseUrl: 'https://omslagroute.example.org',
    corsOrigins: ['https://omslagroute.example.org'],
    throttling: { rateLimit: 100, burstLimit: 200 },
    web: {},
    identity: { mfa: 'required', loginDomain: { prefix: 'omslagroute-prod' } },
    mail: { fromAddress: 'no-reply@omslagroute.example.org', domain: 'omslagroute.example.org' },
    alarmEmail: 'omslagroute-alarms@example.org',
    tracing: true,
  },
};

export function isStageName(value: unknown): value is StageName {
  return typeof value === 'string' && (STAGE_NAMES as readonly string[]).includes(value);
}

/**
 * The settings of a stage; fails loudly, naming the allowed values, for an unknown name (`-c stage=production`).
 * `target` carries per-run context (`-c account=… -c region=… -c appBaseUrl=…`).
 */
export function stageConfig(name: unknown = 'dev', target: { account?: string; region?: string; appBaseUrl?: string } = {}): StageConfig {
  if (!isStageName(name)) {
    throw new Error(`Unknown stage ${JSON.stringify(name)}: use -c stage=${STAGE_NAMES.join('|')}`);
  }
  const config = STAGES[name];
  const appBaseUrl = target.appBaseUrl === undefined ? config.appBaseUrl : webOrigin(target.appBaseUrl);
  return { ...config, appBaseUrl, env: { account: target.account ?? config.env.account, region: target.region ?? config.env.region } };
}

/** `https://host` (no path, query or fragment; a trailing slash is dropped), or an error naming the value. */
export function webOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`appBaseUrl ${JSON.stringify(value)} is not a URL: use -c appBaseUrl=https://host`);
  }
  if (url.protocol !== 'https:' || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new Error(`appBaseUrl ${JSON.stringify(value)} must be an https origin without a path: use -c appBaseUrl=https://host`);
  }
  return url.origin;
}
