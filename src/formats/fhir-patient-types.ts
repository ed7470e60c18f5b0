import { NHS_NUMBER_STATUS, NHS_NUMBER_STATUS_SYSTEM } from '../core/nhs-number/status.js';
import type { Gender, NhsNumberStatusCode } from '../core/person.js';

/** Identifier system of the NHS Number. */
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
/** Identifier system of ODS organisation codes (GP practices). */
export const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
/** UK Core extension carrying the NHS Number Status Indicator on the NHS Number identifier. */
export const VERIFICATION_STATUS_URL =
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus';
/** UK Core code system of the NHS Number Status Indicator codes `01`..`08` (defined in core). */
export const VERIFICATION_STATUS_SYSTEM = NHS_NUMBER_STATUS_SYSTEM;
/** HL7 confidentiality code system used by PDS in `meta.security` (`U` unrestricted, `R` restricted). */
export const CONFIDENTIALITY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

/** Display text of each NHS Number Status Indicator code (NHS Data Dictionary, defined in core). */
export const STATUS_DISPLAY: Readonly<Record<NhsNumberStatusCode, string>> = NHS_NUMBER_STATUS;

/** A FHIR Coding. */
export interface FhirCoding {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

/** A FHIR Period; either end may be absent. */
export interface FhirPeriod {
  readonly start?: string;
  readonly end?: string;
}

/** The NHS Number identifier with its verification status extension, as PDS returns it. */
export interface FhirNhsNumberIdentifier {
  readonly system: typeof NHS_NUMBER_SYSTEM;
  readonly value: string;
  readonly extension: readonly [
    {
      readonly url: typeof VERIFICATION_STATUS_URL;
      readonly valueCodeableConcept: { readonly coding: readonly [FhirCoding] };
    },
  ];
}

/** A FHIR HumanName as PDS uses it. */
export interface FhirHumanName {
  readonly use: 'usual' | 'old' | 'nickname';
  readonly period?: FhirPeriod;
  readonly given?: readonly string[];
  readonly family?: string;
  readonly prefix?: readonly string[];
}

/** A FHIR Address as PDS uses it (lines 1 to 5, postcode apart). */
export interface FhirAddress {
  readonly use: 'home' | 'old' | 'temp';
  readonly period?: FhirPeriod;
  readonly line?: readonly string[];
  readonly postalCode?: string;
}

/** A reference to an organisation by its ODS code (PDS `generalPractitioner`). */
export interface FhirOrganizationReference {
  readonly type: 'Organization';
  readonly identifier: { readonly system: typeof ODS_SYSTEM; readonly value: string };
}

/**
 * A `Patient.link` of type `replaces`: this record replaces the record with the linked NHS Number
 * (a duplicate merged into it, whose number is now superseded).
 */
export interface FhirReplacesLink {
  readonly type: 'replaces';
  readonly other: {
    readonly type: 'Patient';
    readonly identifier: { readonly system: typeof NHS_NUMBER_SYSTEM; readonly value: string };
  };
}

/** A FHIR R4 Patient resource in the UK Core / PDS style, as written by `toFhirPatient`. */
export interface FhirPatient {
  readonly resourceType: 'Patient';
  /** The NHS Number, as PDS uses it for the logical id. */
  readonly id: string;
  readonly identifier: readonly [FhirNhsNumberIdentifier];
  readonly meta: { readonly security: readonly [FhirCoding] };
  readonly name?: readonly FhirHumanName[];
  readonly gender: Gender;
  readonly birthDate: string;
  readonly deceasedDateTime?: string;
  readonly address?: readonly FhirAddress[];
  readonly generalPractitioner?: readonly [FhirOrganizationReference];
  readonly link?: readonly FhirReplacesLink[];
}
