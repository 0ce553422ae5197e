/**
 * The part of iconv-lite that libmime (mailparser's charset layer) calls — `getCodec`, `encodingExists`, `decode`,
 * `getDecoder` — backed by Node's own WHATWG `TextDecoder` instead of iconv-lite's ~490 kB of code tables. The
 * inbound-mail bundle is aliased to this module (infra/bundling.ts); nothing imports it directly.
 *
 * Why it is safe: Node ships full ICU, whose decoders cover the charsets mail is written in (the windows-125x and
 * ISO-8859 families, KOI8, GBK/GB18030, Big5, Shift_JIS, EUC-JP, ISO-2022-JP, EUC-KR, …). What Node's TextDecoder gets
 * wrong or lacks is done here: latin1 (WHATWG reads it as windows-1252), windows-1252 itself (Node 20 decodes
 * 0x80–0x9F as C1 controls, dropping € and the curly quotes), and UTF-16 without a byte order mark and UTF-32 (absent
 * from WHATWG), with iconv-lite's own byte-order guess. A charset neither knows is "unknown", which libmime decodes
 * as UTF-8 and marks unsupported, as it does for one iconv-lite lacks (ISO-8859-16 is one).
 *
 * Where it differs from iconv-lite, by test (test/unit/charsets.test.ts holds the rest against iconv-lite itself, text
 * for text and chunk for chunk): bytes a single-byte charset leaves undefined read as C1 controls, not U+FFFD; a lone
 * UTF-16 surrogate reads as U+FFFD (libmime turns it into one on its way to UTF-8 anyway); and the East Asian decoders
 * of Node's ICU lack the vendor extensions (HKSCS in Big5, UHC in EUC-KR) and drop a byte they cannot map instead of
 * writing U+FFFD. Mail to woonzaken is UTF-8 or windows-1252 nearly always, and the raw mail stays in the bucket.
 */
import { Buffer } from 'node:buffer';

interface ChunkDecoder {
  write(chunk: Uint8Array): string;
  end(): string | undefined;
}

interface Codec {
  readonly name: string;
  /** A distinct value per codec: libmime compares it by identity (it singles out iconv-lite's DBCS decoder). */
  readonly decoder: object;
  readonly createDecoder: () => ChunkDecoder;
}

const REPLACEMENT = '\ufffd';

/** windows-1252's 0x80–0x9F; the five it leaves undefined decode to U+FFFD, as in iconv-lite's table. */
const WINDOWS_1252_HIGH =
  '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ';

function singleByteDecoder(map: (byte: number) => string): () => ChunkDecoder {
  return () => ({
    write: (chunk) => {
      let text = '';
      for (const byte of chunk) text += map(byte);
      return text;
    },
    end: () => undefined,
  });
}

const latin1 = singleByteDecoder((byte) => String.fromCharCode(byte));
const windows1252 = singleByteDecoder((byte) => (byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80]! : String.fromCharCode(byte)));

function textDecoder(label: string): () => ChunkDecoder {
  return () => {
    // The byte order mark is kept here and dropped once by getDecoder, as iconv-lite drops exactly one.
    const decoder = new TextDecoder(label, { ignoreBOM: true });
    return {
      write: (chunk) => decoder.decode(chunk, { stream: true }),
      end: () => decoder.decode() || undefined,
    };
  };
}

/** Reads the byte order from a BOM or guesses it from the first 100 characters, as iconv-lite does. */
function byteOrderGuessing(unit: 2 | 4, guess: (head: Uint8Array) => 'le' | 'be', decoderFor: (order: 'le' | 'be') => ChunkDecoder): () => ChunkDecoder {
  return () => {
    let head: Uint8Array[] | undefined = [];
    let headLength = 0;
    let decoder: ChunkDecoder | undefined;
    const release = (): string => {
      const bytes = Buffer.concat(head ?? []);
      head = undefined;
      decoder = decoderFor(guess(bytes));
      return decoder.write(bytes);
    };
    return {
      write: (chunk) => {
        if (decoder) return decoder.write(chunk);
        head!.push(Buffer.from(chunk));
        headLength += chunk.length;
        return headLength >= unit * 100 ? release() : '';
      },
      end: () => {
        const text = decoder ? '' : release();
        return text + (decoder!.end() ?? '') || undefined;
      },
    };
  };
}

