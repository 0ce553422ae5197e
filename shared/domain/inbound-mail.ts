/**
 * Rules for mail that arrives in the woonzaken mailbox (001 §4: "E-mailadres: woonzaken.omslag@amsterdam.nl"):
 * which attachments are accepted, how a mail is matched to its case, and what happens when it cannot be.
 * Pure: the parsing (mailparser), the file signatures (shared/lib/file-signatures.ts), the mail id (a hash), the storage
 * (S3) and the case commit live outside the domain (shared/app/wonen/parse-mail.ts, inbound.ts).
 *
 * Attachment policy: documents and scans professionals send with a voordracht or a besluit, nothing executable and
 * nothing that can hide other content:
 * - pdf, jpg/jpeg, png, docx, xlsx, txt. The extension, the declared content type (or the generic
 *   application/octet-stream many mail clients use) and the first bytes must agree, so `factuur.pdf.exe` or an
 *   executable renamed to `.pdf` is refused.
 * - Not: legacy Office (doc/xls) and macro formats (docm/xlsm, or a docx that contains a vbaProject), archives (zip,
 *   7z), .eml/.msg (a forwarded mail carries attachments of its own, which would need the same checks recursively),
 *   html, scripts, executables, calendar files.
 * - Inline images of another type (the gif logo in a signature) are skipped, not stored, and do not refuse the mail.
 * - At most 10 MB per attachment, 25 MB together, 20 attachments.
 * A mail with any attachment outside the policy is refused as a whole: nothing of it is attached to a case.
 */
import { findReference, type Regio } from './case.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_TOTAL_ATTACHMENT_BYTES = 25 * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;
/** SES receives mails up to 40 MB (including the base64 overhead); anything larger is not a mail SES delivered. */
export const MAX_RAW_BYTES = 40 * 1024 * 1024;

/**
 * The refusal of a mail over MAX_RAW_BYTES, in whole MB rounded up so 40.2 MB does not read as "40 MB, grens 40 MB"
 * (issue 16: recorded as a refused item with its reason, never an error).
 */
export function sizeRefusal(rawBytes: number): { reason: 'te groot'; detail: string } | undefined {
  if (rawBytes <= MAX_RAW_BYTES) return undefined;
  const mb = 1024 * 1024;
  return { reason: 'te groot', detail: `te groot: ${Math.ceil(rawBytes / mb)} MB, grens ${MAX_RAW_BYTES / mb} MB` };
}

export type AllowedKind = 'pdf' | 'jpeg' | 'png' | 'docx' | 'xlsx' | 'txt';

interface AllowedType {
  extensions: readonly string[];
  contentTypes: readonly string[];
}

