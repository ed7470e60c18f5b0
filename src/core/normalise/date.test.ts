import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { formatBirthDate, formatPdsMeshDate } from './date-format.js';
import {
  daysInMonth,
  isLeapYear,
  isPlaceholderBirthDate,
  parseBirthDate,
  type DateFormat,
  type PartialDate,
} from './date.js';

function parsed(raw: string, format: DateFormat, today?: string): PartialDate {
  const result = parseBirthDate(raw, format, today === undefined ? {} : { today });
  if (!result.success) {
    throw new Error(`expected ${raw} to parse: ${result.issues[0]?.code ?? ''}`);
  }
  return result.data;
}

describe('parseBirthDate', () => {
  it.each([
    ['19840719', 'YYYYMMDD', '1984-07-19', 'day'],
    [' 1984-07-19 ', 'YYYY-MM-DD', '1984-07-19', 'day'],
    ['19/07/1984', 'DD/MM/YYYY', '1984-07-19', 'day'],
    ['1/2/2000', 'DD/MM/YYYY', '2000-02-01', 'day'],
    ['2000-02-29', 'YYYY-MM-DD', '2000-02-29', 'day'],
    ['2024-02-29', 'YYYY-MM-DD', '2024-02-29', 'day'],
    ['1984-07', 'YYYY-MM', '1984-07', 'month'],
    ['1984', 'YYYY', '1984', 'year'],
    ['1984', 'fhir', '1984', 'year'],
    ['1984-07', 'fhir', '1984-07', 'month'],
    ['1984-07-19', 'fhir', '1984-07-19', 'day'],
    ['198407191230', 'pds-mesh', '1984-07-19', 'day'],
    ['19840719', 'pds-mesh', '1984-07-19', 'day'],
    ['198407', 'pds-mesh', '1984-07', 'month'],
    ['1984', 'pds-mesh', '1984', 'year'],
  ] as const)('%j as %s → %s (%s)', (raw, format, iso, precision) => {
    expect(parsed(raw, format)).toMatchObject({ iso, precision });
  });

  it('returns the parts as numbers, omitting unknown ones', () => {
    expect(parsed('19840719', 'YYYYMMDD')).toEqual({
      iso: '1984-07-19',
      year: 1984,
      month: 7,
      day: 19,
      precision: 'day',
    });
    expect(parsed('1984-07', 'YYYY-MM')).toEqual({
      iso: '1984-07',
      year: 1984,
      month: 7,
      precision: 'month',
    });
  });

  it.each([
    ['', 'YYYYMMDD', 'empty'],
    ['   ', 'fhir', 'empty'],
    ['1984-07-19', 'YYYYMMDD', 'bad-format'],
    ['19/07/1984', 'YYYY-MM-DD', 'bad-format'],
    ['1984-7-19', 'YYYY-MM-DD', 'bad-format'],
    ['19840719', 'YYYY', 'bad-format'],
    ['1984-07-19', 'YYYY-MM', 'bad-format'],
    ['84-07-19', 'fhir', 'bad-format'],
    ['1984/07/19', 'DD/MM/YYYY', 'bad-format'],
    ['19840719T', 'pds-mesh', 'bad-format'],
    ['１９８４', 'YYYY', 'bad-format'],
    ['19841319', 'YYYYMMDD', 'month-out-of-range'],
    ['1984-00-10', 'YYYY-MM-DD', 'month-out-of-range'],
    ['1984-13', 'YYYY-MM', 'month-out-of-range'],
    ['31/04/1984', 'DD/MM/YYYY', 'day-out-of-range'],
    ['1984-06-31', 'YYYY-MM-DD', 'day-out-of-range'],
    ['1984-01-32', 'YYYY-MM-DD', 'day-out-of-range'],
    ['00/01/1984', 'DD/MM/YYYY', 'day-out-of-range'],
    ['2023-02-29', 'YYYY-MM-DD', 'not-leap-year'],
    ['19000229', 'YYYYMMDD', 'not-leap-year'],
    ['2023-02-30', 'YYYY-MM-DD', 'day-out-of-range'],
    ['00000000', 'YYYYMMDD', 'year-zero'],
    ['0000-01-01', 'fhir', 'year-zero'],
    ['1750-05-05', 'YYYY-MM-DD', 'too-early'],
    ['198407192460', 'pds-mesh', 'bad-time'],
    ['198407191260', 'pds-mesh', 'bad-time'],
  ] as const)('%j as %s fails with %s', (raw, format, code) => {
    const result = parseBirthDate(raw, format);
    expect(result.success).toBe(false);
    expect(result.success ? [] : result.issues.map((i) => i.code)).toEqual([code]);
  });

  it('lets the caller lower the earliest plausible year', () => {
    expect(parseBirthDate('1750-05-05', 'YYYY-MM-DD', { earliestYear: 1700 }).success).toBe(true);
  });

  it.each([
    ['2026-11-22', 'YYYY-MM-DD', true],
    ['2026-11-23', 'YYYY-MM-DD', false],
    ['2026-11', 'YYYY-MM', true],
    ['2026-12', 'YYYY-MM', false],
    ['2026', 'YYYY', true],
    ['2027', 'YYYY', false],
  ] as const)('%s against today 2026-11-22 accepted: %s', (raw, format, accepted) => {
    const result = parseBirthDate(raw, format, { today: '2026-11-22' });
    expect(result.success).toBe(accepted);
    if (!result.success) {
      expect(result.issues[0]?.code).toBe('in-future');
    }
  });

  it('rejects an impossible reference day rather than guessing', () => {
    const result = parseBirthDate('1984-07-19', 'YYYY-MM-DD', { today: '2026-02-30' });
    expect(result.success ? undefined : result.issues[0]?.code).toBe('bad-reference-date');
  });
});

