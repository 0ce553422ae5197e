/**
 * The one call mailparser makes of `he`: `encode(text, options?)`, to build the HTML views of a mail (`textAsHtml`,
 * the header table) that the inbound rules never read. Escapes what HTML needs escaped and every non-ASCII character
 * as a numeric reference — he's default output; with `useNamedReferences` he would name some (`&eacute;`), which is the
 * same text in HTML. The inbound-mail bundle is aliased to this module (infra/bundling.ts) instead of he's ~87 kB of
 * entity tables.
 */
import { escapeHtml } from '#domain/mail/format.js';

export function encode(text: string, _options?: { useNamedReferences?: boolean }): string {
  // The backtick too, as he does (old IE read it as an attribute quote).
  return escapeHtml(String(text)).replace(/`|[^\x00-\x7f]/gu, (c) => `&#x${c.codePointAt(0)!.toString(16).toUpperCase()};`);
}

export default { encode };
