/**
 * Named domain errors. They are mapped to HTTP problem+json in exactly one place (shared/http/problem.ts).
 */
import type { Action, Phase } from './phases.js';

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  /** Extra members for the problem document; never personal data. */
  readonly extensions: Record<string, unknown> = {};
  override get name(): string {
    return this.constructor.name;
  }
}

export interface FieldError {
  /** Dotted path into the request, e.g. `body.doelen.0.omschrijving` or `headers.idempotency-key`. */
  path: string;
  message: string;
}

export class ValidationFailed extends DomainError {
  readonly status = 400;
  readonly title = 'De invoer is niet geldig';
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    this.extensions.errors = errors;
  }
}

/** A rule of the route refuses the request (e.g. a voordracht before one year of begeleiding). */
export class RuleViolated extends DomainError {
  readonly status = 422;
  readonly title = 'Dit kan volgens de afspraken van de Omslagroute (nog) niet';
  constructor(readonly rule: string, detail: string, readonly errors: FieldError[] = []) {
    super(detail);
    this.extensions.rule = rule;
    if (errors.length) this.extensions.errors = errors;
  }
}

export class CaseNotFound extends DomainError {
  readonly status = 404;
  readonly title = 'Dossier niet gevonden';
  constructor() {
    // Same answer for "does not exist" and "not yours": no oracle for foreign case ids.
    super('Er is geen dossier met dit kenmerk dat u mag inzien.');
  }
}

export class NotFound extends DomainError {
  readonly status = 404;
  readonly title = 'Niet gevonden';
  constructor(detail = 'Deze resource bestaat niet.') {
    super(detail);
  }
}

export class MethodNotAllowed extends DomainError {
  readonly status = 405;
  readonly title = 'Methode niet toegestaan';
  constructor(readonly allowed: string[]) {
    super(`Toegestaan: ${allowed.join(', ')}`);
    this.extensions.allowed = allowed;
  }
}

export class TransitionNotAllowed extends DomainError {
  readonly status = 409;
  readonly title = 'Deze stap past niet bij de fase van het dossier';
  constructor(readonly phase: Phase, readonly action: Action) {
    super(`De actie '${action}' is niet toegestaan in fase '${phase}'.`);
    this.extensions.phase = phase;
    this.extensions.action = action;
  }
}

export class StaleVersion extends DomainError {
  readonly status = 412;
  readonly title = 'Het dossier is intussen gewijzigd';
  constructor(readonly expected: number, readonly actual: number) {
    super(`U werkte met versie ${expected}; de huidige versie is ${actual}. Haal het dossier opnieuw op.`);
    this.extensions.currentVersion = actual;
  }
}

export class ConcurrentModification extends DomainError {
  readonly status = 409;
  readonly title = 'Het dossier werd tegelijk door iemand anders gewijzigd';
  constructor() {
    super('Probeer het opnieuw.');
  }
}

export class IdempotencyKeyReused extends DomainError {
  readonly status = 422;
  readonly title = 'Idempotency-Key is al gebruikt voor een ander verzoek';
  constructor() {
    super('Gebruik een nieuwe Idempotency-Key voor een ander verzoek.');
  }
}

export class Unauthenticated extends DomainError {
  readonly status = 401;
  readonly title = 'Niet aangemeld';
  constructor(detail = 'Een geldig toegangstoken is nodig.') {
    super(detail);
  }
}

export class Forbidden extends DomainError {
  readonly status = 403;
  readonly title = 'Geen toegang';
  constructor(detail = 'Uw rol mag deze actie niet uitvoeren.') {
    super(detail);
  }
}

export class PayloadTooLarge extends DomainError {
  readonly status = 413;
  readonly title = 'Verzoek te groot';
  constructor(limit: number) {
    super(`Het verzoek mag hoogstens ${limit} bytes zijn.`);
  }
}

/**
 * A store the request needs did not answer in time or could not be reached (connection refused or reset, a timeout,
 * its own 5xx or throttling after the SDK's retries). Answered 503 with Retry-After: the client may simply retry.
 */
export class StoreUnavailable extends DomainError {
  readonly status = 503;
  readonly title = 'Tijdelijk niet beschikbaar';
  /** Seconds a client should wait before retrying (the Retry-After header). */
  readonly retryAfterSeconds = 5;
  constructor(readonly store: string, readonly reason: string, options?: { cause?: unknown }) {
    super(`De opslag is tijdelijk niet bereikbaar (${reason}). Probeer het over enkele seconden opnieuw.`);
    if (options) this.cause = options.cause;
  }
}
