import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { readWellFormedPatient } from './fhir-patient-fast.js';
import { fromFhirPatientWithZod, toFhirPatient } from './fhir-patient.js';
import { arbRegisterPerson } from './test-support/arbitrary-register-person.js';

type Json = unknown;
type Path = readonly (string | number)[];

/** Every path in a JSON tree, the root included. */
function paths(value: Json, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) {
    value.forEach((item, i) => out.push(...paths(item, [...at, i])));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push(...paths(item, [...at, key]));
    }
  }
  return out;
}

/** Values that sit on the edges of the schema's rules. */
const EDGE_VALUES: readonly Json[] = [
  null,
  '',
  ' ',
  'x',
  ' Smith',
  'Smith ',
  'a|b',
  'A'.repeat(35),
  'A'.repeat(36),
  'LS1 6AE',
  'LS1 6AE12',
  '9434765919',
  '9434765918',
  '943 476 5919',
  '943-476-5919',
  '9000000009',
  '1980',
  '1980-02',
  '1980-13-01',
  '1980-02-29T10:00:00Z',
  '1980-02-29T10:00',
  'usual',
  'old',
  'maiden',
  'home',
  'temp',
  'male',
  'Patient',
  'replaces',
  'U',
  'R',
  'V',
  'REDACTED',
  '01',
  '09',
  'A81001',
  'a81001',
  'https://fhir.nhs.uk/Id/nhs-number',
  0,
  1,
  true,
  [],
  [{}],
  ['Ann'],
  {},
  { start: '2001' },
];

/** A patient with one change at one place: replace, delete, duplicate or add a key. */
const arbMutatedPatient = fc
  .record({
    person: arbRegisterPerson,
    where: fc.nat(),
    how: fc.constantFrom('replace', 'delete', 'duplicate', 'extra'),
    edge: fc.constantFrom(...EDGE_VALUES),
  })
  .map(({ person, where, how, edge }) => {
    const json = JSON.parse(JSON.stringify(toFhirPatient(person))) as Json;
    const all = paths(json);
    const path = all[where % all.length] ?? [];
    if (path.length === 0) {
      return how === 'replace' ? edge : json;
    }
    let parent = json as Record<string | number, Json>;
    for (const key of path.slice(0, -1)) {
      parent = parent[key] as Record<string | number, Json>;
    }
    const last = path[path.length - 1] ?? 0;
    const target = parent[last];
    if (how === 'replace') {
      parent[last] = structuredClone(edge);
    } else if (how === 'delete') {
      if (Array.isArray(parent)) {
        parent.splice(Number(last), 1);
      } else {
        Reflect.deleteProperty(parent, last);
      }
    } else if (how === 'duplicate' && Array.isArray(target)) {
      target.push(structuredClone(target[0] ?? edge));
    } else if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
      (target as Record<string, Json>)['unknownElement'] = structuredClone(edge);
    } else {
      parent[last] = structuredClone(edge);
    }
    return json;
  });

describe('readWellFormedPatient (the fast path of fromFhirPatient)', () => {
  test.prop([arbRegisterPerson], { numRuns: 300 })(
    'accepts every well-formed patient, giving the person zod gives',
    (person) => {
      const json = JSON.parse(JSON.stringify(toFhirPatient(person))) as Json;
      const reference = fromFhirPatientWithZod(json);
      expect(reference.success).toBe(true);
      expect(readWellFormedPatient(json)).toStrictEqual(
        reference.success ? reference.data : undefined,
      );
    },
  );

  test.prop([arbMutatedPatient], { numRuns: 3000 })(
    'accepts exactly what zod accepts, with the same person',
    (json) => {
      const reference = fromFhirPatientWithZod(structuredClone(json));
      const fast = readWellFormedPatient(json);
      expect(fast !== undefined).toBe(reference.success);
      if (reference.success) {
        expect(fast).toStrictEqual(reference.data);
      }
    },
  );

  it('normalises a spaced NHS Number as zod does, and rejects an id that differs', () => {
    const json = JSON.parse(JSON.stringify(toFhirPatient(samplePerson()))) as {
      id?: string;
      identifier: [{ value: string }];
    };
    json.identifier[0].value = '943 476 5919';
    expect(readWellFormedPatient(json)?.nhsNumber).toBe('9434765919');
    json.id = '943 476 5919';
    expect(readWellFormedPatient(json)).toBeUndefined();
    expect(fromFhirPatientWithZod(json).success).toBe(false);
  });
});

function samplePerson(): Parameters<typeof toFhirPatient>[0] {
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
