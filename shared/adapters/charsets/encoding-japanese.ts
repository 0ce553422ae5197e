/**
 * The one call libmime makes of encoding-japanese — `convert(bytes, { to: 'UNICODE', from, type: 'string' })` for
 * the Japanese charsets iconv-lite lacks (JIS / ISO-2022-JP, EUCJP) — backed by Node's WHATWG `TextDecoder`, which
 * decodes them natively, instead of the package's ~90 kB of tables. The inbound-mail bundle is aliased to this module
 * (infra/bundling.ts). A charset named otherwise throws, and libmime falls back to iconv-lite (here:
 * shared/adapters/charsets/iconv-lite.ts), as it does when encoding-japanese fails.
 */
interface ConvertOptions {
  to: string;
  from: string;
  type?: string;
}

function labelOf(charset: string): string | undefined {
  if (/^jis|^iso-?2022-?jp/i.test(charset)) return 'iso-2022-jp';
  if (/^euc-?jp/i.test(charset)) return 'euc-jp';
  if (/^s(hift)?[-_]?jis/i.test(charset)) return 'shift_jis';
  return undefined;
}

export function convert(data: Uint8Array | string, options: ConvertOptions): string {
  const label = labelOf(options.from);
  if (options.to !== 'UNICODE' || options.type !== 'string' || !label || typeof data === 'string') {
    throw new Error(`encoding-japanese stand-in: convert(${options.from} → ${options.to}, ${options.type}) is not supported`);
  }
  return new TextDecoder(label).decode(data);
}

export default { convert };