function guessUtf16(bytes: Uint8Array): 'le' | 'be' {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'be';
  let asciiLE = 0;
  let asciiBE = 0;
  for (let i = 0; i + 1 < Math.min(bytes.length, 200); i += 2) {
    if (bytes[i] === 0 && bytes[i + 1] !== 0) asciiBE++;
    if (bytes[i] !== 0 && bytes[i + 1] === 0) asciiLE++;
  }
  return asciiBE > asciiLE ? 'be' : 'le';
}

function guessUtf32(bytes: Uint8Array): 'le' | 'be' {
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return 'le';
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return 'be';
  let invalidLE = 0;
  let invalidBE = 0;
  let bmpLE = 0;
  let bmpBE = 0;
  for (let i = 0; i + 3 < Math.min(bytes.length, 400); i += 4) {
    const [b0, b1, b2, b3] = [bytes[i]!, bytes[i + 1]!, bytes[i + 2]!, bytes[i + 3]!];
    if (b0 !== 0 || b1 > 0x10) invalidBE++;
    if (b3 !== 0 || b2 > 0x10) invalidLE++;
    if (b0 === 0 && b1 === 0 && (b2 !== 0 || b3 !== 0)) bmpBE++;
    if ((b0 !== 0 || b1 !== 0) && b2 === 0 && b3 === 0) bmpLE++;
  }
  return bmpBE - invalidBE > bmpLE - invalidLE ? 'be' : 'le';
}

function utf32(order: 'le' | 'be'): ChunkDecoder {
  let carry: number[] = [];
  const codePoint = (b: number[]) => (order === 'le' ? b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24) : b[3]! | (b[2]! << 8) | (b[1]! << 16) | (b[0]! << 24));
  // A code point beyond Unicode (negative as a signed int32, too) is a bad character; a lone surrogate passes, as in iconv-lite.
  const character = (cp: number) => (cp < 0 || cp > 0x10ffff ? REPLACEMENT : String.fromCodePoint(cp));
  return {
    write: (chunk) => {
      let text = '';
      for (const byte of chunk) {
        carry.push(byte);
        if (carry.length === 4) {
          text += character(codePoint(carry));
          carry = [];
        }
      }
      return text;
    },
    // An unfinished code unit at the end is one U+FFFD (Unicode conformance clause C10), as in iconv-lite.
    end: () => (carry.length > 0 ? ((carry = []), REPLACEMENT) : undefined),
  };
}

const binaryTransfer = (encoding: 'base64' | 'hex') => () => {
  const chunks: Buffer[] = [];
  return { write: (chunk: Uint8Array) => (chunks.push(Buffer.from(chunk)), ''), end: () => Buffer.from(Buffer.concat(chunks).toString(), encoding).toString('latin1') || undefined };
};
const refused = (name: string) => () => {
  throw new Error(`Encoding ${name} is not decoded here`);
};

/** Encodings by their iconv-lite-style key (lower case, letters and digits only). */
const DECODERS = new Map<string, () => ChunkDecoder>([
  ['utf8', textDecoder('utf-8')],
  ['latin1', latin1],
  ['windows1252', windows1252],
  ['utf16le', textDecoder('utf-16le')],
  ['utf16be', textDecoder('utf-16be')],
  ['utf16', byteOrderGuessing(2, guessUtf16, (order) => textDecoder(`utf-16${order}`)())],
  ['utf32le', () => utf32('le')],
  ['utf32be', () => utf32('be')],
  ['utf32', byteOrderGuessing(4, guessUtf32, utf32)],
  // Codecs that are no character set: libmime looks them up only to refuse them (UTF-7 smuggles markup).
  ['utf7', refused('utf-7')],
  ['utf7imap', refused('utf-7-imap')],
  ['base64', binaryTransfer('base64')],
  ['hex', binaryTransfer('hex')],
]);

