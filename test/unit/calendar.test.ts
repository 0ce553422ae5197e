import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InvalidInstant,
  InvalidIsoDate,
  addDays,
  addMonths,
  addWeeks,
  addYears,
  amsterdamInstant,
  amsterdamMorning,
  amsterdamOffsetMinutes,
  dayNumber,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  isIsoDate,
  isoWeekday,
  parseIsoDate,
  startOfDayAmsterdam,
  toAmsterdamDate,
} from '../../shared/domain/calendar.js';

const anyDate = fc.integer({ min: dayNumber('1990-01-01'), max: dayNumber('2060-12-31') }).map(fromDayNumber);

/** The EU rule, independent of Intl: summer time from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC. */
function lastSundayUtc(year: number, month: number): number {
  const last = daysInMonth(year, month);
  const date = `${year}-${String(month).padStart(2, '0')}-${last}`;
  const back = isoWeekday(date) % 7; // Sunday → 0
  return Date.UTC(year, month - 1, last - back, 1);
}
function euOffsetMinutes(epochMs: number): number {
  const year = new Date(epochMs).getUTCFullYear();
  return epochMs >= lastSundayUtc(year, 3) && epochMs < lastSundayUtc(year, 10) ? 120 : 60;
}

describe('ISO dates', () => {
  it('validates real calendar dates only', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-4-1')).toBe(false);
    expect(() => parseIsoDate('2026-00-10')).toThrow(InvalidIsoDate);
  });

  it('months are 1-based everywhere (no getUTCMonth off-by-one)', () => {
    expect(parseIsoDate('2026-01-31')).toEqual({ year: 2026, month: 1, day: 31 });
    expect(fromDayNumber(dayNumber('2026-12-31') + 1)).toBe('2027-01-01');
  });

  it('day numbers round-trip and agree with Date.UTC', () => {
    fc.assert(
      fc.property(anyDate, (d) => {
        const { year, month, day } = parseIsoDate(d);
        return fromDayNumber(dayNumber(d)) === d && dayNumber(d) * 86_400_000 === Date.UTC(year, month - 1, day);
      }),
    );
  });

  it('weekday: 1 = Monday … 7 = Sunday', () => {
    expect(isoWeekday('2026-05-22')).toBe(5);
    expect(isoWeekday('2026-11-21')).toBe(6);
    expect(isoWeekday('2026-12-27')).toBe(7);
    expect(isoWeekday('2026-05-25')).toBe(1);
  });
});

describe('calendar durations', () => {
  it('days and weeks cross month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addWeeks('2026-12-24', 6)).toBe('2027-02-04');
    expect(addWeeks('2026-03-02', -1)).toBe('2026-02-23');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('month end clamps to the last day of the target month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-08-31', 54)).toBe('2031-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-02-15', -3)).toBe('2025-11-15');
  });

  it('29 February + 1 year = 28 February', () => {
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
    expect(addYears('2028-02-29', -1)).toBe('2027-02-28');
  });

  it('addMonths keeps the day unless clamped, and moves exactly n months', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -120, max: 120 }), (d, n) => {
        const from = parseIsoDate(d);
        const to = parseIsoDate(addMonths(d, n));
        const monthsMoved = (to.year - from.year) * 12 + (to.month - from.month);
        return monthsMoved === n && to.day === Math.min(from.day, daysInMonth(to.year, to.month));
      }),
    );
  });
});

describe('Europe/Amsterdam', () => {
  it('toAmsterdamDate around midnight and the DST weeks of 2026', () => {
    expect(toAmsterdamDate('2026-01-15T22:59:59Z')).toBe('2026-01-15');
    expect(toAmsterdamDate('2026-01-15T23:00:00Z')).toBe('2026-01-16');
    expect(toAmsterdamDate('2026-03-28T23:30:00Z')).toBe('2026-03-29'); // still UTC+1
    expect(toAmsterdamDate('2026-03-29T21:59:59.999Z')).toBe('2026-03-29'); // now UTC+2
    expect(toAmsterdamDate('2026-03-29T22:00:00Z')).toBe('2026-03-30');
    expect(toAmsterdamDate('2026-10-24T22:30:00Z')).toBe('2026-10-25'); // still UTC+2
    expect(toAmsterdamDate('2026-10-25T22:59:59.999Z')).toBe('2026-10-25'); // now UTC+1
    expect(toAmsterdamDate('2026-10-25T23:00:00Z')).toBe('2026-10-26');
    expect(toAmsterdamDate('2026-12-31T23:30:00Z')).toBe('2027-01-01');
  });

  it('accepts instants with an offset and refuses non-instants', () => {
    expect(toAmsterdamDate('2026-07-01T00:30:00+02:00')).toBe('2026-07-01');
    expect(() => toAmsterdamDate('2026-07-01')).toThrow(InvalidInstant);
    expect(() => toAmsterdamDate('gisteren')).toThrow(InvalidInstant);
  });

  it('08:00 local on every day of the DST weeks', () => {
    const spring = ['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30'].map(amsterdamMorning);
    expect(spring).toEqual(['2026-03-27T07:00:00.000Z', '2026-03-28T07:00:00.000Z', '2026-03-29T06:00:00.000Z', '2026-03-30T06:00:00.000Z']);
    const autumn = ['2026-10-23', '2026-10-24', '2026-10-25', '2026-10-26'].map(amsterdamMorning);
    expect(autumn).toEqual(['2026-10-23T06:00:00.000Z', '2026-10-24T06:00:00.000Z', '2026-10-25T07:00:00.000Z', '2026-10-26T07:00:00.000Z']);
  });

  it('start of day on the switch days', () => {
    expect(startOfDayAmsterdam('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDayAmsterdam('2026-10-25')).toBe('2026-10-24T22:00:00.000Z');
  });

  it('wall times that do not exist or repeat resolve as documented', () => {
    expect(amsterdamInstant('2026-03-29', 2, 30)).toBe('2026-03-29T01:30:00.000Z'); // = 03:30 CEST
    expect(amsterdamInstant('2026-10-25', 2, 30)).toBe('2026-10-25T01:30:00.000Z'); // second 02:30 (CET)
  });

  it('Intl offsets agree with the EU summer-time rule, 2000–2040', () => {
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 11, 31) });
    fc.assert(fc.property(instant, (ms) => amsterdamOffsetMinutes(new Date(ms).toISOString()) === euOffsetMinutes(ms)), {
      numRuns: 500,
    });
  });

  it('local time round-trips: amsterdamInstant(toAmsterdamDate(x), h) lies on that date at h o’clock', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 4, max: 23 }), (d, hour) => {
        const instant = amsterdamInstant(d, hour);
        const offset = amsterdamOffsetMinutes(instant);
        const wall = new Date(Date.parse(instant) + offset * 60_000);
        return toAmsterdamDate(instant) === d && wall.getUTCHours() === hour;
      }),
    );
  });
});
