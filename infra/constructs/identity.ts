/**
 * Who may call the API: a Cognito user pool (accounts are created by an administrator, never by sign-up) and the
 * web app's client. The pool's issuer and the client id are what the HTTP API's JWT authorizer trusts.
 *
 * The authorisation attributes live on the user as custom attributes: `custom:org`, `custom:role`, `custom:team`,
 * `custom:regio` (read by `principalOf` in shared/http/request.ts). The client may read them but not write them:
 * only an administrator (AdminUpdateUserAttributes) can move someone to another organisation or role.
 *
 * Token claims, important for the web app: Cognito puts custom attributes in the ID token only. An access token
 * carries them only after a pre-token-generation trigger (V2_0 event, feature plan ESSENTIALS, set here) copies them
 * in. Until that trigger exists (`userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, fn,
 * LambdaVersion.V2_0)`), the web app must send the ID token; the authorizer accepts both (audience = client id).
 *
 * Outgoing mail: Cognito's own sender (50 mails a day) until the mail concern has verified `config.mail.domain` in
 * SES; it then passes `email: UserPoolEmail.withSES({...})`.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  VerificationEmailStyle,
  type UserPoolClient,
  type UserPoolEmail,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { StageConfig } from '../config.js';

/** Custom attributes the API authorises on; names without the `custom:` prefix Cognito adds. */
export const CUSTOM_ATTRIBUTES = ['org', 'role', 'team', 'regio'] as const;

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

    const callbackUrl = new URL('/auth/callback', config.appBaseUrl).toString();
    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: 'web',
      // A browser app: no secret it could keep.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [callbackUrl],
        logoutUrls: [new URL('/', config.appBaseUrl).toString()],
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

    this.jwt = {
      issuer: `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`,
      audience: [this.webClient.userPoolClientId],
    };
  }
}
