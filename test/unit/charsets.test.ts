/**
 * The charset stand-ins the inbound-mail bundle carries instead of iconv-lite, encoding-japanese and he
 * (shared/adapters/charsets/, aliased in infra/bundling.ts), held against the real packages: decoding is the same
 * text for text (a differential property test per charset mail is written in), however the input is split into
 * chunks; and the bundled parser reads real mails in those charsets exactly as the installed mailparser does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_ALIASES, ESM_REQUIRE_BANNER } from '../../infra/bundling.js';
import { PROJECT_ROOT } from '../../infra/constructs/functions.js';
import { parseMail } from '../../shared/app/wonen/parse-mail.js';
import * as standIn from '../../shared/adapters/charsets/iconv-lite.js';
import { convert } from '../../shared/adapters/charsets/encoding-japanese.js';
import { encode as encodeHtml } from '../../shared/adapters/charsets/he.js';

/** The charsets the stand-in decodes, as libmime names them after normalizeCharset. */
const SINGLE_BYTE = ['ISO-8859-1', 'WINDOWS-1252', 'ISO-8859-2', 'ISO-8859-5', 'ISO-8859-7', 'ISO-8859-15', 'WINDOWS-1250', 'WINDOWS-1251', 'WINDOWS-1257', 'KOI8-R', 'KOI8-U', 'IBM866', 'MACINTOSH'];
const UNICODE = ['UTF-8', 'UTF-16LE', 'UTF-16BE', 'UTF-32LE', 'UTF-32BE'];
/**
 * The East Asian multi-byte charsets, with text in each one's standard repertoire. Node's ICU decoders leave out the
 * vendor extensions iconv-lite has (HKSCS in Big5, UHC in EUC-KR) and drop a byte they cannot map instead of writing
 * U+FFFD (see the stand-in's header); the raw mail stays in the mail bucket either way.
 */
const EAST_ASIAN: Record<string, string> = {
  GBK: '您好，关于住房的问题。请在五个工作日内答复。',
  GB2312: '住房申请已收到，谢谢。',
  GB18030: '您好，关于住房的问题 😀 𠀀',
  BIG5: '您好，關於住房的問題。',
  SHIFT_JIS: '日本語のメール、テスト。ｶﾀｶﾅ',
  'EUC-JP': '日本語のメール、テスト。',
  'EUC-KR': '안녕하세요, 주택 문제에 관하여.',
};