describe('calendar helpers', () => {
  it.each([
    [2000, true],
    [1900, false],
    [2024, true],
    [2023, false],
    [2100, false],
  ])('isLeapYear(%i) is %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });

  it('daysInMonth follows the calendar', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2024, 2)).toBe(29);
  });
});

describe('isPlaceholderBirthDate', () => {
  it.each([
    ['1950-01-01', 'YYYY-MM-DD', true],
    ['01/01/1990', 'DD/MM/YYYY', true],
    ['1950-01-02', 'YYYY-MM-DD', false],
    ['1950-02-01', 'YYYY-MM-DD', false],
    ['1950-01', 'YYYY-MM', false],
    ['1950', 'YYYY', false],
  ] as const)('%s is a possible placeholder: %s', (raw, format, flagged) => {
    expect(isPlaceholderBirthDate(parsed(raw, format))).toBe(flagged);
  });
});

describe('formatting', () => {
  it('writes PDS MESH dates without separators, partial ones shorter', () => {
    expect(formatPdsMeshDate(parsed('1984-07-19', 'fhir'))).toBe('19840719');
    expect(formatPdsMeshDate(parsed('1984-07', 'fhir'))).toBe('198407');
    expect(formatPdsMeshDate(parsed('1984', 'fhir'))).toBe('1984');
  });

  it('refuses to invent a day or month the date does not have', () => {
    const result = formatBirthDate(parsed('1984-07', 'fhir'), 'DD/MM/YYYY');
    expect(result.success ? undefined : result.issues[0]?.code).toBe('too-imprecise');
    expect(formatBirthDate(parsed('1984', 'fhir'), 'YYYY-MM').success).toBe(false);
  });

  it('can drop precision when the layout asks for less', () => {
    expect(formatBirthDate(parsed('1984-07-19', 'fhir'), 'YYYY-MM')).toEqual({
      success: true,
      data: '1984-07',
    });
  });

  const fullDate = fc
    .date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z') })
    .filter((d) => !Number.isNaN(d.getTime()))
    .map((d) => d.toISOString().slice(0, 10));
  const formats = fc.constantFrom<DateFormat>(
    'YYYYMMDD',
    'YYYY-MM-DD',
    'DD/MM/YYYY',
    'fhir',
    'pds-mesh',
  );

  test.prop([fullDate, formats])('every real date parses and round-trips', (iso, format) => {
    const date = parsed(iso, 'YYYY-MM-DD');
    expect(date.iso).toBe(iso);
    const written = formatBirthDate(date, format);
    expect(written.success).toBe(true);
    expect(parsed(written.success ? written.data : '', format)).toEqual(date);
    expect(parsed(formatPdsMeshDate(date), 'YYYYMMDD')).toEqual(date);
  });

  test.prop([
    fc.integer({ min: 1800, max: 2100 }),
    fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
  ])('partial dates round-trip through fhir and pds-mesh', (year, month) => {
    const iso = month === undefined ? String(year) : `${year}-${String(month).padStart(2, '0')}`;
    const date = parsed(iso, 'fhir');
    expect(date.precision).toBe(month === undefined ? 'year' : 'month');
    expect(parsed(formatPdsMeshDate(date), 'pds-mesh')).toEqual(date);
  });

  test.prop([
    fc.integer({ min: 1800, max: 2100 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 31 }),
  ])('a day is accepted exactly when the JavaScript calendar has it', (year, month, day) => {
    const raw = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
    const real = new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
    expect(parseBirthDate(raw, 'YYYYMMDD').success).toBe(real);
  });
});
