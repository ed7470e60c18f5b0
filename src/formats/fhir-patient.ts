import type { NhsNumber } from '../core/nhs-number/nhs-number.js';
import type { Period, PersonAddress, PersonName, RegisterPerson } from '../core/person.js';
import { ok, fail, type Result } from '../core/result.js';
import {
  fhirPatientSchema,
  type ParsedAddress,
  type ParsedHumanName,
} from './fhir-patient-schema.js';
import {
  CONFIDENTIALITY_SYSTEM,
  NHS_NUMBER_SYSTEM,
  ODS_SYSTEM,
  STATUS_DISPLAY,
  VERIFICATION_STATUS_SYSTEM,
  VERIFICATION_STATUS_URL,
  type FhirAddress,
  type FhirHumanName,
  type FhirPatient,
  type FhirReplacesLink,
} from './fhir-patient-types.js';
import { readWellFormedPatient } from './fhir-patient-fast.js';
import { zodIssues } from './zod-issues.js';

export type { FhirPatient } from './fhir-patient-types.js';

/** Copies a period, leaving out absent ends (`undefined` is never written). */
function copyPeriod(period: { start?: string | undefined; end?: string | undefined }): Period {
  return {
    ...(period.start === undefined ? {} : { start: period.start }),
    ...(period.end === undefined ? {} : { end: period.end }),
  };
}

/** True when a period has at least one end; an empty period is written as absent. */
function hasEnd(period: Period | undefined): period is Period {
  return period !== undefined && (period.start !== undefined || period.end !== undefined);
}

/**
 * Maps one register name to a FHIR HumanName (empty lists, empty family and empty period left out).
 * @param name - the name
 */
export function toFhirName(name: PersonName): FhirHumanName {
  return {
    use: name.use,
    ...(hasEnd(name.period) ? { period: copyPeriod(name.period) } : {}),
    ...(name.given.length > 0 ? { given: [...name.given] } : {}),
    ...(name.family === '' ? {} : { family: name.family }),
    ...(name.prefix !== undefined && name.prefix.length > 0 ? { prefix: [...name.prefix] } : {}),
  };
}

/**
 * Maps one register address to a FHIR Address (empty lists and empty period left out).
 * @param address - the address
 */
export function toFhirAddress(address: PersonAddress): FhirAddress {
  return {
    use: address.use,
    ...(hasEnd(address.period) ? { period: copyPeriod(address.period) } : {}),
    ...(address.lines.length > 0 ? { line: [...address.lines] } : {}),
    ...(address.postalCode === undefined ? {} : { postalCode: address.postalCode }),
  };
}

function replacesLink(nhsNumber: NhsNumber): FhirReplacesLink {
  return {
    type: 'replaces',
    other: { type: 'Patient', identifier: { system: NHS_NUMBER_SYSTEM, value: nhsNumber } },
  };
}

/**
 * Maps a register person to a FHIR R4 Patient in the PDS / UK Core style: the NHS Number as the
 * `id` and as the single identifier (with the UK Core NHS Number verification status extension),
 * `meta.security` `REDACTED` (invalidated), `R` (restricted) or `U` (unrestricted): PDS holds one
 * code, so an invalidated record that is also flagged restricted is written as `REDACTED` alone;
 * names with `use` and `period`,
 * addresses with `use`, `line`, `postalCode` and `period`, the GP practice as an ODS identifier
 * reference, and each superseded NHS Number as a `link` of type `replaces` (PDS allows only one
 * identifier, and FHIR records merged duplicates with `Patient.link`).
 *
 * This is the register's full view: a restricted person keeps their address and GP here. Strip
 * them where the record leaves the register (as PDS does). Empty lists, an empty family name and
 * periods with neither end are left out, as FHIR forbids empty elements.
 * @param p - the register person
 */
