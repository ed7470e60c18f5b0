import { z } from 'zod';
import { parseNhsNumber, type NhsNumber } from '../core/nhs-number/nhs-number.js';
import type { NhsNumberStatusCode } from '../core/person.js';

/**
 * Field rules shared by the FHIR Patient and register CSV formats, so both accept exactly the
 * same `RegisterPerson`. Limits follow the PDS FHIR specification: at most 5 given names and 5
 * address lines, names of at most 35 characters.
 */

/** PDS limit on given names per name and on address lines per address. */
export const MAX_LIST_ITEMS = 5;

/** PDS limit on the length of one given name or family name. */
export const MAX_NAME_LENGTH = 35;

/** A FHIR `date`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (PDS returns partial dates for a few records). */
export const FHIR_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** A FHIR `dateTime`: a FHIR date, or a full date and time with an optional zone. */
export const FHIR_DATE_TIME =
  /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** NHS Number Status Indicator codes `01`..`08`. */
export const STATUS_CODES = [
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
] as const satisfies readonly NhsNumberStatusCode[];

/** A string that is a valid NHS Number (Modulus 11); becomes the `NhsNumber` brand. */
export const nhsNumberSchema = z.string().transform((value, ctx): NhsNumber => {
  const parsed = parseNhsNumber(value);
  if (!parsed.success) {
    const first = parsed.issues[0];
    ctx.issues.push({
      code: 'custom',
      input: value,
      message: first?.message ?? 'not a valid NHS Number',
      params: { code: first?.code ?? 'invalid-nhs-number' },
    });
    return z.NEVER;
  }
  return parsed.data;
});

/** One given name, family name or prefix: no leading or trailing space, no `|`, ≤ 35 characters. */
export const nameTextSchema = z
  .string()
  .max(MAX_NAME_LENGTH, `at most ${MAX_NAME_LENGTH} characters`)
  .regex(/^[^|\s](?:[^|]*[^|\s])?$/, 'must be non-empty text without `|` or surrounding spaces');

/** A family name: like {@link nameTextSchema}, but may be empty (some records hold given names only). */
export const familyNameSchema = z
  .string()
  .max(MAX_NAME_LENGTH, `at most ${MAX_NAME_LENGTH} characters`)
  .regex(/^(?:[^|\s](?:[^|]*[^|\s])?)?$/, 'must be text without `|` or surrounding spaces');

/** One address line: non-empty text without `|` or surrounding spaces. */
export const addressLineSchema = z
  .string()
  .regex(/^[^|\s](?:[^|]*[^|\s])?$/, 'must be non-empty text without `|` or surrounding spaces');

/** A postcode as held; format is not checked (registers hold ZZ99 pseudo-postcodes too). */
export const postalCodeSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(8, 'a postcode has at most 8 characters');

/** An ODS organisation code as PDS writes it: capital letters and digits. */
export const odsCodeSchema = z
  .string()
  .regex(/^[0-9A-Z]{3,10}$/, 'must be an ODS code like A81001');

/** A FHIR date. */
export const dateSchema = z
  .string()
  .regex(FHIR_DATE, 'must be a date YYYY-MM-DD (or YYYY-MM, YYYY)');

/** A FHIR dateTime. */
export const dateTimeSchema = z
  .string()
  .regex(FHIR_DATE_TIME, 'must be a date YYYY-MM-DD or a date-time YYYY-MM-DDThh:mm:ss+00:00');

/** A period with at least one end (an empty period says nothing and is written as absent). */
export const periodSchema = z
  .object({ start: dateTimeSchema.optional(), end: dateTimeSchema.optional() })
  .refine((p) => p.start !== undefined || p.end !== undefined, 'a period needs a start or an end');
