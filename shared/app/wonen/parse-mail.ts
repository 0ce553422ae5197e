/** Parsing a raw RFC 5322 mail (as SES stores it) with mailparser into what the inbound rules need. */
import { simpleParser } from 'mailparser';
import type { AttachmentInput } from '#domain/inbound-mail.js';
import { fileKindsOf } from '#lib/file-signatures.js';

export interface ParsedMail {
  /** Sender address, lower case; '' when the From header has none. */
  from: string;
  to: string[];
  subject: string;
  messageId?: string;
  /** The text body (mailparser derives it from the html part when there is no text part). */
  text: string;
  attachments: AttachmentInput[];
  /** SES receipt verdicts, when the mail came through an SES receipt rule with scanning on. */
  verdicts: { spam?: string; virus?: string; spf?: string; dkim?: string; dmarc?: string };
}

function header(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (value && typeof value === 'object' && 'value' in value && typeof (value as { value: unknown }).value === 'string') {
    return ((value as { value: string }).value).trim();
  }
  return undefined;
}

function addresses(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a: { value?: Array<{ address?: string }> }) => (a.value ?? []).map((v) => v.address?.toLowerCase() ?? '')).filter(Boolean);
}

export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const headers = parsed.headers;
  return {
    from: addresses(parsed.from)[0] ?? '',
    to: addresses(parsed.to),
    subject: parsed.subject ?? '',
    ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
    text: parsed.text?.trim() ? parsed.text : typeof parsed.html === 'string' ? htmlToText(parsed.html) : '',
    attachments: parsed.attachments.map((a) => ({
      ...(a.filename ? { filename: a.filename } : {}),
      contentType: a.contentType || 'application/octet-stream',
      size: a.size ?? a.content.length,
      content: a.content,
      contentKinds: fileKindsOf(a.content),
      inline: a.related === true || a.contentDisposition === 'inline',
    })),
    verdicts: {
      ...(header(headers.get('x-ses-spam-verdict')) ? { spam: header(headers.get('x-ses-spam-verdict')) } : {}),
      ...(header(headers.get('x-ses-virus-verdict')) ? { virus: header(headers.get('x-ses-virus-verdict')) } : {}),
      ...authenticationResults(header(headers.get('authentication-results'))),
    },
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Text of an html-only mail, for reference matching and the stored body (mailparser leaves `text` empty then). Tags
 * dropped, block ends as line breaks, the common entities decoded; never rendered anywhere.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6])>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#\d+|[a-z]+);/gi, (m, e: string) => (e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? m)))
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** spf=, dkim=, dmarc= results from SES's Authentication-Results header (recorded, not enforced). */
function authenticationResults(value: string | undefined): { spf?: string; dkim?: string; dmarc?: string } {
  if (!value) return {};
  const result: { spf?: string; dkim?: string; dmarc?: string } = {};
  for (const method of ['spf', 'dkim', 'dmarc'] as const) {
    const match = new RegExp(`\\b${method}=([a-z]+)`, 'i').exec(value);
    if (match) result[method] = match[1]!.toLowerCase();
  }
  return result;
}
