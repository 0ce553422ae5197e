/**
 * The werkplek on AWS: the built web app (vite's `web/dist`) in a private S3 bucket behind CloudFront, and the HTTP API
 * on the same origin under `/api/*`, so the browser needs no CORS and no second login: one address, `appBaseUrl`.
 *
 * - Bucket: all public access blocked, SSE-S3 (the bundle holds no personal data, and SSE-KMS would need a key policy
 *   for CloudFront), TLS only, owner-enforced; CloudFront reads it through Origin Access Control (a bucket policy for
 *   this distribution only). No versioning: the build is reproducible from git.
 * - Deep links: a CloudFront Function on viewer request rewrites any path whose last segment has no file extension
 *   (except `/api…`) to `/index.html`. Not custom error responses: those would also turn the API's 403/404 problem+json
 *   into the app's HTML.
 * - `/api/*`: the HTTP API's execute-api host as origin (HTTPS only), caching disabled, every method. A CloudFront
 *   Function strips the `/api` prefix (`/api/cases/1` → `/cases/1`). The origin request policy forwards all viewer
 *   headers except Host (API Gateway routes on its own host name) and every query string, no cookies (bearer tokens
 *   only). Why not an allow-list of Authorization, Idempotency-Key, If-Match: CloudFront refuses `Authorization` in an
 *   origin request policy (it may only be forwarded as part of a cache key, and a cache key is not allowed with
 *   caching disabled); "all except Host" is how CloudFront forwards it uncached, as its managed
 *   `AllViewerExceptHostHeader` does (which also forwards cookies).
 * - Security headers on every response (app and API): CSP without 'unsafe-inline' (`contentSecurityPolicy`), HSTS two
 *   years with includeSubDomains and preload, nosniff, `Referrer-Policy: strict-origin-when-cross-origin`,
 *   `X-Frame-Options: DENY`, a Permissions-Policy that switches off camera, microphone and geolocation.
 * - Deploy of the app: two BucketDeployments from the same asset: first `assets/*` (vite's content-hashed files,
 *   `immutable`, a year), then the rest (`index.html` and public files, `no-cache`: CloudFront's cache policy keeps
 *   them at most its 1 s minimum TTL, so no invalidation is needed, and with it no `cloudfront:CreateInvalidation` on
 *   `*`, which BucketDeployment would grant). Neither prunes: a browser holding yesterday's index.html can still load
 *   yesterday's lazily loaded chunks. The deployment function gets a role of its own (log group write, the asset
 *   bucket, this bucket) instead of CDK's default with AWSLambdaBasicExecutionRole.
 * - `distDir` without an `index.html` (no `npm run build:web` before synth): bucket and distribution are made, nothing
 *   is deployed, and synth says so in a warning. infra/stage.ts passes `web/dist`; tests pass a temporary directory.
 * - With `config.web.certificateArn` the distribution answers on the host of `appBaseUrl` (a DNS alias to the
 *   `WebUrl` output's host is made outside CDK); without, on its `*.cloudfront.net` name (see infra/config.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { WEB_SECURITY_HEADERS, webContentSecurityPolicy, type WebRuntimeConfig } from '../../shared/http/web-headers.js';
import { issuerHost, loginHost, type JwtTrust } from './identity.js';

/** The API's path on the web app's origin; the web app calls `/api/cases`, the HTTP API sees `/cases`. */
export const API_PREFIX = '/api';

/**
 * CloudFront Function (JS 2.0 runtime), viewer request of the default behavior: deep links to the app. A path whose
 * last segment has no `.` is a route of the app (`/cases/<id>`, `/auth/callback`), served as `/index.html`; a file
 * (`/assets/index-3f2a.js`, `/favicon.ico`) is served as it is. `/api…` is never rewritten (its own behavior serves it;
 * this is a second line).
 */
export const SPA_FALLBACK_SOURCE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '${API_PREFIX}' || uri.indexOf('${API_PREFIX}/') === 0) return request;
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/** CloudFront Function, viewer request of `/api/*`: `/api/cases?x` → `/cases?x` (the query string is kept apart). */
export const STRIP_API_PREFIX_SOURCE = `function handler(event) {
  var request = event.request;
  if (request.uri.indexOf('${API_PREFIX}/') === 0) request.uri = request.uri.substring(${API_PREFIX.length});
  else if (request.uri === '${API_PREFIX}') request.uri = '/';
  return request;
}`;

/**
 * The Content-Security-Policy: scripts, styles, fonts and API calls from this origin only; managed login's host for
 * the token, userinfo and revocation calls (connect) and the sign-in and sign-out navigations (form-action, which
 * browsers also apply to redirects after a form post); the issuer's host for OpenID discovery and JWKS. No inline
 * script or style elements (vite emits files); React's `style` props go through the CSSOM, which CSP does not block.
 * No frames in or out: silent renew uses the refresh token, not an iframe.
 */
export function contentSecurityPolicy(config: StageConfig): string {
  return webContentSecurityPolicy({ login: `https://${loginHost(config)}`, issuer: `https://${issuerHost(config)}` });
}

/**
 * What the app reads at start-up (web/src/config.ts; locally shared/local/web.ts serves the same shape), deployed as
 * `config.json` beside the build: one build for every stage. Cognito publishes no end_session_endpoint, so the
 * logout URL is given.
 */
