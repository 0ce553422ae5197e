/**
 * Werkdagen: the legal working days used by every "binnen n werkdagen" of the seeds (002 WA1, WA6, WA8 stap 4,
 * Bijlage 1; 001 §4; 003 Proefwonen).
 *
 * A werkdag is a day that is not a Saturday, not a Sunday and not one of the days of the Algemene termijnenwet
 * art. 3 (Nieuwjaarsdag, 2e Paasdag, Koningsdag, 5 mei, Hemelvaartsdag, 2e Pinksterdag, 1e en 2e Kerstdag).
 * Goede Vrijdag is a werkdag. The set per regio is data (`shared/domain/holidays/<regio>.json`): named rules computed
 * here plus `extraDays` the government adds by decree (Atw art. 3 lid 2).
 *
 * Counting (DOMAIN.md "Deadlines"): "within n werkdagen" of an event on day D ends at the end of the n-th werkdag
 * strictly after D, whatever kind of day D is. n = 0 is D itself.
 */
import amsterdamHolidays from './holidays/amsterdam.json' with { type: 'json' };
import klantreis2023Holidays from './holidays/klantreis-2023.json' with { type: 'json' };
import drechtstedenHolidays from './holidays/drechtsteden.json' with { type: 'json' };
import type { Regio } from './case.js';
import { addDays, amsterdamInstant, dayNumber, formatIsoDate, isIsoDate, isoWeekday, parseIsoDate } from './calendar.js';

/** The named holiday rules a regio's config may list. */
export const HOLIDAY_RULES = [
  'nieuwjaarsdag',
  'goede-vrijdag', //       not in the Algemene termijnenwet; available for a regio that decides otherwise
  'eerste-paasdag',
  'tweede-paasdag',
  'koningsdag',
  'bevrijdingsdag',
  'hemelvaartsdag',
  'eerste-pinksterdag',
  'tweede-pinksterdag',
  'eerste-kerstdag',
  'tweede-kerstdag',
] as const;
export type HolidayRule = (typeof HOLIDAY_RULES)[number];

/** A holiday of a regio: a named rule, or a day added by decree. */
export type HolidayName = HolidayRule | 'extra';

export interface HolidayCalendar {
  regio: Regio;
  rules: readonly HolidayRule[];
  extraDays: readonly string[];
}

/** A holiday config file that does not parse. Thrown at module load, so a bad deploy fails loudly. */
export class InvalidHolidayConfig extends Error {
  constructor(regio: string, detail: string) {
    super(`shared/domain/holidays/${regio}.json: ${detail}`);
  }
  override get name(): string {
    return 'InvalidHolidayConfig';
  }
}

function isHolidayRule(value: unknown): value is HolidayRule {
  return typeof value === 'string' && (HOLIDAY_RULES as readonly string[]).includes(value);
}

/** Validates one holiday config file (a static JSON import, so it bundles with esbuild for Lambda). */
export function parseHolidayConfig(regio: Regio, file: unknown): HolidayCalendar {
  const f = file as { regio?: unknown; holidays?: unknown; extraDays?: unknown } | null;
  if (!f || typeof f !== 'object') throw new InvalidHolidayConfig(regio, 'geen object');
  if (f.regio !== regio) throw new InvalidHolidayConfig(regio, `regio is ${String(f.regio)}`);
  if (!Array.isArray(f.holidays)) throw new InvalidHolidayConfig(regio, 'holidays ontbreekt');
  const unknownRule = f.holidays.find((h) => !isHolidayRule(h));
  if (unknownRule !== undefined) throw new InvalidHolidayConfig(regio, `onbekende feestdag ${String(unknownRule)}`);
  const extraDays: unknown = f.extraDays ?? [];
  if (!Array.isArray(extraDays)) throw new InvalidHolidayConfig(regio, 'extraDays is geen lijst');
  const badDay = extraDays.find((d) => !isIsoDate(d));
  if (badDay !== undefined) throw new InvalidHolidayConfig(regio, `extraDays bevat ${String(badDay)}`);
  return { regio, rules: f.holidays as HolidayRule[], extraDays: extraDays as string[] };
}

/** The holiday calendar per regio. A `Record` over `Regio`, so a new regio cannot be added without its config. */
export const HOLIDAY_CALENDARS: Readonly<Record<Regio, HolidayCalendar>> = {
  amsterdam: parseHolidayConfig('amsterdam', amsterdamHolidays),
  'klantreis-2023': parseHolidayConfig('klantreis-2023', klantreis2023Holidays),
  drechtsteden: parseHolidayConfig('drechtsteden', drechtstedenHolidays),
};

const DEFAULT_REGIO: Regio = 'amsterdam';

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatIsoDate({ year, month, day });
}

/**
 * Koningsdag: 27 April, or 26 April when the 27th is a Sunday (Atw art. 3: "de dag waarop de verjaardag van de
 * Koning wordt gevierd"). Before 2014 it was Koninginnedag, 30 April (29 April when the 30th was a Sunday).
 */
function koningsdag(year: number): string {
  const [day, fallback] = year >= 2014 ? [27, 26] : [30, 29];
  const date = formatIsoDate({ year, month: 4, day });
  return isoWeekday(date) === 7 ? formatIsoDate({ year, month: 4, day: fallback }) : date;
}

