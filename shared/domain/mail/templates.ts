/**
 * The e-mails of the route, Dutch, HTML and plain text. A mail says what is due (the rule's title), by when (a Dutch
 * weekday and date), for which case reference, what to do, and links to the case. By construction it cannot contain
 * personal data: the inputs below carry no pseudonym, name, address or form content, only the case reference,
 * rule texts, dates and party roles. Every interpolated value is HTML-escaped.
 */
import type { Party, RuleKind } from '../deadlines/index.js';
import { notificationRuleById } from '../notifications.js';
import { dutchDate, dutchList, html, joinHtml, type SafeHtml } from './format.js';
import { instructionFor, PARTY_LABELS } from './instructions.js';

interface MailCommon {
  /** Case reference, e.g. `OMS-2026-000123`; goes in the subject (002 WA8: the mailbox sorts on it). */
  reference: string;
  caseId: string;
  /** `APP_BASE_URL`; the link is `${baseUrl}/cases/<caseId>`. */
  baseUrl: string;
  /** Deterministic id of the mail (reminder id): support can trace a mail without reading it. */
  reminderId: string;
  to: readonly Party[];
}

export interface DeadlineMailInput extends MailCommon {
  kind: 'deadline';
  ruleId: string;
  ruleKind?: RuleKind;
  title: string;
  source?: string;
  actor: Party;
  /** `vooraf`, `vandaag`, `escalatie` (engine STAGE_NAMES); an unknown stage gets a neutral text. */
  stage: string;
  dueDate: string;
}

export interface NotificationMailInput extends MailCommon {
  kind: 'melding';
  /** The notification rule id (shared/domain/notifications.ts). */
  notificationId: string;
  /** The date the form recorded. */
  occurredOn: string;
  /** The form corrects an earlier submission. */
  correction?: boolean;
}

export type MailInput = DeadlineMailInput | NotificationMailInput;

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/** The case link; the case id is opaque (a UUID), never personal data. */
export function caseLink(baseUrl: string, caseId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/cases/${encodeURIComponent(caseId)}`;
}

export function renderMail(input: MailInput): RenderedMail {
  return input.kind === 'deadline' ? renderDeadlineMail(input) : renderNotificationMail(input);
}

interface Body {
  subject: string;
  lead: string;
  facts: Array<[label: string, value: string]>;
  todo: string[];
}

function renderDeadlineMail(input: DeadlineMailInput): RenderedMail {
  const date = dutchDate(input.dueDate);
  const words = stageWords(input.ruleKind ?? 'termijn', input.stage, input.title, date);
  return layout(input, {
    subject: `[${input.reference}] ${words.prefix}: ${input.title}${words.suffix}`,
    lead: words.lead,
    facts: [
      ['Dossier', input.reference],
      [input.ruleKind === 'signaal' ? 'Datum' : 'Uiterlijk', date],
      ['Actie door', PARTY_LABELS[input.actor] ?? input.actor],
      ...(input.source ? ([['Afspraak', input.source]] as Array<[string, string]>) : []),
    ],
    todo: [instructionFor(input.ruleId)],
  });
}

function stageWords(kind: RuleKind, stage: string, title: string, date: string): { prefix: string; suffix: string; lead: string } {
  const quoted = `"${title}"`;
  if (kind === 'signaal') {
    return stage === 'vooraf'
      ? { prefix: 'Binnenkort', suffix: ` (${date})`, lead: `Op ${date} is het moment voor ${quoted}.` }
      : { prefix: 'Signaal', suffix: '', lead: `Het moment voor ${quoted} is aangebroken (${date}).` };
  }
  const term = kind === 'ambitie' ? 'De streeftermijn' : 'De termijn';
  switch (stage) {
    case 'vooraf':
      return { prefix: 'Binnenkort', suffix: ` (uiterlijk ${date})`, lead: `${term} voor ${quoted} loopt af op ${date}.` };
    case 'vandaag':
      return { prefix: 'Vandaag', suffix: '', lead: `${term} voor ${quoted} loopt vandaag af, ${date}.` };
    case 'escalatie':
      return {
        prefix: kind === 'ambitie' ? 'Streeftermijn verstreken' : 'Termijn verlopen',
        suffix: '',
        lead: `${term} voor ${quoted} is verstreken op ${date}, en de stap is nog niet vastgelegd in het dossier.`,
      };
    default:
      return { prefix: 'Herinnering', suffix: ` (uiterlijk ${date})`, lead: `${term} voor ${quoted} loopt af op ${date}.` };
  }
}

function renderNotificationMail(input: NotificationMailInput): RenderedMail {
  const rule = notificationRuleById(input.notificationId);
  const subject = rule?.subject ?? 'Nieuw formulier in het dossier';
  const todo = input.to.flatMap((party) => {
    const text = rule?.todo[party];
    return text ? [`Voor ${PARTY_LABELS[party]}: ${text}`] : [];
  });
  return layout(input, {
    subject: `[${input.reference}] ${subject}${input.correction ? ' (correctie)' : ''}`,
    lead: `${rule?.summary ?? 'Er is een formulier vastgelegd in het dossier.'}${input.correction ? ' Het betreft een correctie van een eerder formulier.' : ''}`,
    facts: [
      ['Dossier', input.reference],
      ['Vastgelegd op', dutchDate(input.occurredOn)],
      ...(rule ? ([['Afspraak', rule.source]] as Array<[string, string]>) : []),
    ],
    todo: todo.length ? todo : ['Bekijk het dossier.'],
  });
}

const FOOTER =
  'Deze e-mail bevat bewust geen persoonsgegevens: alle inhoud staat in het dossier. Dit is een automatisch bericht van de Omslagroute; beantwoorden is niet nodig.';

function layout(input: MailCommon, body: Body): RenderedMail {
  const link = caseLink(input.baseUrl, input.caseId);
  const audience = `Verstuurd aan ${dutchList(input.to.map((p) => PARTY_LABELS[p] ?? p))}, omdat uw organisatie bij dit dossier betrokken is.`;
  const text = [
    'Beste collega,',
    '',
    body.lead,
    '',
    ...body.facts.map(([label, value]) => `${label}: ${value}`),
    '',
    'Wat te doen:',
    ...body.todo.map((t) => `- ${t}`),
    '',
    `Bekijk het dossier: ${link}`,
    '',
    '--',
    audience,
    FOOTER,
    `Kenmerk bericht: ${input.reminderId}`,
    '',
  ].join('\n');
  const rows: SafeHtml[] = body.facts.map(
    ([label, value]) => html`<tr><th align="left" style="padding:2px 12px 2px 0">${label}</th><td>${value}</td></tr>`,
  );
  const todo: SafeHtml[] = body.todo.map((t) => html`<li>${t}</li>`);
  const markup = html`<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>${body.subject}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.4;color:#1a1a1a">
<p>Beste collega,</p>
<p>${body.lead}</p>
<table role="presentation" style="border-collapse:collapse">${joinHtml(rows)}</table>
<p><strong>Wat te doen</strong></p>
<ul>${joinHtml(todo)}</ul>
<p><a href="${link}">Bekijk het dossier</a></p>
<hr>
<p style="font-size:12px;color:#555">${audience}<br>${FOOTER}<br>Kenmerk bericht: ${input.reminderId}</p>
</body></html>`;
  return { subject: body.subject, html: markup.value, text };
}

