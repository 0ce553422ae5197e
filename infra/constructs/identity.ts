/**
 * Who may call the API: a Cognito user pool (accounts are created by an administrator, never by sign-up), the web
 * app's client and the managed login the web app signs in through. The pool's issuer and the client id are what the
 * HTTP API's JWT authorizer trusts.
 *
 * The authorisation attributes live on the user as custom attributes: `custom:org`, `custom:role`, `custom:team`,
 * `custom:regio` (read by `principalOf` in shared/http/request.ts). The client may read them but not write them:
 * only an administrator (AdminUpdateUserAttributes) can move someone to another organisation or role.
 *
 * Sign-in: managed login (the newer version, with Cognito's default branding style for the web client) on the
 * stage's login domain (`config.identity.loginDomain`: a prefix domain, or a custom one), authorization code + PKCE
 * for the web client, which has no secret (a browser cannot keep one). Cognito redirects back to
 * `<appBaseUrl>/auth/callback` and, after sign-out, to `<appBaseUrl>/`.
 *
 * Token claims: Cognito puts custom attributes in the ID token only. The pre-token-generation trigger
 * (functions/pre-token-generation.ts, V2_0 event, which needs feature plan ESSENTIALS, set here) copies them into the
 * ACCESS token, on sign-in and on every refresh. The web app sends the access token as an OAuth bearer, the same
 * kind of token the local dev issuer mints (`token_use: access`, shared/local/dev-auth.ts). The authorizer's audience
 * stays the client id: an access token has no `aud`, and API Gateway then matches its `client_id` against the audience
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html). The ID token
 * (`aud` = client id) would pass too; it is the web app's, not the API's, by convention.
 *
 * Outgoing mail: Cognito's own sender (50 mails a day) until the mail concern has verified `config.mail.domain` in
 * SES; it then passes `email: UserPoolEmail.withSES({...})`.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  UserPoolDomain,
  UserPoolOperation,
  VerificationEmailStyle,
  type UserPoolClient,
  type UserPoolEmail,
} from 'aws-cdk-lib/aws-cognito';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { CUSTOM_ATTRIBUTES } from '#http/token-claims.js';
import type { StageConfig } from '../config.js';
import { nodeFunction } from './functions.js';

export { CUSTOM_ATTRIBUTES };

/** The web app's paths Cognito redirects to (the web app routes them). */
export const CALLBACK_PATH = '/auth/callback';
export const LOGOUT_PATH = '/';

/**
 * The host of managed login (`/oauth2/authorize`, `/oauth2/token`, `/logout`): known from the config alone, so the
 * web app's CSP (ApiStack) names it without a reference to the stateful stack.
 */
export function loginHost(config: StageConfig): string {
  const domain = config.identity.loginDomain;
  return 'prefix' in domain ? `${domain.prefix}.auth.${config.env.region}.amazoncognito.com` : domain.domainName;
}

/** The host of the issuer (`cognito-idp.<region>.amazonaws.com`): OpenID discovery and the JWKS live there. */
export function issuerHost(config: StageConfig): string {
  return `cognito-idp.${config.env.region}.amazonaws.com`;
}

export interface IdentityProps {
  readonly config: StageConfig;
  /** Cognito's sender unless given (see the module comment). */
  readonly email?: UserPoolEmail;
}

export interface JwtTrust {
  /** Exactly the `iss` claim of the tokens. */
  readonly issuer: string;
  /** Accepted `aud` (ID token) / `client_id` (access token) values. */
  readonly audience: readonly string[];
}

export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  /** Managed login's domain; `loginHost(config)` is its host. */
  readonly domain: UserPoolDomain;
  /** Copies the authorisation attributes into the access token. */
  readonly preTokenGeneration: NodejsFunction;
  /** What the JWT authorizer trusts: this pool as issuer, the web client as audience. */
  readonly jwt: JwtTrust;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    const { config } = props;
    const required = config.identity.mfa === 'required';

    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `omslagroute-${config.stage}`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // Accounts are made by an administrator; the invitation is the first mail a user gets, so it is in Dutch.
      userInvitation: {
        emailSubject: 'Uw account voor de Omslagroute',
        emailBody: `Er is een account voor u aangemaakt in de Omslagroute. Gebruikersnaam: {username}. Tijdelijk wachtwoord: {####}. Log binnen drie dagen in op ${config.appBaseUrl} en kies een eigen wachtwoord.`,
      },
      userVerification: {
        emailSubject: 'Bevestig uw e-mailadres voor de Omslagroute',
        emailBody: 'Uw verificatiecode is {####}.',
        emailStyle: VerificationEmailStyle.CODE,
      },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: Object.fromEntries(
        CUSTOM_ATTRIBUTES.map((name) => [name, new StringAttribute({ minLen: 1, maxLen: 64, mutable: true })]),
      ),
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: false,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: required ? Mfa.REQUIRED : Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // ESSENTIALS is what allows claims in access tokens (pre-token-generation V2); it is also Cognito's default.
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: config.deletionProtection,
      removalPolicy: config.removalPolicy,
      ...(props.email ? { email: props.email } : {}),
    });

    this.preTokenGeneration = nodeFunction(this, 'pre-token-generation', {
      config,
      description: `Omslagroute ${config.stage} Cognito pre-token-generation: organisation and role into the access token`,
      // Cognito waits at most 5 s for a trigger; the function does no I/O.
      timeout: Duration.seconds(5),
      memorySize: 256,
    });
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, this.preTokenGeneration, LambdaVersion.V2_0);

    const loginDomain = config.identity.loginDomain;
    this.domain = this.userPool.addDomain('LoginDomain', {
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
      ...('prefix' in loginDomain
        ? { cognitoDomain: { domainPrefix: loginDomain.prefix } }
        : { customDomain: { domainName: loginDomain.domainName, certificate: Certificate.fromCertificateArn(this, 'LoginCertificate', loginDomain.certificateArn) } }),
    });

    const callbackUrl = new URL(CALLBACK_PATH, config.appBaseUrl).toString();
    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: 'web',
      // A browser app: no secret it could keep.
      generateSecret: false,
      authFlows: { userSrp: true },
      // Authorization code only (no implicit grant). The web app sends a PKCE code_challenge (S256); Cognito then
      // redeems the code only with the matching verifier, which is what protects a client without a secret.
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [callbackUrl],
        logoutUrls: [new URL(LOGOUT_PATH, config.appBaseUrl).toString()],
      },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      // One working day; then sign in again (with MFA).
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(...CUSTOM_ATTRIBUTES),
      // Users may fix their name; organisation, role, team and regio are the administrator's.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    // Managed login (the newer version) shows a client's pages only once it has a branding style: Cognito's default.
    const branding = new CfnManagedLoginBranding(this, 'LoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.webClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    branding.node.addDependency(this.domain);

    this.jwt = {
      issuer: `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`,
      audience: [this.webClient.userPoolClientId],
    };
  }
}