/** The date of a named holiday in `year`. */
function holidayDate(rule: HolidayRule, year: number): string {
  const easter = () => easterSunday(year);
  switch (rule) {
    case 'nieuwjaarsdag':
      return formatIsoDate({ year, month: 1, day: 1 });
    case 'goede-vrijdag':
      return addDays(easter(), -2);
    case 'eerste-paasdag':
      return easter();
    case 'tweede-paasdag':
      return addDays(easter(), 1);
    case 'koningsdag':
      return koningsdag(year);
    case 'bevrijdingsdag':
      return formatIsoDate({ year, month: 5, day: 5 }); // Atw: "de vijfde mei", every year
    case 'hemelvaartsdag':
      return addDays(easter(), 39);
    case 'eerste-pinksterdag':
      return addDays(easter(), 49);
    case 'tweede-pinksterdag':
      return addDays(easter(), 50);
    case 'eerste-kerstdag':
      return formatIsoDate({ year, month: 12, day: 25 });
    case 'tweede-kerstdag':
      return formatIsoDate({ year, month: 12, day: 26 });
  }
}

/** The holidays of a calendar in `year`, by date: its named rules, then its decree days. */
export function computeHolidays(calendar: HolidayCalendar, year: number): Map<string, HolidayName> {
  const map = new Map<string, HolidayName>();
  for (const rule of calendar.rules) map.set(holidayDate(rule, year), rule);
  for (const day of calendar.extraDays) if (day.startsWith(`${year}-`) && !map.has(day)) map.set(day, 'extra');
  return map;
}

const holidayCache = new Map<string, ReadonlyMap<string, HolidayName>>();

/** Holidays of `regio` in `year`, by date. Cached per regio and year (the config is static). */
function holidayMap(year: number, regio: Regio): ReadonlyMap<string, HolidayName> {
  const cacheKey = `${regio}|${year}`;
  let map = holidayCache.get(cacheKey);
  if (!map) {
    map = computeHolidays(HOLIDAY_CALENDARS[regio], year);
    holidayCache.set(cacheKey, map);
  }
  return map;
}

/** The holidays of `regio` in `year`, sorted by date (for tests, the Wonen queue and mail texts). */
export function holidaysIn(year: number, regio: Regio = DEFAULT_REGIO): Array<{ date: string; name: HolidayName }> {
  return [...holidayMap(year, regio)].map(([date, name]) => ({ date, name })).sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** The holiday on `date` in `regio`, if any (also when it falls on a weekend, e.g. Koningsdag 2025). */
export function holidayOn(date: string, regio: Regio = DEFAULT_REGIO): HolidayName | undefined {
  return holidayMap(parseIsoDate(date).year, regio).get(date);
}

export function isWerkdag(date: string, regio: Regio = DEFAULT_REGIO): boolean {
  return isoWeekday(date) <= 5 && holidayOn(date, regio) === undefined;
}

function assertCount(n: number): void {
  if (!Number.isInteger(n)) throw new RangeError(`Aantal werkdagen moet een geheel getal zijn: ${n}`);
}

/**
 * The n-th werkdag strictly after `date` (n > 0), or strictly before it (n < 0); `date` itself when n = 0.
 * "Binnen n werkdagen" of an event on `date` falls due at the end of the returned day (see {@link endOfDayAmsterdam}).
 * For n ≥ 1 the result is always a werkdag, whatever kind of day `date` is (DOMAIN.md worked examples).
 */
export function addWerkdagen(date: string, n: number, regio: Regio = DEFAULT_REGIO): string {
  assertCount(n);
  const step = n < 0 ? -1 : 1;
  parseIsoDate(date); // validates, also for n = 0
  let day = date;
  for (let left = Math.abs(n); left > 0; ) {
    day = addDays(day, step);
    if (isWerkdag(day, regio)) left -= 1;
  }
  return day;
}

/** `date` when it is a werkdag, else the first werkdag after it (a period ending on a rest day runs on, Atw art. 1). */
export function werkdagOnOrAfter(date: string, regio: Regio = DEFAULT_REGIO): string {
  return isWerkdag(date, regio) ? date : addWerkdagen(date, 1, regio);
}

/** `date` when it is a werkdag, else the last werkdag before it (for "vóór"-deadlines and early warnings). */
export function werkdagOnOrBefore(date: string, regio: Regio = DEFAULT_REGIO): string {
  return isWerkdag(date, regio) ? date : addWerkdagen(date, -1, regio);
}

/**
 * Werkdagen left until a due date: the number of werkdagen d with `from` < d ≤ `to`; 0 when `to` ≤ `from`.
 * Used by the Wonen queue as "nog n werkdagen" with `from` = today. Never negative: for how late an overdue item
 * is, use {@link werkdagenOverdue}. Law: werkdagenBetween(d, addWerkdagen(d, n)) = n for n ≥ 0.
 */
export function werkdagenBetween(from: string, to: string, regio: Regio = DEFAULT_REGIO): number {
  const last = dayNumber(to);
  let count = 0;
  for (let day = addDays(from, 1), n = dayNumber(day); n <= last; day = addDays(day, 1), n += 1) {
    if (isWerkdag(day, regio)) count += 1;
  }
  return count;
}

/** Werkdagen a due date has passed by `today` (werkdagen d with dueDate < d ≤ today); 0 when not yet overdue. */
export function werkdagenOverdue(dueDate: string, today: string, regio: Regio = DEFAULT_REGIO): number {
  return werkdagenBetween(dueDate, today, regio);
}

/** The last instant of `date` in Europe/Amsterdam (23:59:59.999 local), correct on DST days: when a deadline ends. */
export function endOfDayAmsterdam(date: string): string {
  return amsterdamInstant(date, 23, 59, 59, 999);
}
