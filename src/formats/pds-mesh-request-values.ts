import { parseNhsNumber } from '../core/nhs-number/nhs-number.js';
import {
  genderFromNhsCode,
  isPlaceholderBirthDate,
  parseBirthDate,
  parseGender,
  parsePostcode,
  type NhsGenderCode,
  type PartialDate,
} from '../core/normalise/index.js';
import type { Gender } from '../core/person.js';
import { fail, ok, type Result } from '../core/result.js';
import type { PdsMeshRequestColumn } from './pds-mesh-columns.js';
import type {
  RequestRowContext,
  RowError,
  RowWarning,
  SuppliedNhsNumber,
  SuppliedPostcode,
} from './pds-mesh-request-types.js';

/** A value read from one cell: `null` when the cell is blank. */
type Read<T> = Result<T | null, RowError>;

const PDS_GENDER_CODES: ReadonlySet<string> = new Set(['0', '1', '2', '9']);

/**
 * Reads `NHS_NO`. Never an error: an invalid number is kept with its reason (and a warning) so
 * the trace can go on with the demographics.
 * @param raw - the cell as read
 * @param warnings - collects the warning for an invalid number
 */
export function readNhsNumber(raw: string, warnings: RowWarning[]): SuppliedNhsNumber | null {
  const text = raw.trim();
  if (text === '') {
    return null;
  }
  const parsed = parseNhsNumber(text);
  if (parsed.success) {
    return { status: 'valid', value: parsed.data };
  }
  const issue = parsed.issues[0] ?? { code: 'empty', message: 'no NHS Number given' };
  warnings.push({
    code: 'nhs-number-invalid',
    field: 'NHS_NO',
    message: `NHS_NO is not a valid NHS Number (${issue.message}); tracing on demographics`,
  });
  return { status: 'invalid', raw: text, issue };
}

/**
 * Reads `GENDER`: only the PDS codes `0`, `1`, `2`, `9` when `codes` is `pds`, any spelling
 * `parseGender` knows when `any`. Anything else is error `12`.
 * @param raw - the cell as read
 * @param codes - which spellings are accepted
 */
export function readGender(raw: string, codes: 'pds' | 'any'): Read<Gender> {
  const text = raw.trim();
  if (text === '') {
    return ok(null);
  }
  if (codes === 'pds') {
    return PDS_GENDER_CODES.has(text)
      ? ok(genderFromNhsCode(text as NhsGenderCode))
      : fail({ code: '12', field: 'GENDER', message: 'GENDER must be 0, 1, 2 or 9' });
  }
  const parsed = parseGender(text);
  if (parsed.success) {
    return ok(parsed.data);
  }
  const reason = parsed.issues[0]?.message ?? 'unrecognised gender';
  return fail({ code: '12', field: 'GENDER', message: `GENDER: ${reason}` });
}

/**
 * Reads a date column in the context's layout; an impossible or badly laid out date is error
 * `13`. Dates of birth after `context.today` are rejected too (other dates are not).
 * @param column - `DATE_OF_BIRTH`, `DATE_OF_DEATH` or `AS_AT_DATE`
 * @param raw - the cell as read
 * @param context - the date layout and reference day
 */
export function readDate(
  column: PdsMeshRequestColumn,
  raw: string,
  context: RequestRowContext,
): Read<PartialDate> {
  if (raw.trim() === '') {
    return ok(null);
  }
  // Only a date of birth is checked against the reference day: the reference day's message
  // speaks of birth, and an as-at date or date of death after it is odd but harmless.
  const today = column === 'DATE_OF_BIRTH' ? context.today : undefined;
  const options = today === undefined ? {} : { today };
  const parsed = parseBirthDate(raw, context.dateFormat ?? 'YYYYMMDD', options);
  if (parsed.success) {
    return ok(parsed.data);
  }
  const reason = parsed.issues[0]?.message ?? 'not a date';
  return fail({ code: '13', field: column, message: `${column}: ${reason}` });
}

/**
 * A warning when a date of birth is 1 January, the usual stand-in for an unknown day.
 * @param date - the parsed date of birth
 */
export function birthDateWarning(date: PartialDate | null): RowWarning | undefined {
  return date !== null && isPlaceholderBirthDate(date)
    ? {
        code: 'birth-date-placeholder',
        field: 'DATE_OF_BIRTH',
        message: 'DATE_OF_BIRTH is 1 January, often a stand-in for an unknown day and month',
      }
    : undefined;
}

/**
 * Reads `POSTCODE`. Never an error: an invalid postcode is kept as keyed, with a warning, and
 * a pseudo-postcode (`ZZ99 …`) is flagged because it locates nobody.
 * @param raw - the cell as read
 * @param warnings - collects the warnings
 */
export function readPostcode(raw: string, warnings: RowWarning[]): SuppliedPostcode | null {
  const text = raw.trim();
  if (text === '') {
    return null;
  }
  const parsed = parsePostcode(text);
  if (!parsed.success) {
    warnings.push({
      code: 'postcode-invalid',
      field: 'POSTCODE',
      message: `POSTCODE is not a UK postcode (${parsed.issues[0]?.message ?? 'unreadable'}); not used`,
    });
    return { status: 'invalid', raw: text, issues: parsed.issues };
  }
  if (parsed.data.kind === 'pseudo') {
    warnings.push({
      code: 'postcode-pseudo',
      field: 'POSTCODE',
      message: 'POSTCODE is an NHS pseudo-postcode (ZZ99), which locates nobody; not used',
    });
  }
  return { status: 'valid', value: parsed.data };
}
