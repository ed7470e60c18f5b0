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
  periodSchema,
  postalCodeSchema,
} from './field-schemas.js';
import {
  CONFIDENTIALITY_SYSTEM,
  NHS_NUMBER_SYSTEM,
  ODS_SYSTEM,
  VERIFICATION_STATUS_SYSTEM,
  VERIFICATION_STATUS_URL,
} from './fhir-patient-types.js';

/**
 * The zod schema `fromFhirPatient` reads a FHIR R4 Patient with. It accepts what PDS returns
 * (unknown elements such as `telecom`, `extension` or element `id`s are ignored) but insists on the
 * parts a register record needs. Kept apart from the mapping so the rules read as one list.
 */

const statusExtension = z.looseObject({
  url: z.literal(VERIFICATION_STATUS_URL),
  valueCodeableConcept: z.looseObject({
    coding: z
      .array(
        z.looseObject({
          system: z.literal(VERIFICATION_STATUS_SYSTEM).optional(),
          code: z.enum(STATUS_CODES, 'must be an NHS Number Status Indicator code 01 to 08'),
        }),
      )
      .length(1),
  }),
});

const nhsNumberIdentifier = z.looseObject({
  system: z.literal(NHS_NUMBER_SYSTEM).optional(),
  value: nhsNumberSchema,
  extension: z.array(statusExtension).max(1).optional(),
});

const security = z.looseObject({
  system: z.literal(CONFIDENTIALITY_SYSTEM).optional(),
  // REDACTED marks an invalidated record (PDS Meta.yaml); the register holds it so a trace that
  // lands on it can answer code 91.
  code: z.enum(['U', 'R', 'V', 'REDACTED'], 'must be U, R, V or REDACTED'),
});

/** A FHIR HumanName as the register holds one (also the shape of historic names in the CSV). */
export const humanNameSchema = z.looseObject({
  use: z.enum(['usual', 'old', 'nickname'], 'must be usual, old or nickname'),
  period: periodSchema.optional(),
  given: z.array(nameTextSchema).max(MAX_LIST_ITEMS).optional(),
  family: familyNameSchema.optional(),
  prefix: z.array(nameTextSchema).optional(),
});

/** A FHIR Address as the register holds one (also the shape of historic addresses in the CSV). */
export const addressSchema = z.looseObject({
  use: z.enum(['home', 'old', 'temp'], 'must be home, old or temp'),
  period: periodSchema.optional(),
  line: z.array(addressLineSchema).max(MAX_LIST_ITEMS).optional(),
  postalCode: postalCodeSchema.optional(),
});

const generalPractitioner = z.looseObject({
  identifier: z.looseObject({ system: z.literal(ODS_SYSTEM).optional(), value: odsCodeSchema }),
});

const replacesLink = z.looseObject({
  type: z.literal('replaces', 'only `replaces` links (merged duplicates) can be held'),
  other: z.looseObject({
    identifier: z.looseObject({ system: z.literal(NHS_NUMBER_SYSTEM), value: nhsNumberSchema }),
  }),
});

/** A PDS-style FHIR R4 Patient as the register reads it. */
export const fhirPatientSchema = z
  .looseObject({
    resourceType: z.literal('Patient'),
    id: z.string().optional(),
    identifier: z.tuple([nhsNumberIdentifier], 'must hold exactly one NHS Number identifier'),
    meta: z.looseObject({ security: z.array(security).max(1).optional() }).optional(),
    name: z.array(humanNameSchema).optional(),
    gender: z.enum(['male', 'female', 'other', 'unknown']).optional(),
    birthDate: dateSchema,
    deceasedDateTime: dateTimeSchema.optional(),
    address: z.array(addressSchema).optional(),
    generalPractitioner: z.array(generalPractitioner).max(1).optional(),
    link: z.array(replacesLink).optional(),
  })
  .superRefine((patient, ctx) => {
    const nhsNumber = patient.identifier[0].value;
    if (patient.id !== undefined && patient.id !== nhsNumber) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: 'must equal the NHS Number, as in PDS',
        params: { code: 'id-mismatch' },
      });
    }
  });

/** What `fhirPatientSchema` gives back. */
export type ParsedFhirPatient = z.output<typeof fhirPatientSchema>;

/** A name accepted by `humanNameSchema`. */
export type ParsedHumanName = z.output<typeof humanNameSchema>;

/** An address accepted by `addressSchema`. */
export type ParsedAddress = z.output<typeof addressSchema>;
