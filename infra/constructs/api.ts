/**
 * The HTTP API: one route per entry of ROUTES (shared/http/routes.ts, the same list the local server and the
 * OpenAPI document use), a `$default` route to `not-found` (404, or 405 with Allow, as problem+json), a JWT
 * authorizer on every authenticated route, throttling and JSON access logs on the `$default` stage, and CORS
 * limited to the stage's origins.
 *
 * The authorizer is also the API's default authorizer: a route someone adds later with `httpApi.addRoutes` is
 * authenticated unless it says otherwise. Public routes (health, openapi.json, $default) say so explicitly.
 */
import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionName, RouteDefinition } from '#http/routes.js';
import type { StageConfig } from '../config.js';
import type { JwtTrust } from './identity.js';

/** Request headers the browser app sends besides the CORS-safelisted ones. */
const ALLOWED_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'if-match'];
/** Response headers the browser app must be able to read. */
const EXPOSED_HEADERS = ['etag', 'location', 'idempotency-replayed', 'content-disposition'];

/**
 * One JSON line per request. No query string, no body, no token: only ids. The caller's `sub` is a pseudonymous
 * Cognito id; the source IP is personal data, kept for incident analysis within the stage's log retention.
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  ip: '$context.identity.sourceIp',
  sub: '$context.authorizer.claims.sub',
  method: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
};

export interface ApiProps {
  readonly config: StageConfig;
  readonly routes: readonly RouteDefinition[];
  /** The function behind each name; `not-found` serves `$default`. */
  readonly functions: Readonly<Record<FunctionName, IFunction>>;
  readonly jwt: JwtTrust;
}

export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly authorizer: HttpJwtAuthorizer;
  readonly accessLogs: LogGroup;
  /** Base URL of the `$default` stage, e.g. `https://abc123.execute-api.eu-west-1.amazonaws.com/`. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { config, routes, functions } = props;

    this.authorizer = new HttpJwtAuthorizer('Jwt', props.jwt.issuer, {
      authorizerName: 'cognito-jwt',
      jwtAudience: [...props.jwt.audience],
    });
    const none = new HttpNoneAuthorizer();

    const methods = [...new Set(routes.map((route) => route.method))].map((method) => CorsHttpMethod[method]);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `omslagroute-${config.stage}`,
      description: `Omslagroute ${config.stage}`,
      createDefaultStage: false,
      defaultAuthorizer: this.authorizer,
      corsPreflight: {
        allowOrigins: [...config.corsOrigins],
        allowMethods: [...methods, CorsHttpMethod.OPTIONS],
        allowHeaders: ALLOWED_HEADERS,
        exposeHeaders: EXPOSED_HEADERS,
        // Bearer tokens, no cookies.
        allowCredentials: false,
        maxAge: Duration.hours(1),
      },
    });

    // One integration per function, shared by all of its routes (submit-form serves one route per form).
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    const integrationFor = (name: FunctionName): HttpLambdaIntegration => {
      let integration = integrations.get(name);
      if (!integration) {
        const fn = functions[name];
        if (!fn) throw new Error(`Route function '${name}' has no Lambda function: add it to HTTP_FUNCTION_ACCESS`);
        integration = new HttpLambdaIntegration(`${name}-integration`, fn);
        integrations.set(name, integration);
      }
      return integration;
    };

    for (const route of routes) {
      const authorizer: IHttpRouteAuthorizer = route.authenticated ? this.authorizer : none;
      new HttpRoute(this, `${route.method} ${route.path}`, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrationFor(route.function),
        authorizer,
      });
    }
    new HttpRoute(this, 'DefaultRoute', {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.DEFAULT,
      integration: integrationFor('not-found'),
      authorizer: none,
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: config.logRetention,
      removalPolicy: config.logRemovalPolicy,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.throttling.rateLimit, burstLimit: config.throttling.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    this.url = this.stage.url;
  }
}
