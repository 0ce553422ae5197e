/**
 * The daily digest to woonzaken: on every werkdag at 08:00 Europe/Amsterdam, one mail per regio listing the queue
 * items due today and those overdue, by case reference only. Read from the queue index (two key-condition queries per
 * regio, no filter, no scan).
 *
 * Exactly once per regio and day: a digest record `DIGEST#<regio>#<date>` is put with a not-exists condition BEFORE
 * sending; a second run (a retried schedule, a manual run) finds it and sends nothing. After a failed send the claim is
 * given back so a retry may send. Remaining window: if the function dies after SES accepted the mail but before the
 * record says 'sent', nothing is resent (the claim stays 'sending'): at most once. If it dies between the claim and
 * SES accepting, that day's digest is lost and the record stays 'sending' — visible in the table (and to an alarm on
 * the function's errors); the next day's digest lists the same overdue items again.
 */
import { toAmsterdamDate } from '#domain/calendar.js';
import type { Regio } from '#domain/case.js';
import { buildDigest, digestText, OPEN_STATUSES, receivedBeforeBoundForDueBy, type Digest } from '#domain/wonen-queue.js';
import { isWerkdag } from '#domain/werkdagen.js';
import type { Clock } from '#domain/clock.js';
import type { Principal } from '#domain/roles.js';
import type { Mailer } from '../ports.js';
import { wonenRegioOf } from './queue.js';
import type { WonenStore } from './ports.js';

export interface DigestDeps {
  wonen: WonenStore;
  mailer: Mailer;
  clock: Clock;
  /** The woonzaken mailbox of a regio; undefined when the regio has none configured (its digest is skipped). */
  woonzakenAddress: (regio: Regio) => string | undefined;
  /** Link to the queue page of the app. */
  queueUrl: string;
}

export type DigestResult =
  | { regio: Regio; date: string; outcome: 'verstuurd'; messageId: string; dueToday: number; overdue: number }
  | { regio: Regio; date: string; outcome: 'geen werkdag' | 'al verstuurd' | 'geen adres' };

/** Sends today's digest for each regio (once per regio and day). */
export async function sendDailyDigests(deps: DigestDeps, regios: readonly Regio[]): Promise<DigestResult[]> {
  const results: DigestResult[] = [];
  for (const regio of regios) results.push(await digestFor(deps, regio));
  return results;
}

/**
 * Today's digest of one regio as the mail lists it (the page "Wat vandaag te doen is" shows the same figures, GET
 * /wonen/digest): the open items due today and those overdue, read from the queue index.
 */
export async function digestOfToday(deps: { wonen: WonenStore; clock: Clock }, regio: Regio, date = toAmsterdamDate(deps.clock.now())): Promise<Digest> {
  const bound = receivedBeforeBoundForDueBy(date, regio);
  const items = (await Promise.all(OPEN_STATUSES.map((status) => deps.wonen.listReceivedBefore(regio, status, bound)))).flat();
  return buildDigest(regio, date, items);
}

/** GET /wonen/digest: today's digest of the caller's regio (medewerker Wonen), the figures of the 08:00 mail. */
export async function readTodaysDigest(deps: { wonen: WonenStore; clock: Clock }, principal: Principal): Promise<Digest> {
  const regio = wonenRegioOf(principal);
  const date = toAmsterdamDate(deps.clock.now());
  if (!regio) return { regio: 'amsterdam', date, dueToday: [], overdue: [] };
  return digestOfToday(deps, regio, date);
}

async function digestFor(deps: DigestDeps, regio: Regio): Promise<DigestResult> {
  const now = deps.clock.now();
  const date = toAmsterdamDate(now);
  // The schedule runs MON-FRI; holidays are werkdagen.ts's (Algemene termijnenwet, per regio).
  if (!isWerkdag(date, regio)) return { regio, date, outcome: 'geen werkdag' };
  const to = deps.woonzakenAddress(regio);
  if (!to) return { regio, date, outcome: 'geen adres' };

  const digest = await digestOfToday(deps, regio, date);

  if (!(await deps.wonen.claimDigest(regio, date, now))) return { regio, date, outcome: 'al verstuurd' };
  const text = digestText(digest, deps.queueUrl);
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send({ to: [to], ...text, tags: { kind: 'wonen-digest', regio, date } }));
  } catch (error) {
    await deps.wonen.releaseDigest(regio, date);
    throw error;
  }
  await deps.wonen.markDigestSent(regio, date, messageId, deps.clock.now());
  return { regio, date, outcome: 'verstuurd', messageId, dueToday: digest.dueToday.length, overdue: digest.overdue.length };
}
