import type { NhsNumber } from './nhs-number/nhs-number.js';

/**
 * The register's model of a person, as PDS holds one: current and historic names and addresses,
 * date of death, GP practice, superseded numbers, the restricted flag and the invalidated flag.
 * Every other part (the generator, the stores, the matching engine, the FHIR mapping) speaks
 * this shape.
 * Dates are ISO 8601 strings (`YYYY-MM-DD`, or `YYYY-MM` / `YYYY` where only part is known).
 */
export interface RegisterPerson {
  readonly nhsNumber: NhsNumber;
  /** NHS Number Status Indicator code, `01`..`08`; `01` for a register (verified) record. */
  readonly verificationStatus: NhsNumberStatusCode;
  /** Names, current first; `use: 'usual'` is the current name, `old` ones are history. */
  readonly names: readonly PersonName[];
  readonly gender: Gender;
  readonly birthDate: string;
  readonly deceasedDateTime?: string;
  /** Addresses, current first; `use: 'home'` is the current one, `old` ones are history. */
  readonly addresses: readonly PersonAddress[];
  /** ODS code of the registered GP practice. */
  readonly gpOdsCode?: string;
  /** Restricted (sensitive) record: PDS returns no address, GP or contact details for it. */
  readonly restricted: boolean;
  /**
   * Invalidated record (PDS `meta.security` `REDACTED`: marked invalid, so its data must not be
   * used). Present only when true. A trace that lands on one answers code `91` with
   * `MATCHED_NHS_NO` `0000000000` and no demographics. PDS holds one confidentiality code per
   * record, so an invalidated record is never also `restricted`.
   */
  readonly invalidated?: true;
  /** Numbers this person was known by before duplicates were merged; they resolve to this one. */
  readonly supersededNhsNumbers: readonly NhsNumber[];
}

export type Gender = 'male' | 'female' | 'other' | 'unknown';

export type NhsNumberStatusCode = '01' | '02' | '03' | '04' | '05' | '06' | '07' | '08';

/** A time span; either end may be open. ISO dates. */
export interface Period {
  readonly start?: string;
  readonly end?: string;
}

export interface PersonName {
  readonly use: 'usual' | 'old' | 'nickname';
  /** Given names in order; the first is the forename. */
  readonly given: readonly string[];
  readonly family: string;
  readonly prefix?: readonly string[];
  readonly period?: Period;
}

export interface PersonAddress {
  readonly use: 'home' | 'old' | 'temp';
  /** Address lines as written (house and street first), without the postcode. */
  readonly lines: readonly string[];
  readonly postalCode?: string;
  readonly period?: Period;
}

/**
 * The current name: the `usual` one, else the first.
 * @param person - a register person
 */
export function currentName(person: RegisterPerson): PersonName | undefined {
  return person.names.find((n) => n.use === 'usual') ?? person.names[0];
}

/**
 * The current address: the `home` one, else the first.
 * @param person - a register person
 */
export function currentAddress(person: RegisterPerson): PersonAddress | undefined {
  return person.addresses.find((a) => a.use === 'home') ?? person.addresses[0];
}

/**
 * The person as a trace answer shows them: only the current name and address, no superseded
 * numbers. Everything a response row and the conflicts file read is kept.
 * @param person - a register person
 */
export function currentDemographics(person: RegisterPerson): RegisterPerson {
  const name = currentName(person);
  const address = currentAddress(person);
  return {
    ...person,
    names: name === undefined ? [] : [name],
    addresses: address === undefined ? [] : [address],
    supersededNhsNumbers: [],
  };
}