/** iconv-lite's aliases onto the keys above, and onto WHATWG labels where the names differ. */
const ALIASES: Record<string, string> = {
  binary: 'latin1', iso88591: 'latin1', l1: 'latin1', cp819: 'latin1', ibm819: 'latin1', isoir100: 'latin1', csisolatin1: 'latin1',
  cp1252: 'windows1252', win1252: 'windows1252', xcp1252: 'windows1252',
  ucs2: 'utf16le', unicode11: 'utf16be', csunicode: 'utf16le', ucs4le: 'utf32le', ucs4be: 'utf32be', ucs4: 'utf32',
  unicode11utf7: 'utf7', csunicode11utf7: 'utf7', utf7imap: 'utf7imap',
  unicode11utf8: 'utf8', cesu8: 'utf8',
  cp936: 'gbk', ms936: 'gbk', windows936: 'gbk', euccn: 'gbk', gb2312: 'gbk', chinese: 'gbk', csgb2312: 'gbk', isoir58: 'gbk', xgbk: 'gbk',
  cp950: 'big5', big5hkscs: 'big5', cnbig5: 'big5', csbig5: 'big5', xxbig5: 'big5',
  cp932: 'shiftjis', ms932: 'shiftjis', windows31j: 'shiftjis', sjis: 'shiftjis', mskanji: 'shiftjis', csshiftjis: 'shiftjis', xsjis: 'shiftjis',
  cp949: 'euckr', ksc56011987: 'euckr', ksc5601: 'euckr', windows949: 'euckr', uhc: 'euckr', cseuckr: 'euckr',
  eucjp: 'eucjp', cp866: 'ibm866', csibm866: 'ibm866', mac: 'macintosh', csmacintosh: 'macintosh', maccyrillic: 'xmaccyrillic',
  tis620: 'windows874', cp874: 'windows874', iso885911: 'windows874',
};
/** WHATWG labels by key, for the encodings TextDecoder decodes. */
const WHATWG_BY_KEY: Record<string, string> = {
  gbk: 'gbk', gb18030: 'gb18030', big5: 'big5', shiftjis: 'shift_jis', euckr: 'euc-kr', eucjp: 'euc-jp', iso2022jp: 'iso-2022-jp',
  ibm866: 'ibm866', macintosh: 'macintosh', xmaccyrillic: 'x-mac-cyrillic', windows874: 'windows-874', koi8r: 'koi8-r', koi8u: 'koi8-u',
};

const keyOf = (name: string) => name.toLowerCase().replace(/:\d{4}$|[^0-9a-z]/g, '');

/** The WHATWG label TextDecoder knows a key by, or undefined. */
function whatwgLabel(key: string): string | undefined {
  if (WHATWG_BY_KEY[key]) return WHATWG_BY_KEY[key];
  const family = /^(windows|cp|win)(125\d)$/.exec(key) ?? /^(iso8859)(\d{1,2})$/.exec(key);
  if (!family) return undefined;
  const label = family[1] === 'iso8859' ? `iso-8859-${family[2]}` : `windows-${family[2]}`;
  try {
    new TextDecoder(label);
    return label;
  } catch {
    return undefined;
  }
}

const codecs = new Map<string, Codec>();

export function getCodec(encoding: string): Codec {
  let key = keyOf(String(encoding));
  key = ALIASES[key] ?? key;
  const cached = codecs.get(key);
  if (cached) return cached;
  let createDecoder = DECODERS.get(key);
  if (!createDecoder) {
    const label = whatwgLabel(key);
    if (label) {
      // Canonical per label, so that aliases (cp1250, win1250, windows-1250) share one codec object.
      const canonical = keyOf(label);
      if (canonical !== key && codecs.has(canonical)) return codecs.get(canonical)!;
      key = canonical;
      createDecoder = textDecoder(label);
    }
  }
  if (!createDecoder) throw new Error(`Encoding not recognized: '${encoding}'`);
  const codec: Codec = { name: key, decoder: {}, createDecoder };
  codecs.set(key, codec);
  return codec;
}

export function encodingExists(encoding: string): boolean {
  try {
    getCodec(encoding);
    return true;
  } catch {
    return false;
  }
}

/** A streaming decoder; like iconv-lite it drops a byte order mark at the very start. */
export function getDecoder(encoding: string): ChunkDecoder {
  const inner = getCodec(encoding).createDecoder();
  let started = false;
  const stripBom = (text: string) => {
    if (started || text.length === 0) return text;
    started = true;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };
  return {
    write: (chunk) => stripBom(inner.write(chunk)),
    end: () => {
      const rest = inner.end();
      return rest === undefined ? undefined : stripBom(rest) || undefined;
    },
  };
}

export function decode(input: Uint8Array | string, encoding: string): string {
  // iconv-lite reads a string as binary (latin1 bytes).
  const bytes = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  const decoder = getDecoder(encoding);
  return decoder.write(bytes) + (decoder.end() ?? '');
}

export default { getCodec, encodingExists, getDecoder, decode };
