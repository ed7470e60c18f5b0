import type { PartialDate } from '../core/normalise/index.js';
import type { Gender } from '../core/person.js';
import type { SuppliedNhsNumber, SuppliedPostcode, TraceKind } from './pds-mesh-request-types.js';

/** The message for error `96`, naming the combinations of fields that are enough. */
export const NOT_ENOUGH_DATA =
  'not enough data to trace: give NHS_NO and DATE_OF_BIRTH; or FAMILY_NAME, DATE_OF_BIRTH and ' +
  'GENDER; or at least three of DATE_OF_BIRTH, FAMILY_NAME, GIVEN_NAME, GENDER and POSTCODE';

/** What the trace rules look at. */
export interface TraceInputs {
  readonly nhsNumber: SuppliedNhsNumber | null;
  readonly familyPresent: boolean;
  readonly givenPresent: boolean;
  readonly gender: Gender | null;
  readonly birthDate: PartialDate | null;
  readonly postcode: SuppliedPostcode | null;
}

/**
 * The traces a request has data for (nhs-domain.md §3.3): cross-check needs a valid NHS Number
 * and a date of birth; alphanumeric needs family name, date of birth and a known gender;
 * algorithmic scores date of birth, family name, given name, gender and postcode and needs at
 * least three of them. Gender `0` (not known) and pseudo or invalid postcodes do not count.
 * @param inputs - the usable values of a row
 */
export function possibleTraces(inputs: TraceInputs): TraceKind[] {
  const hasDob = inputs.birthDate !== null;
  const knownGender = inputs.gender !== null && inputs.gender !== 'unknown';
  const usablePostcode =
    inputs.postcode?.status === 'valid' && inputs.postcode.value.kind !== 'pseudo';
  const traces: TraceKind[] = [];
  if (inputs.nhsNumber?.status === 'valid' && hasDob) {
    traces.push('cross-check');
  }
  if (inputs.familyPresent && hasDob && knownGender) {
    traces.push('alphanumeric');
  }
  const scored = [hasDob, inputs.familyPresent, inputs.givenPresent, knownGender, usablePostcode];
  if (scored.filter(Boolean).length >= 3) {
    traces.push('algorithmic');
  }
  return traces;
}
