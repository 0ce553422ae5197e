import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber, fromDayNumber, isoWeekday } from '../../shared/domain/calendar.js';
import {
  HOLIDAY_CALENDARS,
  InvalidHolidayConfig,
  addWerkdagen,
  computeHolidays,
  easterSunday,
  endOfDayAmsterdam,
  holidayOn,
  holidaysIn,
  isWerkdag,
  parseHolidayConfig,
  werkdagOnOrAfter,
  werkdagOnOrBefore,
  werkdagenBetween,
  werkdagenOverdue,
} from '../../shared/domain/werkdagen.js';

/** Any date from 2020 to 2035: enough years for every Easter/Koningsdag/5 mei combination we will meet. */
const anyDate = fc.integer({ min: dayNumber('2020-01-01'), max: dayNumber('2035-12-31') }).map(fromDayNumber);
const count = fc.integer({ min: 0, max: 40 });

describe('addWerkdagen: worked examples (DOMAIN.md "Deadlines")', () => {
  it.each([
    ['melding vrijdag 22 mei 2026, 2e Pinksterdag ertussen', '2026-05-22', 2, '2026-05-27'],
    ['melding zaterdag 21 november 2026', '2026-11-21', 2, '2026-11-24'],
    ['voordracht woensdag 5 mei 2027 (feestdag), Hemelvaart erna', '2027-05-05', 1, '2027-05-07'],
    ['donderdag 24 december 2026, Kerst en zondag ertussen', '2026-12-24', 2, '2026-12-29'],
  ])('%s', (_label, date, n, expected) => {
    expect(addWerkdagen(date, n)).toBe(expected);
  });

  it('n = 0 is the date itself, also on a weekend or holiday', () => {
    expect(addWerkdagen('2026-12-25', 0)).toBe('2026-12-25');
    expect(addWerkdagen('2026-11-21', 0)).toBe('2026-11-21');
  });

  it('Goede Vrijdag is a werkdag (not in the Algemene termijnenwet)', () => {
    expect(isWerkdag('2026-04-03')).toBe(true);
    expect(addWerkdagen('2026-04-02', 1)).toBe('2026-04-03');
    // Thursday before Easter + 2: Goede Vrijdag (1), 2e Paasdag skipped, Tuesday (2).
    expect(addWerkdagen('2026-04-02', 2)).toBe('2026-04-07');
  });

  it('counts back for negative n (used for heads-up stages)', () => {
    expect(addWerkdagen('2026-05-27', -2)).toBe('2026-05-22');
    expect(addWerkdagen('2027-05-07', -1)).toBe('2027-05-04');
  });

  it('rejects a fractional count and a malformed date', () => {
    expect(() => addWerkdagen('2026-05-22', 1.5)).toThrow(RangeError);
    expect(() => addWerkdagen('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('holidays 2025–2030 (Algemene termijnenwet art. 3), amsterdam', () => {
  const expected: Record<number, Record<string, string>> = {
    2025: {
      nieuwjaarsdag: '2025-01-01',
      'tweede-paasdag': '2025-04-21',
      koningsdag: '2025-04-26', // 27 April 2025 is a Sunday → Saturday 26 April
      bevrijdingsdag: '2025-05-05',
      hemelvaartsdag: '2025-05-29',
      'tweede-pinksterdag': '2025-06-09',
      'eerste-kerstdag': '2025-12-25',
      'tweede-kerstdag': '2025-12-26',
    },
    2026: {
      nieuwjaarsdag: '2026-01-01',
      'tweede-paasdag': '2026-04-06',
      koningsdag: '2026-04-27',
      bevrijdingsdag: '2026-05-05',
      hemelvaartsdag: '2026-05-14',
      'tweede-pinksterdag': '2026-05-25',
      'eerste-kerstdag': '2026-12-25',
      'tweede-kerstdag': '2026-12-26',
    },
    2027: {
      nieuwjaarsdag: '2027-01-01',
      'tweede-paasdag': '2027-03-29',
      koningsdag: '2027-04-27',
      bevrijdingsdag: '2027-05-05',
      hemelvaartsdag: '2027-05-06', // the day after 5 mei
      'tweede-pinksterdag': '2027-05-17',
      'eerste-kerstdag': '2027-12-25',
      'tweede-kerstdag': '2027-12-26',
    },
    2028: {
      nieuwjaarsdag: '2028-01-01',
      'tweede-paasdag': '2028-04-17',
      koningsdag: '2028-04-27',
      bevrijdingsdag: '2028-05-05',
      hemelvaartsdag: '2028-05-25',
      'tweede-pinksterdag': '2028-06-05',
      'eerste-kerstdag': '2028-12-25',
      'tweede-kerstdag': '2028-12-26',
    },
    2029: {
      nieuwjaarsdag: '2029-01-01',
      'tweede-paasdag': '2029-04-02',
      koningsdag: '2029-04-27',
      bevrijdingsdag: '2029-05-05',
      hemelvaartsdag: '2029-05-10',
      'tweede-pinksterdag': '2029-05-21',
      'eerste-kerstdag': '2029-12-25',
      'tweede-kerstdag': '2029-12-26',
    },
    2030: {
      nieuwjaarsdag: '2030-01-01',
      'tweede-paasdag': '2030-04-22',
      koningsdag: '2030-04-27', // a Saturday, not a Sunday: stays on the 27th
      bevrijdingsdag: '2030-05-05',
      hemelvaartsdag: '2030-05-30',
      'tweede-pinksterdag': '2030-06-10',
      'eerste-kerstdag': '2030-12-25',
      'tweede-kerstdag': '2030-12-26',
    },
  };

  it.each(Object.keys(expected).map(Number))('%i: exactly the listed days', (year) => {
    const listed = Object.fromEntries(holidaysIn(year).map((h) => [h.name, h.date]));
    expect(listed).toEqual(expected[year]);
  });

  it.each(Object.entries(expected).flatMap(([, days]) => Object.entries(days)))('%s %s is not a werkdag', (name, date) => {
    expect(holidayOn(date)).toBe(name);
    expect(isWerkdag(date)).toBe(false);
  });

  it('Easter Sunday (anonymous Gregorian algorithm) on reference years', () => {
    expect(
      [2008, 2011, 2019, 2024, 2025, 2026, 2027, 2028, 2029, 2030, 2038].map((y) => easterSunday(y)),
    ).toEqual([
      '2008-03-23',
      '2011-04-24',
      '2019-04-21',
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
      '2028-04-16',
      '2029-04-01',
      '2030-04-21',
      '2038-04-25',
    ]);
  });

  it('klantreis-2023 follows the same national Algemene termijnenwet', () => {
    expect(holidaysIn(2027, 'klantreis-2023')).toEqual(holidaysIn(2027, 'amsterdam'));
  });
});

describe('holiday config (shared/domain/holidays/*.json)', () => {
  it('amsterdam lists the eight Atw days and no Goede Vrijdag', () => {
    expect(HOLIDAY_CALENDARS.amsterdam.rules).toHaveLength(8);
    expect(HOLIDAY_CALENDARS.amsterdam.rules).not.toContain('goede-vrijdag');
  });

  it('a decree day (extraDays) becomes a non-werkdag of that year only', () => {
    const calendar = parseHolidayConfig('amsterdam', {
      regio: 'amsterdam',
      holidays: ['nieuwjaarsdag'],
      extraDays: ['2026-06-12'],
    });
    expect(computeHolidays(calendar, 2026).get('2026-06-12')).toBe('extra');
    expect(computeHolidays(calendar, 2027).has('2026-06-12')).toBe(false);
  });

  it('refuses unknown holiday names, bad decree days and a mismatched regio', () => {
    expect(() => parseHolidayConfig('amsterdam', { regio: 'amsterdam', holidays: ['sinterklaas'] })).toThrow(InvalidHolidayConfig);
    expect(() => parseHolidayConfig('amsterdam', { regio: 'amsterdam', holidays: [], extraDays: ['2026-02-30'] })).toThrow(
      InvalidHolidayConfig,
    );
    expect(() => parseHolidayConfig('amsterdam', { regio: 'klantreis-2023', holidays: [] })).toThrow(InvalidHolidayConfig);
  });
});

describe('addWerkdagen: properties', () => {
  it('never lands on a weekend or holiday (n ≥ 1)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const result = addWerkdagen(d, n);
        return isoWeekday(result) <= 5 && holidayOn(result) === undefined;
      }),
    );
  });

  it('is strictly monotonic in n', () => {
    fc.assert(
      fc.property(anyDate, count, count, (d, a, b) => {
        fc.pre(a !== b);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        return addWerkdagen(d, lo) < addWerkdagen(d, hi);
      }),
    );
  });

  // With "count werkdagen strictly after D" and n = 0 → D, the law holds for every d and all a, b ≥ 0 (a ≥ 1 or
  // a = 0 alike). It does NOT hold when the signs differ: see the inverse property below.
  it('addWerkdagen(d, a + b) = addWerkdagen(addWerkdagen(d, a), b) for a, b ≥ 0', () => {
    fc.assert(fc.property(anyDate, count, count, (d, a, b) => addWerkdagen(d, a + b) === addWerkdagen(addWerkdagen(d, a), b)));
  });

  it('counting back undoes counting forward only from a werkdag (precondition: d is a werkdag, n ≥ 1)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 40 }), (d, n) => {
        fc.pre(isWerkdag(d));
        return addWerkdagen(addWerkdagen(d, n), -n) === d;
      }),
    );
    // A Saturday is not recovered: one werkdag forward is Monday, one back from Monday is Friday.
    expect(addWerkdagen(addWerkdagen('2026-11-21', 1), -1)).toBe('2026-11-20');
  });

  it('werkdagenBetween(d, addWerkdagen(d, n)) = n for n ≥ 0', () => {
    fc.assert(fc.property(anyDate, count, (d, n) => werkdagenBetween(d, addWerkdagen(d, n)) === n));
  });
});

