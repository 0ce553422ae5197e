/**
 * Issue 16, "Inbound mail": a 20 MB mail (the SES limit is 40 MB) lands on its case with its attachments listed, and a
 * mail over 40 MB is refused with a recorded reason, never an error, through the handler and the local drop folder.
 * The mails are generated here (a text body and base64 attachments), not committed as fixtures.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCaseBody } from '../support/bodies.js';
import { callers, localApi, type TestApi } from '../support/api.js';
import { deliverLocalMail, ensureLocalInbox, watchInboundFolder } from '../../shared/local/inbound.js';
import { amsterdamInstant } from '../../shared/domain/calendar.js';

const MB = 1024 * 1024;
let api: TestApi;

beforeAll(async () => {
  process.env.MAIL_FROM ??= 'Omslagroute (test) <noreply@omslagroute.example>';
  api = await localApi({ now: amsterdamInstant('2027-04-29', 10) });
  await ensureLocalInbox(api.stack.services);
}, 120_000);

/** A pdf of `bytes` bytes: the header, then filler. */
function pdf(bytes: number): Buffer {
  const out = Buffer.alloc(bytes, 0x20);
  out.write('%PDF-1.4\n', 0, 'latin1');
  return out;
}

/** A raw mail with a text body and `count` pdf attachments of `each` bytes (base64, 76-character lines). */
function bigMail(subject: string, count: number, each: number): Buffer {
  const boundary = 'big-boundary';
  const head = [
    'From: "B. Begeleider" <b.begeleider@hvo-querido.example>',
    'To: woonzaken.omslag@amsterdam.example',
    `Subject: ${subject}`,
    'Date: Thu, 29 Apr 2027 10:15:00 +0200',
    `Message-ID: <${randomUUID()}@hvo-querido.example>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Beste woonzaken, hierbij de gescande stukken.',
    '',
  ].join('\r\n');
  const parts: Buffer[] = [Buffer.from(head)];
  const body = pdf(each).toString('base64').replace(/.{76}/g, '$&\r\n');
  for (let i = 1; i <= count; i++) {
    parts.push(
      Buffer.from(
        [
          `--${boundary}`,
          `Content-Type: application/pdf; name="scan-${i}.pdf"`,
          `Content-Disposition: attachment; filename="scan-${i}.pdf"`,
          'Content-Transfer-Encoding: base64',
          '',
          body,
          '',
        ].join('\r\n'),
      ),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}

async function newCase(): Promise<{ caseId: string; reference: string }> {
  const created = await api.post('/cases', callers.begeleider, createCaseBody());
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

async function mailsOf(caseId: string) {
  const read = await api.get(`/cases/${caseId}`, callers.begeleider);
  expect(read.status).toBe(200);
  return (read.body.timeline as Array<{ type: string; data?: any }>).filter((e) => e.type === 'mail-ontvangen');
}

describe('a large mail to woonzaken', () => {
  it('attaches a 20 MB mail to its case, the attachments listed (stored in the bucket, metadata on the case)', async () => {
    const { caseId, reference } = await newCase();
    const raw = bigMail(`[${reference}] Scans`, 2, Math.floor(7.3 * MB));
    expect(raw.length).toBeGreaterThan(19 * MB);
    const [outcome] = await deliverLocalMail(raw, api.stack.container);
    expect(outcome).toMatchObject({ outcome: 'gekoppeld', caseId, reference });
    const [mail] = await mailsOf(caseId);
    expect(mail!.data.attachments.map((a: { name: string; size: number }) => [a.name, a.size])).toEqual([
      ['scan-1.pdf', Math.floor(7.3 * MB)],
      ['scan-2.pdf', Math.floor(7.3 * MB)],
    ]);
  }, 120_000);

  it('refuses a 41 MB mail with a recorded reason, and lists it', async () => {
    const { reference } = await newCase();
    const raw = bigMail(`[${reference}] Te veel scans`, 4, Math.floor(7.6 * MB));
    expect(raw.length).toBeGreaterThan(40 * MB);
    const [outcome] = await deliverLocalMail(raw, api.stack.container);
    expect(outcome).toMatchObject({ outcome: 'geweigerd', reason: 'te groot', detail: expect.stringMatching(/^te groot: 4[12] MB, grens 40 MB$/) });
    const listed = (await api.get('/wonen/unmatched?limit=100', callers.wonen)).body.items.find((m: { mailId: string }) => m.mailId === outcome!.mailId);
    expect(listed).toMatchObject({ status: 'geweigerd', reason: 'te groot' });
  }, 120_000);

  it('through the drop folder: 20 MB is processed, 41 MB is refused, neither lands in failed/', async () => {
    const { caseId, reference } = await newCase();
    const dir = mkdtempSync(join(tmpdir(), 'omslagroute-inbound-big-'));
    const lines: string[] = [];
    const folder = watchInboundFolder({ dir, log: (line) => lines.push(line), container: api.stack.container });
    try {
      writeFileSync(join(dir, 'twenty.eml'), bigMail(`[${reference}] Scans`, 2, Math.floor(7.3 * MB)));
      await expect.poll(() => existsSync(join(dir, 'processed', 'twenty.eml')) || existsSync(join(dir, 'failed', 'twenty.eml')), { timeout: 60_000 }).toBe(true);
      writeFileSync(join(dir, 'big.eml'), bigMail(`[${reference}] Te veel`, 4, Math.floor(7.6 * MB)));
      await expect.poll(() => existsSync(join(dir, 'processed', 'big.eml')) || existsSync(join(dir, 'failed', 'big.eml')), { timeout: 60_000 }).toBe(true);
      expect(lines.join('\n')).toContain('twenty.eml: gekoppeld');
      expect(lines.join('\n')).toMatch(/big\.eml: geweigerd \(te groot\)/);
      expect(existsSync(join(dir, 'failed', 'twenty.eml'))).toBe(false);
      expect(existsSync(join(dir, 'failed', 'big.eml'))).toBe(false);
      expect(await mailsOf(caseId)).toHaveLength(1);
    } finally {
      folder.close();
    }
  }, 180_000);
});
