import { z } from 'zod';
import {
  MAX_LIST_ITEMS,
  STATUS_CODES,
  addressLineSchema,
  dateSchema,
  dateTimeSchema,
  familyNameSchema,
  nameTextSchema,
  nhsNumberSchema,
  odsCodeSchema,
  postalCodeSchema,
} from './field-schemas.js';
import { addressSchema, humanNameSchema } from './fhir-patient-schema.js';

/** A cell that may be blank: blank reads as `undefined`, anything else must pass `schema`. */
function blankOr<T extends z.ZodType<unknown, string>>(schema: T) {
  return z
    .string()
    .transform((cell) => (cell === '' ? undefined : cell))
    .pipe(schema.optional());
}

/** A `|`-separated list cell; blank is the empty list. */
function pipeList<T extends z.ZodType<unknown, string>>(item: T, max = Infinity) {
  return z
    .string()
    .transform((cell) => (cell === '' ? [] : cell.split('|')))
    .pipe(z.array(item).max(max));
}

/** A cell holding a JSON array (blank is the empty list) of items that pass `item`. */
function jsonList<T extends z.ZodType>(item: T) {
  return z
    .string()
    .transform((cell, ctx): unknown => {
      if (cell === '') {
        return [];
      }
      try {
        return JSON.parse(cell);
      } catch {
        ctx.issues.push({ code: 'custom', input: cell, message: 'is not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.array(item));
}

const periodEnd = blankOr(dateTimeSchema);
const nameUse = blankOr(z.enum(['usual', 'old', 'nickname'], 'must be usual, old or nickname'));
const addressUse = blankOr(z.enum(['home', 'old', 'temp'], 'must be home, old or temp'));

/** The register CSV row, column by column (cells are strings; blank means absent). */
export const registerCsvRowSchema = z.object({
  nhs_number: nhsNumberSchema,
  nhs_number_status: z.enum(STATUS_CODES, 'must be an NHS Number Status Indicator code 01 to 08'),
  superseded_nhs_numbers: pipeList(nhsNumberSchema),
  name_use: nameUse,
  name_prefix: pipeList(nameTextSchema),
  given_name: blankOr(nameTextSchema),
  other_given_names: pipeList(nameTextSchema, MAX_LIST_ITEMS - 1),
  family_name: familyNameSchema,
  name_period_start: periodEnd,
  name_period_end: periodEnd,
  gender: z.enum(['male', 'female', 'other', 'unknown'], 'must be male, female, other or unknown'),
  birth_date: dateSchema,
  deceased_date_time: blankOr(dateTimeSchema),
  address_use: addressUse,
  address_line_1: blankOr(addressLineSchema),
  address_line_2: blankOr(addressLineSchema),
  address_line_3: blankOr(addressLineSchema),
  address_line_4: blankOr(addressLineSchema),
  address_line_5: blankOr(addressLineSchema),
  postcode: blankOr(postalCodeSchema),
  address_period_start: periodEnd,
  address_period_end: periodEnd,
  gp_ods_code: blankOr(odsCodeSchema),
  restricted: z.enum(['true', 'false'], 'must be true or false'),
  // Blank (a file written before the column existed) reads as false.
  invalidated: z.enum(['true', 'false', ''], 'must be true, false or blank'),
  other_names_json: jsonList(humanNameSchema),
  other_addresses_json: jsonList(addressSchema),
});

/** A row accepted by `registerCsvRowSchema`. */
export type ParsedRegisterCsvRow = z.output<typeof registerCsvRowSchema>;
