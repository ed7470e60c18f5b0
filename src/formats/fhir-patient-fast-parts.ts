import type { Period, PersonAddress, PersonName } from '../core/person.js';
import { FHIR_DATE_TIME, MAX_LIST_ITEMS, MAX_NAME_LENGTH } from './field-schemas.js';

/**
 * Checks of `fhir-patient-fast.ts` for the parts of a FHIR Patient: text, dates, names,
 * addresses and lists. Each repeats a rule of `field-schemas.ts` / `fhir-patient-schema.ts`
 * exactly; `fhir-patient-fast.test.ts` checks them against zod.
 */

/** `nameTextSchema` / `addressLineSchema`: non-empty, no `|`, no surrounding whitespace. */
const TEXT = /^[^|\s](?:[^|]*[^|\s])?$/;
/** `familyNameSchema`: as {@link TEXT}, but may be empty. */
const FAMILY = /^(?:[^|\s](?:[^|]*[^|\s])?)?$/;
const NAME_USES: ReadonlySet<unknown> = new Set(['usual', 'old', 'nickname']);
const ADDRESS_USES: ReadonlySet<unknown> = new Set(['home', 'old', 'temp']);

/** A JSON object (what zod's object schemas take); arrays and null are not. */
export type Obj = Readonly<Record<string, unknown>>;

/**
 * Whether a value is a JSON object.
 * @param v - any value
 */
export const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/**
 * Whether a value is a string.
 * @param v - any value
 */
export const isStr = (v: unknown): v is string => typeof v === 'string';
const isText = (v: unknown): v is string => isStr(v) && TEXT.test(v);
const isNameText = (v: unknown): v is string =>
  isStr(v) && v.length <= MAX_NAME_LENGTH && TEXT.test(v);
/**
 * Whether a value is a FHIR dateTime string (`dateTimeSchema`).
 * @param v - any value
 */
export const isDateTime = (v: unknown): v is string => isStr(v) && FHIR_DATE_TIME.test(v);

/**
 * Whether an optional field is absent or, when present, passes `check`.
 * @param v - the field's value
 * @param check - the rule for a present value
 */
export const optional = (v: unknown, check: (v: unknown) => boolean): boolean =>
  v === undefined || check(v);

/** Each item of an optional array passes `check`; `max` caps its length. */
function optionalList(v: unknown, check: (item: unknown) => boolean, max = Infinity): boolean {
  if (v === undefined) {
    return true;
  }
  return Array.isArray(v) && v.length <= max && v.every(check);
}

/** `periodSchema`, copied as `copyPeriod` does; `null` when invalid. */
function readPeriod(v: unknown): Period | null {
  if (!isObj(v)) {
    return null;
  }
  const { start, end } = v;
  if (!optional(start, isDateTime) || !optional(end, isDateTime)) {
    return null;
  }
  if (start === undefined && end === undefined) {
    return null;
  }
  return {
    ...(start === undefined ? {} : { start: start as string }),
    ...(end === undefined ? {} : { end: end as string }),
  };
}

/**
 * `humanNameSchema` mapped as `fromFhirName` maps it; `null` when zod would reject it.
 * @param v - any value
 */
export function readName(v: unknown): PersonName | null {
  if (!isObj(v) || !NAME_USES.has(v['use'])) {
    return null;
  }
  const { period, given, family, prefix } = v;
  const copied = period === undefined ? undefined : readPeriod(period);
  const familyOk = family === undefined || (isStr(family) && family.length <= MAX_NAME_LENGTH);
  if (
    copied === null ||
    !optionalList(given, isNameText, MAX_LIST_ITEMS) ||
    !familyOk ||
    (family !== undefined && !FAMILY.test(family)) ||
    !optionalList(prefix, isNameText)
  ) {
    return null;
  }
  const prefixes = prefix as string[] | undefined;
  return {
    use: v['use'] as PersonName['use'],
    given: (given as string[] | undefined) ?? [],
    family: family ?? '',
    ...(prefixes !== undefined && prefixes.length > 0 ? { prefix: prefixes } : {}),
    ...(copied === undefined ? {} : { period: copied }),
  };
}

/**
 * `addressSchema` mapped as `fromFhirAddress` maps it; `null` when zod would reject it.
 * @param v - any value
 */
export function readAddress(v: unknown): PersonAddress | null {
  if (!isObj(v) || !ADDRESS_USES.has(v['use'])) {
    return null;
  }
  const { period, line, postalCode } = v;
  const copied = period === undefined ? undefined : readPeriod(period);
  const postcodeOk =
    postalCode === undefined ||
    (isStr(postalCode) && postalCode.length >= 1 && postalCode.length <= 8);
  if (copied === null || !optionalList(line, isText, MAX_LIST_ITEMS) || !postcodeOk) {
    return null;
  }
  return {
    use: v['use'] as PersonAddress['use'],
    lines: (line as string[] | undefined) ?? [],
    ...(postalCode === undefined ? {} : { postalCode: postalCode }),
    ...(copied === undefined ? {} : { period: copied }),
  };
}

/**
 * Reads an optional list with `read` (absent reads as empty); `null` when the value is not a
 * list or any item is invalid.
 * @param v - the list
 * @param read - reads one item, `null` when it is invalid
 */
export function readList<T>(v: unknown, read: (item: unknown) => T | null): T[] | null {
  if (v === undefined) {
    return [];
  }
  if (!Array.isArray(v)) {
    return null;
  }
  const out: T[] = [];
  for (const item of v) {
    const value = read(item);
    if (value === null) {
      return null;
    }
    out.push(value);
  }
  return out;
}