describe('werkdagenBetween / werkdagenOverdue (Wonen queue)', () => {
  it('counts werkdagen d with from < d ≤ to', () => {
    expect(werkdagenBetween('2026-05-22', '2026-05-27')).toBe(2);
    expect(werkdagenBetween('2026-12-24', '2026-12-29')).toBe(2);
    expect(werkdagenBetween('2026-05-26', '2026-05-26')).toBe(0);
  });

  it('is 0 when to ≤ from; how late an item is comes from werkdagenOverdue', () => {
    expect(werkdagenBetween('2026-05-29', '2026-05-27')).toBe(0);
    expect(werkdagenOverdue('2026-05-27', '2026-05-29')).toBe(2);
    expect(werkdagenOverdue('2026-05-27', '2026-05-27')).toBe(0);
  });

  it('never negative', () => {
    fc.assert(fc.property(anyDate, anyDate, (a, b) => werkdagenBetween(a, b) >= 0));
  });
});

describe('rolling to a werkdag', () => {
  it('on or after / on or before', () => {
    expect(werkdagOnOrAfter('2026-08-22')).toBe('2026-08-24');
    expect(werkdagOnOrAfter('2026-08-24')).toBe('2026-08-24');
    expect(werkdagOnOrBefore('2026-07-04')).toBe('2026-07-03');
    expect(werkdagOnOrBefore('2026-05-25')).toBe('2026-05-22');
  });
});

describe('endOfDayAmsterdam', () => {
  it.each([
    ['2026-01-15', '2026-01-15T22:59:59.999Z'], // CET, UTC+1
    ['2026-07-15', '2026-07-15T21:59:59.999Z'], // CEST, UTC+2
    ['2026-03-28', '2026-03-28T22:59:59.999Z'], // Saturday before the switch
    ['2026-03-29', '2026-03-29T21:59:59.999Z'], // spring forward (last Sunday of March)
    ['2026-10-24', '2026-10-24T21:59:59.999Z'],
    ['2026-10-25', '2026-10-25T22:59:59.999Z'], // fall back (last Sunday of October)
  ])('%s → %s', (date, instant) => {
    expect(endOfDayAmsterdam(date)).toBe(instant);
  });
});
