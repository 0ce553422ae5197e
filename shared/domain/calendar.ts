/**
 * Calendar dates (`YYYY-MM-DD`) and Europe/Amsterdam instants.
 *
 * Dates are plain calendar dates without a time zone: arithmetic on them is integer arithmetic on a day number,
 * never on a `Date` in the machine's zone. Instants are ISO-8601 strings in UTC (`…Z`). Converting between the two
 * always goes through Europe/Amsterdam, because every date in the seeds is a Dutch calendar date (DOMAIN.md:
 * "computed in Europe/Amsterdam"). Pure: no clock is read here; "now" is always a parameter.
 */

/** A value that is not a real calendar date in `YYYY-MM-DD` form. Inputs are validated at the edge, so this is a bug. */
export class InvalidIsoDate extends RangeError {
  constructor(value: unknown) {
    super(`Geen geldige datum (JJJJ-MM-DD): ${String(value)}`);
  }
  override get name(): string {
    return 'InvalidIsoDate';
  }
}

/** A value that is not an ISO-8601 instant. */
export class InvalidInstant extends RangeError {
  constructor(value: unknown) {
    super(`Geen geldig tijdstip (ISO-8601): ${String(value)}`);
  }
  override get name(): string {
    return 'InvalidInstant';
  }
}

export interface YMD {
  year: number;
  /** 1-based: January is 1 (no getUTCMonth-style zero-based months anywhere in this module). */
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1-based) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

export function parseIsoDate(date: string): YMD {
  if (!isIsoDate(date)) throw new InvalidIsoDate(date);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

export function formatIsoDate({ year, month, day }: YMD): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). Integer-only, so the
 * machine's time zone and DST can never shift a date.
 */
export function dayNumber(date: string): number {
  const { year, month, day } = parseIsoDate(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of {@link dayNumber} (civil_from_days). */
export function fromDayNumber(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return formatIsoDate({ year, month, day });
}

/** ISO day of the week: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: string, n: number): string {
  return fromDayNumber(dayNumber(date) + n);
}

export function addWeeks(date: string, n: number): string {
  return addDays(date, 7 * n);
}

/**
 * Calendar months. Month-end rule: the day is clamped to the last day of the target month, so 31 January + 1 month
 * is 28 February (29 in a leap year) and 31 March − 1 month is 28/29 February. The clamp never carries into the
 * next month.
 */
export function addMonths(date: string, n: number): string {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + n;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return formatIsoDate({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

/** Calendar years, with the same clamp: 29 February + 1 year is 28 February. */
export function addYears(date: string, n: number): string {
  return addMonths(date, 12 * n);
}

// ---------------------------------------------------------------------------------------------------------------
// Europe/Amsterdam instants
// ---------------------------------------------------------------------------------------------------------------

export const AMSTERDAM_TIME_ZONE = 'Europe/Amsterdam';

/** One formatter per process: constructing Intl formatters is expensive. h23 avoids the "24:00" of some locales. */
const amsterdamParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: AMSTERDAM_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface WallClock extends YMD {
  hour: number;
  minute: number;
  second: number;
}

function parseInstantMs(instant: string): number {
  const ms = Date.parse(instant);
  if (typeof instant !== 'string' || !instant.includes('T') || Number.isNaN(ms)) throw new InvalidInstant(instant);
  return ms;
}

/** The wall clock in Amsterdam at a UTC epoch millisecond, read with Intl (never via getUTCMonth arithmetic). */
function amsterdamWallClock(epochMs: number): WallClock {
  const parts: Record<string, number> = {};
  for (const p of amsterdamParts.formatToParts(epochMs)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    hour: parts.hour ?? NaN,
    minute: parts.minute ?? NaN,
    second: parts.second ?? NaN,
  };
}

/** UTC offset of Europe/Amsterdam at an instant, in minutes (60 in winter, 120 in summer). */
export function amsterdamOffsetMinutes(instant: string): number {
  return offsetMinutesAt(parseInstantMs(instant));
}

function offsetMinutesAt(epochMs: number): number {
  const w = amsterdamWallClock(epochMs);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return Math.round((wallAsUtc - wholeSecond) / 60_000);
}

/** The calendar date in Europe/Amsterdam of an ISO instant (e.g. `2026-03-28T23:30:00Z` → `2026-03-29`). */
export function toAmsterdamDate(instant: string): string {
  return formatIsoDate(amsterdamWallClock(parseInstantMs(instant)));
}

/**
 * The instant at which the Amsterdam wall clock shows `hour:minute:second.ms` on `date`, correct across DST
 * (last Sunday of March 02:00 → 03:00, last Sunday of October 03:00 → 02:00). A wall time that does not exist
 * (02:30 on the spring-forward day) resolves to the same instant as one hour later; an ambiguous one (02:30 on the
 * fall-back day) to its second (winter-time) occurrence. Deadline times (08:00, 23:59:59.999) are never affected.
 */
export function amsterdamInstant(date: string, hour = 0, minute = 0, second = 0, ms = 0): string {
  const { year, month, day } = parseIsoDate(date);
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Two passes: guess with the offset at the wall time read as UTC, then correct with the offset at the guess.
  const guess = wallAsUtc - offsetMinutesAt(wallAsUtc) * 60_000;
  const exact = wallAsUtc - offsetMinutesAt(guess) * 60_000;
  return new Date(exact).toISOString();
}

/** 08:00 Europe/Amsterdam on `date`: the moment reminders go out (start of a Dutch office day). */
export function amsterdamMorning(date: string): string {
  return amsterdamInstant(date, 8);
}

/** The first instant of `date` in Europe/Amsterdam (00:00 local). */
export function startOfDayAmsterdam(date: string): string {
  return amsterdamInstant(date, 0);
}

/** Milliseconds since the epoch of an ISO instant, validated. For comparisons of instants with different offsets. */
export function instantMs(instant: string): number {
  return parseInstantMs(instant);
}
