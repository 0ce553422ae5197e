/**
 * Inbound mail rules, pure, and the parsing of the fixture mails: the attachment policy, matching by reference, where
 * a mail goes, and its deterministic id.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mailIdOf } from '../../shared/app/wonen/inbound.js';
import { parseMail } from '../../shared/app/wonen/parse-mail.js';
import { fileKindsOf } from '../../shared/lib/file-signatures.js';
import {
  checkAttachments,
  MAX_ATTACHMENT_BYTES,
  MAX_RAW_BYTES,
  referenceOf,
  routeInbound,
  safeObjectName,
  sizeRefusal,
  type AttachmentInput,
} from '../../shared/domain/inbound-mail.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const EXE = Buffer.from('MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode.', 'latin1');
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const zip = (...names: string[]) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(names.join('\0'), 'latin1')]);

function att(filename: string | undefined, contentType: string, content: Buffer, inline = false): AttachmentInput {
  return { ...(filename ? { filename } : {}), contentType, size: content.length, content, contentKinds: fileKindsOf(content), inline };
}

describe('attachment policy', () => {
  it('accepts pdf, jpg, png, docx, xlsx and txt whose type and bytes agree', () => {
    const check = checkAttachments([
      att('voordracht.pdf', 'application/pdf', PDF),
      att('scan.PNG', 'image/png', PNG),
      att('foto.jpeg', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2])),
      att('brief.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', zip('[Content_Types].xml', 'word/document.xml')),
      att('lijst.xlsx', 'application/octet-stream', zip('[Content_Types].xml', 'xl/workbook.xml')),
      att('notitie.txt', 'text/plain; charset=utf-8', Buffer.from('tekst')),
    ]);
    expect(check.refused).toEqual([]);
    expect(check.accepted.map((a) => a.kind)).toEqual(['pdf', 'png', 'jpeg', 'docx', 'xlsx', 'txt']);
  });

  it.each([
    ['an executable', att('formulier.exe', 'application/x-msdownload', EXE), 'bestandstype .exe niet toegestaan'],
    ['an executable named .pdf', att('scan.pdf', 'application/octet-stream', EXE), 'inhoud is geen pdf'],
    ['a double extension', att('factuur.pdf.exe', 'application/pdf', EXE), 'bestandstype .exe niet toegestaan'],
    ['a pdf declared as html', att('scan.pdf', 'text/html', PDF), 'inhoudstype text/html past niet bij .pdf'],
    ['a docx with macros', att('brief.docx', 'application/octet-stream', zip('[Content_Types].xml', 'word/document.xml', 'word/vbaProject.bin')), 'inhoud is geen docx'],
    ['a forwarded mail', att('doorgestuurd.eml', 'message/rfc822', Buffer.from('From: x')), 'bestandstype .eml niet toegestaan'],
    ['an archive', att('stukken.zip', 'application/zip', zip('a.pdf')), 'bestandstype .zip niet toegestaan'],
  ])('refuses %s', (_what, attachment, reason) => {
    const check = checkAttachments([att('ok.pdf', 'application/pdf', PDF), attachment]);
    expect(check.refused).toEqual([expect.objectContaining({ index: 1, reason })]);
  });

  it('refuses an attachment over 10 MB and attachments over 25 MB together', () => {
    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0x20);
    big.write('%PDF-1.4', 0, 'latin1');
    expect(checkAttachments([att('groot.pdf', 'application/pdf', big)]).refused[0]?.reason).toBe('groter dan 10 MB');
    const nine = Buffer.alloc(9 * 1024 * 1024, 0x20);
    nine.write('%PDF-1.4', 0, 'latin1');
    const check = checkAttachments([att('a.pdf', 'application/pdf', nine), att('b.pdf', 'application/pdf', nine), att('c.pdf', 'application/pdf', nine)]);
    expect(check.refused).toEqual([expect.objectContaining({ reason: 'bijlagen samen groter dan 25 MB' })]);
  });

  it('skips an inline signature logo in another image format instead of refusing the mail', () => {
    const check = checkAttachments([att('logo.gif', 'image/gif', GIF, true), att('voordracht.pdf', 'application/pdf', PDF)]);
    expect(check.refused).toEqual([]);
    expect(check.skipped).toEqual([expect.objectContaining({ index: 0, contentType: 'image/gif' })]);
    expect(check.accepted).toHaveLength(1);
  });

  it('names a part without a file name after its type, and makes names safe for object keys', () => {
    expect(checkAttachments([att(undefined, 'image/png', PNG, true)]).accepted[0]?.filename).toBe('bijlage-1.png');
    expect(safeObjectName('../../Brief van Wonen (définitief).pdf')).toBe('Brief_van_Wonen_de_finitief_.pdf');
  });
});

describe('matching and routing', () => {
  it('finds the reference in the subject first, then in the body', () => {
    expect(referenceOf('[OMS-2027-000012] Voordracht', 'zie OMS-2027-000099')).toBe('OMS-2027-000012');
    expect(referenceOf('Re: voordracht', 'Ter aanvulling op dossier OMS-2027-000099.')).toBe('OMS-2027-000099');
    expect(referenceOf('Vraag', 'geen kenmerk')).toBeUndefined();
  });

  it('refuses before matching, and never attaches to a case of another regio', () => {
    const base = { reference: 'OMS-2027-000001', caseRegio: 'amsterdam' as const, mailboxRegio: 'amsterdam' as const };
    expect(routeInbound(base)).toEqual({ outcome: 'attach' });
    expect(routeInbound({ ...base, refusal: { reason: 'verboden bijlage', detail: '.exe' } })).toMatchObject({ outcome: 'refused' });
    expect(routeInbound({ ...base, reference: undefined })).toEqual({ outcome: 'unmatched', reason: 'geen kenmerk' });
    expect(routeInbound({ ...base, caseRegio: undefined })).toEqual({ outcome: 'unmatched', reason: 'onbekend kenmerk' });
    expect(routeInbound({ ...base, caseRegio: 'klantreis-2023' })).toEqual({ outcome: 'unmatched', reason: 'andere regio' });
  });

  it('derives a deterministic mail id from the Message-ID, else from the object key', () => {
    expect(mailIdOf('<a@b>', 'raw/1')).toBe(mailIdOf('a@b', 'raw/2'));
    expect(mailIdOf('<a@b>', 'raw/1')).not.toBe(mailIdOf('<c@b>', 'raw/1'));
    expect(mailIdOf(undefined, 'raw/1')).toBe(mailIdOf(undefined, 'raw/1'));
    expect(mailIdOf(undefined, 'raw/1')).not.toBe(mailIdOf(undefined, 'raw/2'));
    expect(mailIdOf(undefined, 'raw/1')).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('parsing the fixture mails (mailparser)', () => {
  const fixture = (name: string) =>
    Buffer.from(
      readFileSync(new URL(`../fixtures/mail/${name}`, import.meta.url), 'utf8')
        .replaceAll('{{REFERENCE}}', 'OMS-2027-000007')
        .replaceAll('{{MESSAGE_ID}}', 'fixture-1'),
    );

  it('reads sender, subject, body and attachments of a mail with a reference', async () => {
    const mail = await parseMail(fixture('with-reference.eml'));
    expect(mail.from).toBe('b.begeleider@hvo-querido.example');
    expect(mail.subject).toBe('[OMS-2027-000007] Aanvullende stukken voordracht');
    expect(mail.messageId).toBe('<fixture-1@hvo-querido.example>');
    expect(mail.text).toContain('ondertekende voordracht');
    const check = checkAttachments(mail.attachments);
    expect(check.accepted.map((a) => a.filename)).toEqual(['voordracht-ondertekend.pdf', 'scan.png']);
    expect(check.skipped).toHaveLength(1);
    expect(check.refused).toEqual([]);
  });

  it('refuses the .exe of the forbidden-attachment fixture and the disguised one', async () => {
    expect(checkAttachments((await parseMail(fixture('forbidden-attachment.eml'))).attachments).refused).toEqual([
      expect.objectContaining({ extension: 'exe' }),
    ]);
    expect(checkAttachments((await parseMail(fixture('disguised-attachment.eml'))).attachments).refused).toEqual([
      expect.objectContaining({ extension: 'pdf', reason: 'inhoud is geen pdf' }),
    ]);
  });

  it('finds a reference in the body of a plain-text reply', async () => {
    const mail = await parseMail(fixture('reference-in-body.eml'));
    expect(referenceOf(mail.subject, mail.text)).toBe('OMS-2027-000007');
  });
});

describe('a mail over the SES limit (issue 16)', () => {
  it('is refused as "te groot" with its size and the limit; up to the limit it is not', () => {
    expect(sizeRefusal(MAX_RAW_BYTES)).toBeUndefined();
    expect(sizeRefusal(20 * 1024 * 1024)).toBeUndefined();
    expect(sizeRefusal(MAX_RAW_BYTES + 1)).toEqual({ reason: 'te groot', detail: 'te groot: 41 MB, grens 40 MB' });
    expect(sizeRefusal(41 * 1024 * 1024)).toEqual({ reason: 'te groot', detail: 'te groot: 41 MB, grens 40 MB' });
  });
});