export function webRuntimeConfig(config: StageConfig, jwt: JwtTrust): WebRuntimeConfig {
  const clientId = jwt.audience[0]!;
  return {
    authority: jwt.issuer,
    clientId,
    apiBase: '/api',
    logoutUrl: `https://${loginHost(config)}/logout?client_id=${clientId}&logout_uri=${encodeURIComponent(new URL('/', config.appBaseUrl).toString())}`,
    ...(config.stage === 'prod' ? {} : { environment: config.stage }),
  };
}

/** HSTS max-age: two years (the hstspreload.org minimum is one). */
export const HSTS_MAX_AGE = Duration.days(730);

export interface WebProps {
  readonly config: StageConfig;
  /** The API served under `/api/*`. */
  readonly httpApi: IHttpApi;
  /** The built app (`web/dist`); see the module comment for a directory without index.html. */
  readonly distDir: string;
  /** The user pool the app signs in with: its issuer is the OpenID authority, its web client the app's client. */
  readonly jwt: JwtTrust;
}

export class Web extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly responseHeaders: ResponseHeadersPolicy;
  /** `https://<appBaseUrl host>` with a certificate, else `https://<id>.cloudfront.net`. */
  readonly url: string;
  /** False when `distDir` had no index.html at synth. */
  readonly deploysApp: boolean;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const { config, httpApi } = props;
    const stack = Stack.of(this);

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      // Only the build is in it, but CloudFormation cannot delete a bucket with objects (and auto-delete would add a
      // custom resource with a managed-policy role): on stack deletion it stays behind, to be emptied and removed by hand.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.responseHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `Omslagroute ${config.stage}: security headers of the web app and the API`,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(config), override: true },
        strictTransportSecurity: { accessControlMaxAge: HSTS_MAX_AGE, includeSubdomains: true, preload: true, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Permissions-Policy', value: WEB_SECURITY_HEADERS.permissionsPolicy, override: true }],
      },
    });

    const spaFallback = new CloudFrontFunction(this, 'SpaFallback', {
      comment: 'Deep links without a file extension are served index.html',
      code: FunctionCode.fromInline(SPA_FALLBACK_SOURCE),
      runtime: FunctionRuntime.JS_2_0,
    });
    const stripApiPrefix = new CloudFrontFunction(this, 'StripApiPrefix', {
      comment: 'Removes the /api prefix before the HTTP API',
      code: FunctionCode.fromInline(STRIP_API_PREFIX_SOURCE),
      runtime: FunctionRuntime.JS_2_0,
    });

    const apiRequests = new OriginRequestPolicy(this, 'ApiRequests', {
      comment: 'To the HTTP API: every viewer header except Host (Authorization, Idempotency-Key, If-Match, …), every query string, no cookies',
      headerBehavior: OriginRequestHeaderBehavior.denyList('Host'),
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
      cookieBehavior: OriginRequestCookieBehavior.none(),
    });

    const certificateArn = config.web.certificateArn;
    const host = new URL(config.appBaseUrl).hostname;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Omslagroute ${config.stage} werkplek`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Europe and North America: the users are in Amsterdam.
      priceClass: PriceClass.PRICE_CLASS_100,
      // The policy applies to a custom certificate only; CloudFront's own *.cloudfront.net certificate has a fixed one.
      ...(certificateArn
        ? { domainNames: [host], certificate: Certificate.fromCertificateArn(this, 'Certificate', certificateArn), minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021 }
        : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeaders,
        compress: true,
        functionAssociations: [{ function: spaFallback, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        [`${API_PREFIX}/*`]: {
          origin: new HttpOrigin(`${httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            // API Gateway answers within 30 s.
            readTimeout: Duration.seconds(30),
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: apiRequests,
          responseHeadersPolicy: this.responseHeaders,
          compress: true,
          functionAssociations: [{ function: stripApiPrefix, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
      },
    });
    this.url = certificateArn ? `https://${host}` : `https://${this.distribution.distributionDomainName}`;

    this.deploysApp = existsSync(join(props.distDir, 'index.html'));
    if (this.deploysApp) {
      this.deployApp(config, props.distDir, props.jwt);
    } else {
      Annotations.of(this).addWarningV2(
        'omslagroute:web-dist-missing',
        `${props.distDir} has no index.html: the web app is not deployed (run \`npm run build:web\` before \`cdk deploy\`).`,
      );
    }

    new CfnOutput(stack, 'WebUrl', { value: this.url, description: 'The web app (and the API under /api)' });
    new CfnOutput(stack, 'WebDistributionDomain', {
      value: this.distribution.distributionDomainName,
      description: 'CloudFront name: the DNS alias target of the appBaseUrl host',
    });
  }

  private deployApp(config: StageConfig, distDir: string, jwt: JwtTrust): void {
    const logGroup = new LogGroup(this, 'DeployLogs', { retention: config.logRetention, removalPolicy: config.logRemovalPolicy });
    const role = new Role(this, 'DeployRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Omslagroute ${config.stage} web app deployment (BucketDeployment)`,
    });
    logGroup.grantWrite(role);
    const common = {
      sources: [Source.asset(distDir)],
      destinationBucket: this.bucket,
      prune: false,
      role,
      logGroup,
      memoryLimit: 512,
    };
    const assets = new BucketDeployment(this, 'DeployAssets', {
      ...common,
      exclude: ['*'],
      include: ['assets/*'],
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
    });
    const pages = new BucketDeployment(this, 'DeployPages', {
      ...common,
      sources: [Source.asset(distDir), Source.jsonData('config.json', webRuntimeConfig(config, jwt))],
      exclude: ['assets/*'],
      cacheControl: [CacheControl.noCache()],
    });
    // index.html only after the files it names.
    pages.node.addDependency(assets);
  }
}
