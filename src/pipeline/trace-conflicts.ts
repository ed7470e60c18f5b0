import { currentAddress, currentName, type RegisterPerson } from '../core/person.js';
import type { PdsMeshRequestRow } from '../formats/pds-mesh-columns.js';
import { isoToPds } from '../formats/pds-mesh-response.js';
import { sameDwelling } from '../matching/comparisons/dwelling.js';
import type { MatchRecord } from '../matching/index.js';

/**
 * Why a row is in the conflicts file:
 * - `supplied-number-birth-date-differs`: the supplied (valid) number's register record has
 *   another date of birth; the row goes to review, the number is not trusted;
 * - `supplied-number-differs`: the demographics traced to someone other than the supplied
 *   (valid) number; the row goes to review, the number is not replaced;
 * - `superseded-number`: the supplied number was merged into the current one returned;
 * - `new-family-name`, `new-postcode`, `new-address`: the register's current value differs
 *   from the local one (the register is newer); never listed for a restricted person's address;
 * - `date-of-death`: the register records a death the local record does not (or another date).
 */
export type ConflictKind =
  | 'supplied-number-birth-date-differs'
  | 'supplied-number-differs'
  | 'superseded-number'
  | 'new-family-name'
  | 'new-postcode'
  | 'new-address'
  | 'date-of-death';

/** One difference between the local record and the register. */
export interface Conflict {
  readonly kind: ConflictKind;
  /** The PDS MESH request column concerned. */
  readonly field:
    'NHS_NO' | 'DATE_OF_BIRTH' | 'FAMILY_NAME' | 'POSTCODE' | 'ADDRESS' | 'DATE_OF_DEATH';
  /** The local (request) value, as sent. */
  readonly local: string;
  /** The register's value. */
  readonly register: string;
}

function addressText(row: PdsMeshRequestRow): string {
  return [
    row.ADDRESS_LINE1,
    row.ADDRESS_LINE2,
    row.ADDRESS_LINE3,
    row.ADDRESS_LINE4,
    row.ADDRESS_LINE5,
  ]
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(', ');
}

/** The request side of a comparison with the register. */
export interface LocalRecord {
  /** The request row as read. */
  readonly row: PdsMeshRequestRow;
  /** The request's match record. */
  readonly record: MatchRecord;
  /** The supplied valid NHS Number, if any. */
  readonly supplied?: string;
  /** The request's date of death as an ISO date, if any. */
  readonly deathIso?: string;
}

/**
 * The local demographics of a matched request that differ from the register's current ones: a
 * superseded number, a new family name, postcode or address, a date of death. Only values the
 * request gives are compared (a blank local postcode is not a conflict), except the date of
 * death, which the local record should learn. A restricted person's address and postcode are
 * never compared, so the register's location never leaves through this file.
 * @param local - the request row, its match record, supplied number and date of death
 * @param person - the matched register person
 * @param registerRecord - the person's match record
 */
export function matchedConflicts(
  local: LocalRecord,
  person: RegisterPerson,
  registerRecord: MatchRecord,
): Conflict[] {
  const { row, record: request, supplied, deathIso: localDeathIso } = local;
  const conflicts: Conflict[] = [];
  if (supplied !== undefined && supplied !== person.nhsNumber) {
    conflicts.push({
      kind: 'superseded-number',
      field: 'NHS_NO',
      local: supplied,
      register: person.nhsNumber,
    });
  }
  const family = currentName(person)?.family ?? '';
  if (request.familyName !== undefined && request.familyName !== registerRecord.familyName) {
    conflicts.push({
      kind: 'new-family-name',
      field: 'FAMILY_NAME',
      local: row.FAMILY_NAME.trim(),
      register: family,
    });
  }
  if (!person.restricted) {
    const address = currentAddress(person);
    if (request.postcode !== undefined && request.postcode.full !== registerRecord.postcode?.full) {
      conflicts.push({
        kind: 'new-postcode',
        field: 'POSTCODE',
        local: row.POSTCODE.trim(),
        register: address?.postalCode ?? '',
      });
    }
    if (
      request.address !== undefined &&
      (registerRecord.address === undefined ||
        !sameDwelling(request.address, registerRecord.address))
    ) {
      conflicts.push({
        kind: 'new-address',
        field: 'ADDRESS',
        local: addressText(row),
        register: (address?.lines ?? []).join(', '),
      });
    }
  }
  const death = isoToPds(person.deceasedDateTime);
  const localDeath = row.DATE_OF_DEATH.trim();
  if (death !== '' && (localDeathIso === undefined || isoToPds(localDeathIso) !== death)) {
    conflicts.push({
      kind: 'date-of-death',
      field: 'DATE_OF_DEATH',
      local: localDeath,
      register: death,
    });
  }
  return conflicts;
}
