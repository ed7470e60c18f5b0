import { fail, ok, type Result } from '../result.js';
import type { DateFormat, DateIssue, DatePrecision, PartialDate } from './date.js';

/**
 * Formats a date for PDS MESH: `YYYYMMDD`, or `YYYYMM` / `YYYY` for a partial date.
 * @param date - a parsed date
 */
export function formatPdsMeshDate(date: PartialDate): string {
  return date.iso.replaceAll('-', '');
}

/** The least precision each layout can write (`fhir` and `pds-mesh` write any). */
const NEEDED: Readonly<Record<DateFormat, DatePrecision>> = {
  YYYYMMDD: 'day',
  'YYYY-MM-DD': 'day',
  'DD/MM/YYYY': 'day',
  'YYYY-MM': 'month',
  YYYY: 'year',
  fhir: 'year',
  'pds-mesh': 'year',
};

const RANK: Readonly<Record<DatePrecision, number>> = { year: 0, month: 1, day: 2 };

/**
 * Formats a date in one of the {@link DateFormat} layouts; fails with `too-imprecise` when the
 * layout needs a day or month the date does not have (a `YYYY-MM` date as `DD/MM/YYYY`).
 * `fhir` gives the ISO form, `pds-mesh` the {@link formatPdsMeshDate} form.
 * @param date - a parsed date
 * @param format - the layout wanted
 */
export function formatBirthDate(date: PartialDate, format: DateFormat): Result<string, DateIssue> {
  if (RANK[date.precision] < RANK[NEEDED[format]]) {
    return fail({
      code: 'too-imprecise',
      message: `a ${date.precision}-precision date cannot be written as ${format}`,
    });
  }
  const [y = '', m = '', d = ''] = date.iso.split('-');
  switch (format) {
    case 'YYYYMMDD':
      return ok(`${y}${m}${d}`);
    case 'YYYY-MM-DD':
      return ok(`${y}-${m}-${d}`);
    case 'DD/MM/YYYY':
      return ok(`${d}/${m}/${y}`);
    case 'YYYY-MM':
      return ok(`${y}-${m}`);
    case 'YYYY':
      return ok(y);
    case 'fhir':
      return ok(date.iso);
    case 'pds-mesh':
      return ok(formatPdsMeshDate(date));
  }
}