export function toFhirPatient(p: RegisterPerson): FhirPatient {
  const code = p.verificationStatus;
  return {
    resourceType: 'Patient',
    id: p.nhsNumber,
    identifier: [
      {
        system: NHS_NUMBER_SYSTEM,
        value: p.nhsNumber,
        extension: [
          {
            url: VERIFICATION_STATUS_URL,
            valueCodeableConcept: {
              coding: [{ system: VERIFICATION_STATUS_SYSTEM, code, display: STATUS_DISPLAY[code] }],
            },
          },
        ],
      },
    ],
    meta: {
      security: [
        p.invalidated === true
          ? { system: CONFIDENTIALITY_SYSTEM, code: 'REDACTED', display: 'redacted' }
          : p.restricted
            ? { system: CONFIDENTIALITY_SYSTEM, code: 'R', display: 'restricted' }
            : { system: CONFIDENTIALITY_SYSTEM, code: 'U', display: 'unrestricted' },
      ],
    },
    ...(p.names.length > 0 ? { name: p.names.map(toFhirName) } : {}),
    gender: p.gender,
    birthDate: p.birthDate,
    ...(p.deceasedDateTime === undefined ? {} : { deceasedDateTime: p.deceasedDateTime }),
    ...(p.addresses.length > 0 ? { address: p.addresses.map(toFhirAddress) } : {}),
    ...(p.gpOdsCode === undefined
      ? {}
      : {
          generalPractitioner: [
            { type: 'Organization', identifier: { system: ODS_SYSTEM, value: p.gpOdsCode } },
          ],
        }),
    ...(p.supersededNhsNumbers.length > 0
      ? { link: p.supersededNhsNumbers.map(replacesLink) }
      : {}),
  };
}

/**
 * Maps a validated FHIR HumanName back to a register name.
 * @param name - a name accepted by `humanNameSchema`
 */
export function fromFhirName(name: ParsedHumanName): PersonName {
  return {
    use: name.use,
    given: name.given ?? [],
    family: name.family ?? '',
    ...(name.prefix !== undefined && name.prefix.length > 0 ? { prefix: name.prefix } : {}),
    ...(name.period === undefined ? {} : { period: copyPeriod(name.period) }),
  };
}

/**
 * Maps a validated FHIR Address back to a register address.
 * @param address - an address accepted by `addressSchema`
 */
export function fromFhirAddress(address: ParsedAddress): PersonAddress {
  return {
    use: address.use,
    lines: address.line ?? [],
    ...(address.postalCode === undefined ? {} : { postalCode: address.postalCode }),
    ...(address.period === undefined ? {} : { period: copyPeriod(address.period) }),
  };
}

/**
 * Reads a FHIR R4 Patient (as written by {@link toFhirPatient}, or as PDS returns one) into a
 * register person. Never throws: a value that is not a usable Patient gives issues that name the
 * field path (`identifier[0].value`, `name[1].period.start`) and the reason. Defaults: a missing
 * verification status extension reads as `01` (a register number is verified), missing `meta`
 * as unrestricted, missing `gender` as `unknown`. `meta.security` `R` or `V` reads as restricted,
 * `REDACTED` as invalidated (PDS's mark of a record that must not be used; never restricted).
 * @param json - any parsed JSON value
 */
export function fromFhirPatient(json: unknown): Result<RegisterPerson> {
  // The hand-written check takes the common, well-formed case; zod explains the rest.
  const fast = readWellFormedPatient(json);
  if (fast !== undefined) {
    return ok(fast);
  }
  return fromFhirPatientWithZod(json);
}

/**
 * {@link fromFhirPatient} by zod alone: the reference the fast path is tested against, and the
 * source of the issue messages.
 * @param json - any parsed JSON value
 */
export function fromFhirPatientWithZod(json: unknown): Result<RegisterPerson> {
  const parsed = fhirPatientSchema.safeParse(json);
  if (!parsed.success) {
    return fail(...zodIssues(parsed.error));
  }
  const patient = parsed.data;
  const [identifier] = patient.identifier;
  const security = patient.meta?.security?.[0]?.code;
  const gp = patient.generalPractitioner?.[0]?.identifier.value;
  return ok({
    nhsNumber: identifier.value,
    verificationStatus: identifier.extension?.[0]?.valueCodeableConcept.coding[0]?.code ?? '01',
    names: (patient.name ?? []).map(fromFhirName),
    gender: patient.gender ?? 'unknown',
    birthDate: patient.birthDate,
    ...(patient.deceasedDateTime === undefined
      ? {}
      : { deceasedDateTime: patient.deceasedDateTime }),
    addresses: (patient.address ?? []).map(fromFhirAddress),
    ...(gp === undefined ? {} : { gpOdsCode: gp }),
    restricted: security === 'R' || security === 'V',
    ...(security === 'REDACTED' ? { invalidated: true as const } : {}),
    supersededNhsNumbers: (patient.link ?? []).map((link) => link.other.identifier.value),
  });
}