/** Text that a charset can carry: what iconv-lite itself decodes from arbitrary bytes, without replacement marks or lone surrogates. */
const textIn = (charset: string) =>
  fc.uint8Array({ maxLength: 200 }).map((bytes) =>
    iconv.decode(Buffer.from(bytes), charset).replace(/[\ufffd\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ''),
  );
/** Text drawn from a sample: any sequence of its characters, with ASCII between. */
const textFrom = (sample: string) => fc.array(fc.constantFrom(...sample, ' ', 'a', '1', '\n'), { maxLength: 80 }).map((chars) => chars.join(''));

/** The chunks a stream may deliver the bytes in. */
const split = (bytes: Buffer, cuts: number[]) => {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  return [0, ...points].map((from, i) => bytes.subarray(from, [...points, bytes.length][i]));
};
const decodeInChunks = (chunks: Buffer[], charset: string) => {
  const decoder = standIn.getDecoder(charset);
  return chunks.map((chunk) => decoder.write(chunk)).join('') + (decoder.end() ?? '');
};

describe('the iconv-lite stand-in', () => {
  it.each(SINGLE_BYTE)('decodes every character of %s as iconv-lite does', (charset) => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    // Where the charset defines a character (not iconv-lite's U+FFFD, not a control code): ICU maps undefined bytes to
    // the C1 controls instead, and in IBM866 it swaps three controls.
    const defined = [...all].filter((byte) => !/[\ufffd\p{Cc}]/u.test(iconv.decode(Buffer.from([byte]), charset)));
    const actual = defined.map((byte) => standIn.decode(Buffer.from([byte]), charset).normalize('NFC'));
    const expected = defined.map((byte) => iconv.decode(Buffer.from([byte]), charset).normalize('NFC'));
    // MACINTOSH 0xDB is € since Mac OS 8.5 (ICU), ¤ before it (iconv-lite); the only difference in text.
    if (charset === 'MACINTOSH') expected[defined.indexOf(0xdb)] = '€';
    expect(actual).toEqual(expected);
  });

  it.each(UNICODE)('decodes text in %s as iconv-lite does, however it is split into chunks', (charset) => {
    fc.assert(
      fc.property(textIn(charset), fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        const bytes = iconv.encode(text, charset);
        const expected = iconv.decode(bytes, charset);
        expect(standIn.decode(bytes, charset)).toBe(expected);
        expect(decodeInChunks(split(bytes, cuts), charset)).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });

  it.each(Object.entries(EAST_ASIAN))('decodes text in %s as iconv-lite does, however it is split into chunks', (charset, sample) => {
    fc.assert(
      fc.property(textFrom(sample), fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        const bytes = iconv.encode(text, charset);
        expect(iconv.decode(bytes, charset)).toBe(text);
        expect(standIn.decode(bytes, charset)).toBe(text);
        expect(decodeInChunks(split(bytes, cuts), charset)).toBe(text);
      }),
      { numRuns: 60 },
    );
  });

  it('reads UTF-16 and UTF-32 without a byte order in the name from the BOM, or guesses it as iconv-lite does', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.constantFrom('UTF-16LE', 'UTF-16BE', 'UTF-32LE', 'UTF-32BE'), fc.boolean(), (text, encoded, bom) => {
        const bytes = iconv.encode(text, encoded, { addBOM: bom });
        const charset = encoded.startsWith('UTF-16') ? 'UTF-16' : 'UTF-32';
        expect(standIn.decode(bytes, charset)).toBe(iconv.decode(bytes, charset));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps one codec per encoding, knows the codecs libmime refuses, and rejects what no decoder has', () => {
    expect(standIn.getCodec('windows-1250')).toBe(standIn.getCodec('CP1250'));
    expect(standIn.getCodec('utf-7')).toBe(standIn.getCodec('unicode-1-1-utf-7'));
    for (const refused of ['utf7', 'utf7imap', 'base64', 'hex']) expect(standIn.encodingExists(refused)).toBe(true);
    expect(standIn.getCodec('gbk').decoder).not.toBe(standIn.getCodec('big5').decoder);
    expect(standIn.encodingExists('X-NO-SUCH-CHARSET')).toBe(false);
    expect(() => standIn.getCodec('X-NO-SUCH-CHARSET')).toThrow();
  });
});

describe('the encoding-japanese and he stand-ins', () => {
  it('decodes ISO-2022-JP and EUC-JP as encoding-japanese names them', () => {
    const text = '日本語のメール、テスト';
    expect(convert(iconv.encode(text, 'EUC-JP'), { to: 'UNICODE', from: 'EUCJP', type: 'string' })).toBe(text);
    const jis = Buffer.from('\x1b$BF|K\\8l\x1b(B', 'latin1'); // 日本語 in ISO-2022-JP
    expect(convert(jis, { to: 'UNICODE', from: 'ISO-2022-JP', type: 'string' })).toBe('日本語');
    expect(() => convert(jis, { to: 'UNICODE', from: 'UTF8', type: 'string' })).toThrow();
  });

  it('escapes HTML and every non-ASCII character', () => {
    expect(encodeHtml(`<a href="x">'Zoë' & \`co\`</a> 😀`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;Zo&#xEB;&#39; &amp; &#x60;co&#x60;&lt;/a&gt; &#x1F600;');
  });
});

describe('the inbound-mail bundle reads mail in other charsets as the installed mailparser does', () => {
  let dir: string;
  let bundledParse: typeof parseMail;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'omslag-charsets-'));
    const outfile = join(dir, 'parse-mail.mjs');
    await build({
      entryPoints: [join(PROJECT_ROOT, 'shared', 'app', 'wonen', 'parse-mail.ts')],
      absWorkingDir: PROJECT_ROOT,
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      mainFields: ['module', 'main'],
      outfile,
      banner: { js: ESM_REQUIRE_BANNER },
      alias: BUNDLE_ALIASES,
      logLevel: 'silent',
    });
    ({ parseMail: bundledParse } = (await import(outfile)) as { parseMail: typeof parseMail });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const mail = (charset: string, subject: string, body: string, transfer: 'base64' | 'quoted-printable' = 'base64') => {
    const bytes = charset === 'ISO-2022-JP' ? Buffer.from(body, 'latin1') : iconv.encode(body, charset);
    const encodedBody = transfer === 'base64' ? bytes.toString('base64') : [...bytes].map((b) => (b < 0x80 && b !== 0x3d ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
    const subjectWord = `=?${charset}?B?${(charset === 'ISO-2022-JP' ? Buffer.from(subject, 'latin1') : iconv.encode(subject, charset)).toString('base64')}?=`;
    return Buffer.from(
      [
        'From: "Begeleider" <begeleider@zorg.example>',
        'To: woonzaken@amsterdam.example',
        `Subject: ${subjectWord}`,
        'Message-ID: <charset-test@zorg.example>',
        'MIME-Version: 1.0',
        `Content-Type: text/plain; charset="${charset}"`,
        `Content-Transfer-Encoding: ${transfer}`,
        '',
        encodedBody,
        '',
      ].join('\r\n'),
      'latin1',
    );
  };

  it.each([
    ['windows-1252', 'Reactie “OMS-2026-000123” – €', 'Geachte heer, de huur is € 612,–. Met vriendelijke groet, Zoë'],
    ['ISO-8859-15', 'Voordracht OMS-2026-000123 €', "Oplevering in café 't Hoekje, € 50, Œuvre"],
    ['ISO-8859-1', 'Brief OMS-2026-000124', 'Hartelijk dank, Françoise'],
    ['GB18030', 'OMS-2026-000125 住房', '您好，关于住房的问题 😀'],
    ['UTF-16', 'OMS-2026-000126', 'Een bericht in UTF-16 met ü'],
  ])('%s', async (charset, subject, body) => {
    // Quoted-printable carries a text's line breaks as single bytes, which UTF-16 cannot have.
    for (const transfer of charset === 'UTF-16' ? (['base64'] as const) : (['base64', 'quoted-printable'] as const)) {
      const raw = mail(charset, subject, body, transfer);
      const [bundled, installed] = await Promise.all([bundledParse(raw), parseMail(raw)]);
      expect(bundled).toEqual(installed);
      expect(bundled.subject).toBe(subject);
      expect(bundled.text.trim()).toBe(body);
    }
  });

  it('ISO-2022-JP (decoded by encoding-japanese in the installed parser)', async () => {
    const raw = mail('ISO-2022-JP', '\x1b$BF|K\\8l\x1b(B OMS-2026-000127', '\x1b$BF|K\\8l\x1b(B');
    const [bundled, installed] = await Promise.all([bundledParse(raw), parseMail(raw)]);
    expect(bundled).toEqual(installed);
    expect(bundled.subject).toBe('日本語 OMS-2026-000127');
  });
});
