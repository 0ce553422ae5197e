/**
 * Formatting for e-mail texts: Dutch dates and HTML escaping. Pure; dates go through calendar.ts (1-based months,
 * Europe/Amsterdam), never through `getUTCMonth()` arithmetic.
 */
import { isoWeekday, parseIsoDate, toAmsterdamDate } from '../calendar.js';

/** ISO weekday 1 (maandag) … 7 (zondag). */
const WEEKDAYS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'] as const;
/** Month 1 (januari) … 12 (december): indexed with `month - 1` of a 1-based month, in this one place. */
const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/** `2026-05-27` → `woensdag 27 mei 2026`. */
export function dutchDate(isoDate: string): string {
  const { year, month, day } = parseIsoDate(isoDate);
  return `${WEEKDAYS[isoWeekday(isoDate) - 1]} ${day} ${MONTHS[month - 1]} ${year}`;
}

/** An ISO instant as its Dutch calendar date in Europe/Amsterdam (`2026-05-26T22:30:00Z` → `woensdag 27 mei 2026`). */
export function dutchDateOfInstant(instant: string): string {
  return dutchDate(toAmsterdamDate(instant));
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and double- or single-quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Tagged template that escapes every interpolated value: `html\`<p>${untrusted}</p>\``. */
export function html(strings: TemplateStringsArray, ...values: Array<string | number | SafeHtml>): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += value instanceof SafeHtml ? value.value : escapeHtml(String(value));
    out += strings[i + 1] ?? '';
  });
  return new SafeHtml(out);
}

/** Markup that is already escaped (built with {@link html}); anything else is escaped when interpolated. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function joinHtml(parts: SafeHtml[], separator = ''): SafeHtml {
  return new SafeHtml(parts.map((p) => p.value).join(separator));
}

/** "a", "a en b", "a, b en c". */
export function dutchList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}
