/**
 * The suppression, applied to every outgoing mail in one place: `RecipientFilter.apply(to)` — one batch read of the
 * recipients' (and their replacements') records, then the pure rule of shared/domain/mail-health.ts.
 *
 * - The reminder sender (every reminder and every notification: Wonen submissions and decisions) calls it right after
 *   resolving recipients, BEFORE it claims the stage, so the window between claim and SES call stays one SES call.
 *   A stage left without recipients fails `geen-ontvanger:onbestelbaar` (alarmed, like any failed stage).
 * - Other mail (Wonen's digest, refusal notices) goes through `suppressingMailer(mailer, filter)`, a Mailer wrapper;
 *   with no deliverable recipient it throws `NoDeliverableRecipient` (the digest gives its claim back and fails).
 */
import type { OrganisationDirectory } from '#domain/directory.js';
import { applySuppressions, suppressionCandidates, type SuppressionResult } from '#domain/mail-health.js';
import { logLine } from '../reminders/log.js';
import type { Mailer, OutgoingMail } from '../ports.js';
import { addressTag } from './events.js';
import type { BounceStore } from './ports.js';

export class RecipientFilter {
  constructor(
    private readonly bounces: Pick<BounceStore, 'suppressedAmong'>,
    private readonly directory: Pick<OrganisationDirectory, 'ownerOf'>,
  ) {}

  async apply(to: readonly string[]): Promise<SuppressionResult> {
    if (to.length === 0) return { to: [], replaced: [], dropped: [] };
    const suppressed = await this.bounces.suppressedAmong(suppressionCandidates(to, this.directory));
    const result = applySuppressions(to, suppressed, this.directory);
    if (result.replaced.length || result.dropped.length) {
      logLine('info', 'mail recipients suppressed', {
        replaced: result.replaced.map((r) => addressTag(r.from)),
        dropped: result.dropped.map(addressTag),
      });
    }
    return result;
  }
}

/** Every recipient of a mail is suppressed and none has a deliverable functional mailbox. */
export class NoDeliverableRecipient extends Error {
  override get name(): string {
    return 'NoDeliverableRecipient';
  }
}

/** A Mailer that sends only to deliverable addresses (suppressed ones swapped for their organisation's mailbox). */
export function suppressingMailer(mailer: Mailer, filter: RecipientFilter): Mailer {
  return {
    async send(mail: OutgoingMail) {
      const { to } = await filter.apply(mail.to);
      if (to.length === 0) throw new NoDeliverableRecipient('Alle ontvangers van deze e-mail zijn onbestelbaar (bounce of klacht).');
      return mailer.send({ ...mail, to });
    },
  };
}