/** The allowed kinds: the extension, the declared content type and the bytes (AttachmentInput.contentKinds) must agree. */
export const ALLOWED_TYPES: Readonly<Record<AllowedKind, AllowedType>> = {
  pdf: { extensions: ['pdf'], contentTypes: ['application/pdf', 'application/x-pdf'] },
  jpeg: { extensions: ['jpg', 'jpeg'], contentTypes: ['image/jpeg', 'image/jpg', 'image/pjpeg'] },
  png: { extensions: ['png'], contentTypes: ['image/png'] },
  // OOXML without macros (a vbaProject makes the bytes no docx or xlsx).
  docx: { extensions: ['docx'], contentTypes: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'] },
  xlsx: { extensions: ['xlsx'], contentTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
  txt: { extensions: ['txt'], contentTypes: ['text/plain'] },
};

/** Declared by clients that do not know better; the extension and the bytes decide then. */
const GENERIC_CONTENT_TYPES = ['application/octet-stream', 'binary/octet-stream', 'application/download'];

export interface AttachmentInput {
  filename?: string;
  contentType: string;
  size: number;
  content: Uint8Array;
  /** The kinds the content's first bytes say it is (shared/lib/file-signatures.ts fileKindsOf), found by the caller. */
  contentKinds: readonly string[];
  /** An inline part of the html body (signature logo, pasted screenshot). */
  inline: boolean;
}

export interface AcceptedAttachment {
  index: number;
  kind: AllowedKind;
  filename: string;
  contentType: string;
  size: number;
  inline: boolean;
}

export interface RefusedAttachment {
  index: number;
  /** The extension only: a file name may itself contain personal data. */
  extension: string;
  contentType: string;
  size: number;
  reason: string;
}

export interface AttachmentCheck {
  accepted: AcceptedAttachment[];
  skipped: Array<{ index: number; contentType: string; reason: string }>;
  refused: RefusedAttachment[];
}

function extensionOf(filename: string | undefined): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(filename?.trim() ?? '');
  return match ? match[1]!.toLowerCase() : '';
}

function baseType(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

/** The allowed kind a content type names, for parts without a file name (inline images). */
function kindOfContentType(contentType: string): AllowedKind | undefined {
  const type = baseType(contentType);
  return (Object.keys(ALLOWED_TYPES) as AllowedKind[]).find((k) => ALLOWED_TYPES[k].contentTypes.includes(type));
}

function classify(a: AttachmentInput): { kind: AllowedKind } | { refuse: string } {
  const ext = extensionOf(a.filename);
  const type = baseType(a.contentType);
  const kind = ext
    ? (Object.keys(ALLOWED_TYPES) as AllowedKind[]).find((k) => ALLOWED_TYPES[k].extensions.includes(ext))
    : kindOfContentType(type);
  if (!kind) return { refuse: ext ? `bestandstype .${ext} niet toegestaan` : `inhoudstype ${type} niet toegestaan` };
  const allowed = ALLOWED_TYPES[kind];
  if (!allowed.contentTypes.includes(type) && !GENERIC_CONTENT_TYPES.includes(type)) {
    return { refuse: `inhoudstype ${type} past niet bij .${ext || allowed.extensions[0]}` };
  }
  if (!a.contentKinds.includes(kind)) return { refuse: `inhoud is geen ${kind}` };
  return { kind };
}

/** Applies the attachment policy to every part of a mail. */
export function checkAttachments(attachments: readonly AttachmentInput[]): AttachmentCheck {
  const result: AttachmentCheck = { accepted: [], skipped: [], refused: [] };
  attachments.forEach((a, index) => {
    const verdict = classify(a);
    const refuse = (reason: string) =>
      result.refused.push({ index, extension: extensionOf(a.filename), contentType: baseType(a.contentType), size: a.size, reason });
    if ('refuse' in verdict) {
      // A signature logo in another image format is not what the mail is about: leave it out, do not refuse.
      if (a.inline && baseType(a.contentType).startsWith('image/') && !a.filename?.match(/\.(exe|js|html?|svg)$/i)) {
        result.skipped.push({ index, contentType: baseType(a.contentType), reason: verdict.refuse });
      } else refuse(verdict.refuse);
      return;
    }
    if (a.size > MAX_ATTACHMENT_BYTES) return refuse(`groter dan ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
    result.accepted.push({
      index,
      kind: verdict.kind,
      filename: a.filename?.trim() || `bijlage-${index + 1}.${ALLOWED_TYPES[verdict.kind].extensions[0]}`,
      contentType: baseType(a.contentType),
      size: a.size,
      inline: a.inline,
    });
  });
  if (result.accepted.length > MAX_ATTACHMENTS) {
    result.refused.push({ index: MAX_ATTACHMENTS, extension: '', contentType: '', size: 0, reason: `meer dan ${MAX_ATTACHMENTS} bijlagen` });
  }
  const total = result.accepted.reduce((sum, a) => sum + a.size, 0);
  if (total > MAX_TOTAL_ATTACHMENT_BYTES) {
    result.refused.push({ index: -1, extension: '', contentType: '', size: total, reason: `bijlagen samen groter dan ${MAX_TOTAL_ATTACHMENT_BYTES / 1024 / 1024} MB` });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------------------------

/** The case reference of a mail: the subject first (`[OMS-2026-000123] …` as the system's own mails have it), then the body. */
export function referenceOf(subject: string | undefined, body: string | undefined): string | undefined {
  return findReference(subject ?? '') ?? findReference(body ?? '');
}

export const UNMATCHED_REASONS = ['geen kenmerk', 'onbekend kenmerk', 'andere regio'] as const;
export type UnmatchedReason = (typeof UNMATCHED_REASONS)[number];
export const REFUSAL_REASONS = ['verboden bijlage', 'virus', 'onleesbaar', 'te groot'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type InboundDecision =
  | { outcome: 'attach' }
  | { outcome: 'unmatched'; reason: UnmatchedReason }
  | { outcome: 'refused'; reason: RefusalReason; detail: string };

export interface RouteInput {
  /** A reason to refuse the mail as a whole (attachments, virus verdict, unparseable). */
  refusal?: { reason: RefusalReason; detail: string };
  reference: string | undefined;
  /** The regio of the case the reference names; undefined when no case has that reference. */
  caseRegio: Regio | undefined;
  /** The regio the receiving mailbox serves (the Amsterdam woonzaken mailbox: amsterdam). */
  mailboxRegio: Regio;
}

/**
 * Where a mail goes. Refusal comes first: a mail with a forbidden attachment is never attached, whatever its
 * reference. A reference to a case of another regio is treated as not matching (a forged or mistyped reference must
 * not put a mail in a case the mailbox does not serve).
 */
export function routeInbound(input: RouteInput): InboundDecision {
  if (input.refusal) return { outcome: 'refused', ...input.refusal };
  if (!input.reference) return { outcome: 'unmatched', reason: 'geen kenmerk' };
  if (input.caseRegio === undefined) return { outcome: 'unmatched', reason: 'onbekend kenmerk' };
  if (input.caseRegio !== input.mailboxRegio) return { outcome: 'unmatched', reason: 'andere regio' };
  return { outcome: 'attach' };
}

// ---------------------------------------------------------------------------------------------------------------
// Identity and names
// ---------------------------------------------------------------------------------------------------------------

/** A mail id as it appears in URLs: 32 lower-case hex characters. */
export const MAIL_ID_PATTERN = /^[0-9a-f]{32}$/;

/** A file name safe for an object key: letters, digits, dot, dash and underscore, at most 100 characters. */
export function safeObjectName(filename: string): string {
  const cleaned = filename.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return (cleaned || 'bijlage').slice(-100);
}

/** The domain of a sender address (`b.begeleider@hvo-querido.example` → `hvo-querido.example`). */
export function domainOf(address: string): string {
  return address.split('@').pop()?.toLowerCase() ?? '';
}
