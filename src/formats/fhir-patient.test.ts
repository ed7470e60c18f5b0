import { readFileSync } from 'node:fs';
import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { fromFhirPatient, fromFhirPatientWithZod, toFhirPatient } from './fhir-patient.js';
import { arbRegisterPerson } from './test-support/arbitrary-register-person.js';

const mocks = '/work/shared/specs/pds-fhir/sandbox/mocks';
const readMock = (name: string): unknown => JSON.parse(readFileSync(`${mocks}/${name}`, 'utf8'));

describe('FHIR Patient mapping', () => {
  test.prop([arbRegisterPerson], { numRuns: 300 })(
    'fromFhirPatient(toFhirPatient(p)) equals p',
    (person) => {
      const json = JSON.parse(JSON.stringify(toFhirPatient(person))) as unknown;
      expect(fromFhirPatient(json)).toStrictEqual({ success: true, data: structuredClone(person) });
    },
  );

  it('writes the PDS identifier, security label, GP reference and replaces links', () => {
    const patient = toFhirPatient({
      nhsNumber: '9434765919' as never,
      verificationStatus: '01',
      names: [{ use: 'usual', given: ['Jane'], family: 'Smith' }],
      gender: 'female',
      birthDate: '1980-02-29',
      addresses: [{ use: 'home', lines: ['1 High Street', 'Leeds'], postalCode: 'LS1 6AE' }],
      gpOdsCode: 'A81001',
      restricted: true,
      supersededNhsNumbers: ['9000000009' as never],
    });
    expect(patient.identifier[0].system).toBe('https://fhir.nhs.uk/Id/nhs-number');
    expect(patient.identifier[0].extension[0].valueCodeableConcept.coding[0]).toMatchObject({
      code: '01',
      display: 'Number present and verified',
    });
    expect(patient.meta.security[0]).toMatchObject({ code: 'R', display: 'restricted' });
    expect(patient.generalPractitioner?.[0].identifier.value).toBe('A81001');
    expect(patient.link?.[0]).toMatchObject({
      type: 'replaces',
      other: { identifier: { value: '9000000009' } },
    });
  });

  it('reads the PDS sandbox patients', () => {
    const full = fromFhirPatient(readMock('Patient.json'));
    expect(full.success).toBe(true);
    if (full.success) {
      expect(full.data.nhsNumber).toBe('9000000009');
      expect(full.data.names[0]).toMatchObject({ use: 'usual', given: ['Jane'], family: 'Smith' });
      expect(full.data.addresses[0]?.postalCode).toBe('LS1 6AE');
      expect(full.data.gpOdsCode).toBe('Y12345');
      expect(full.data.restricted).toBe(false);
    }
    const sensitive = fromFhirPatient(readMock('Sensitive_Patient.json'));
    expect(sensitive.success && sensitive.data.restricted).toBe(true);
  });

  it('names the field path and reason of each problem', () => {
    const json = JSON.parse(JSON.stringify(toFhirPatient(sample()))) as Record<string, unknown>;
    const bad = {
      ...json,
      id: undefined,
      identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765918' }],
      birthDate: '12/03/1980',
      name: [
        { use: 'maiden', family: 'Smith' },
        { use: 'old', family: ' Smith' },
      ],
    };
    const result = fromFhirPatient(bad);
    expect(result.success).toBe(false);
    if (!result.success) {
      const byPath = new Map(result.issues.map((i) => [i.path, i]));
      expect(byPath.get('identifier[0].value')?.code).toBe('bad-check-digit');
      expect(byPath.get('birthDate')?.message).toMatch(/^birthDate: must be a date/);
      expect(byPath.get('name[0].use')?.message).toContain('usual, old or nickname');
      expect(byPath.get('name[1].family')?.message).toContain('without `|` or surrounding spaces');
    }
  });

  it('rejects a non-Patient, a mismatched id and an unknown confidentiality code', () => {
    expect(fromFhirPatient(null).success).toBe(false);
    expect(fromFhirPatient({ resourceType: 'Practitioner' }).success).toBe(false);
    const json = toFhirPatient(sample());
    const mismatch = fromFhirPatient({ ...json, id: '9000000009' });
    expect(!mismatch.success && mismatch.issues[0]?.code).toBe('id-mismatch');
    const unknown = fromFhirPatient({ ...json, meta: { security: [{ code: 'N' }] } });
    expect(!unknown.success && unknown.issues[0]?.path).toBe('meta.security[0].code');
  });

  it('writes and reads an invalidated record as PDS marks one: security REDACTED, not restricted', () => {
    const person = { ...sample(), restricted: false, invalidated: true as const };
    const patient = toFhirPatient(person);
    expect(patient.meta.security).toEqual([
      {
        system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
        code: 'REDACTED',
        display: 'redacted',
      },
    ]);
    for (const read of [fromFhirPatient(patient), fromFhirPatientWithZod(patient)]) {
      expect(read.success && read.data).toEqual(person);
    }
    const plain = fromFhirPatient({ ...patient, meta: { security: [{ code: 'REDACTED' }] } });
    expect(plain.success && plain.data.invalidated).toBe(true);
    const unrestricted = fromFhirPatient(toFhirPatient(sample()));
    expect(unrestricted.success && 'invalidated' in unrestricted.data).toBe(false);
  });
});

function sample(): Parameters<typeof toFhirPatient>[0] {
  return {
    nhsNumber: '9434765919' as never,
    verificationStatus: '01',
    names: [{ use: 'usual', given: ['Ann'], family: 'Jones' }],
    gender: 'female',
    birthDate: '1980-03-12',
    addresses: [],
    restricted: false,
    supersededNhsNumbers: [],
  };
}
