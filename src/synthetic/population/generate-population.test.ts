import { describe, expect, it } from 'vitest';
import { parseNhsNumber } from '../../core/nhs-number/nhs-number.js';
import { parsePostcode } from '../../core/normalise/postcode.js';
import type { RegisterPerson } from '../../core/person.js';
import { fromFhirPatient, toFhirPatient } from '../../formats/fhir-patient.js';
import { createRng } from '../rng.js';
import { generatePopulation } from './generate-population.js';
import { INVALIDATED, INVALIDATED_STREAM } from './rates.js';

const SAMPLE = 20_000;
const people: RegisterPerson[] = [...generatePopulation({ people: SAMPLE, seed: 7 })];

const home = (p: RegisterPerson): string => {
  const address = p.addresses[0];
  return address === undefined ? '' : `${address.lines.join(', ')} ${address.postalCode ?? ''}`;
};
const area = (p: RegisterPerson): string =>
  /^[A-Z]+/.exec(p.addresses[0]?.postalCode ?? '')?.[0] ?? '';
const usual = (p: RegisterPerson) => p.names[0]!;
const ageOn2025 = (p: RegisterPerson): number => 2024 - Number(p.birthDate.slice(0, 4));
const share = (count: number): number => count / SAMPLE;

function groupBy<K>(
  items: readonly RegisterPerson[],
  key: (p: RegisterPerson) => K,
): Map<K, RegisterPerson[]> {
  const groups = new Map<K, RegisterPerson[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

describe('generatePopulation', () => {
  it('makes exactly the people asked for, the same for the same seed and different for another', () => {
    expect(people).toHaveLength(SAMPLE);
    const once = JSON.stringify([...generatePopulation({ people: 3_000, seed: 11 })]);
    const again = JSON.stringify([...generatePopulation({ people: 3_000, seed: 11 })]);
    expect(again).toBe(once);
    const other = [...generatePopulation({ people: 3_000, seed: 12 })];
    const first = JSON.parse(once) as RegisterPerson[];
    expect(other.map((p) => p.nhsNumber)).not.toEqual(first.map((p) => p.nhsNumber));
    expect(other.map(home)).not.toEqual(first.map(home));
  });

  it('gives every person valid, distinct 9xx NHS Numbers, superseded ones included', () => {
    const numbers = people.flatMap((p) => [p.nhsNumber, ...p.supersededNhsNumbers]);
    for (const n of numbers) {
      expect(parseNhsNumber(n).success && n.startsWith('9')).toBe(true);
    }
    expect(new Set(numbers).size).toBe(numbers.length);
    const merged = share(people.filter((p) => p.supersededNhsNumbers.length === 1).length);
    expect(merged).toBeGreaterThan(0.0005);
    expect(merged).toBeLessThan(0.005);
  });

  it('writes only valid register records with BS 7666 postcodes and ODS-like GP codes', () => {
    for (const [i, p] of people.entries()) {
      if (i % 4 === 0) {
        const read = fromFhirPatient(toFhirPatient(p));
        expect(read.success && JSON.stringify(read.data) === JSON.stringify(p)).toBe(true);
      }
      for (const address of p.addresses) {
        expect(parsePostcode(address.postalCode ?? '').success).toBe(true);
        expect(address.lines.length).toBeLessThanOrEqual(5);
      }
      expect(p.gpOdsCode ?? 'A00001').toMatch(/^[A-Z]\d{5}$/);
    }
  });

  it('puts most people in households of two or more that share a surname and an address', () => {
    const households = [...groupBy(people, home).values()];
    const multi = households.filter((h) => h.length > 1);
    expect(multi.length / households.length).toBeGreaterThan(0.55);
    expect(multi.length / households.length).toBeLessThan(0.85);
    const sharedSurname = multi.filter(
      (h) => new Set(h.map((p) => usual(p).family)).size < h.length,
    );
    expect(sharedSurname.length / multi.length).toBeGreaterThan(0.6);
    const postcodes = groupBy(people, (p) => p.addresses[0]?.postalCode);
    expect(SAMPLE / postcodes.size).toBeGreaterThan(15);
  });

  it('has twins: same birth date, surname and address, different forenames', () => {
    const groups = groupBy(people, (p) => `${home(p)}|${p.birthDate}|${usual(p).family}`);
    const twins = [...groups.values()].filter(
      (g) =>
        g.length === 2 && ageOn2025(g[0]!) < 25 && usual(g[0]!).given[0] !== usual(g[1]!).given[0],
    );
    expect(twins.length).toBeGreaterThan(5);
    const lookAlike = twins.filter((g) => usual(g[0]!).given[0]![0] === usual(g[1]!).given[0]![0]);
    expect(lookAlike.length).toBeGreaterThan(0);
  });

  it('has different people with the same name and birth date in different towns', () => {
    const groups = groupBy(
      people,
      (p) => `${usual(p).given[0] ?? ''}|${usual(p).family}|${p.birthDate}`,
    );
    const elsewhere = [...groups.values()].filter((g) => new Set(g.map(area)).size > 1);
    expect(elsewhere.length).toBeGreaterThan(3);
  });

  it('keeps the former family name of people who changed name at marriage', () => {
    const changed = people.filter((p) => p.names.some((n) => n.use === 'old'));
    expect(share(changed.length)).toBeGreaterThan(0.1);
    for (const p of changed) {
      const [current, old] = p.names;
      expect(old?.family).not.toBe(current?.family);
      const start = Date.parse(current?.period?.start ?? '');
      expect(Date.parse(old?.period?.end ?? '')).toBe(start - 86_400_000);
    }
  });

  it('has moves, deaths, restricted records, and an England-like age structure', () => {
    const living = people.filter((p) => p.deceasedDateTime === undefined);
    expect(share(people.filter((p) => p.addresses.length > 1).length)).toBeGreaterThan(0.25);
    expect(share(SAMPLE - living.length)).toBeGreaterThan(0.01);
    expect(share(SAMPLE - living.length)).toBeLessThan(0.06);
    const restricted = share(people.filter((p) => p.restricted).length);
    expect(restricted).toBeGreaterThan(0.001);
    expect(restricted).toBeLessThan(0.012);
    const under18 = living.filter((p) => ageOn2025(p) < 18).length / living.length;
    const over65 = living.filter((p) => ageOn2025(p) >= 65).length / living.length;
    expect(under18).toBeGreaterThan(0.17);
    expect(under18).toBeLessThan(0.25);
    expect(over65).toBeGreaterThan(0.15);
    expect(over65).toBeLessThan(0.23);
  });

  it('invalidates about 0.1% of unrestricted records, drawn from a stream of their own', () => {
    const invalid = people.filter((p) => p.invalidated === true);
    expect(share(invalid.length)).toBeGreaterThan(0.0003);
    expect(share(invalid.length)).toBeLessThan(0.002);
    expect(invalid.filter((p) => p.restricted)).toEqual([]);
    // One draw per person from the seed's own invalidated stream, and nothing else: the main
    // stream (every other value) cannot have been touched by the flag.
    const stream = createRng((7 ^ INVALIDATED_STREAM) | 0);
    const expected = people.filter((p) => stream.chance(INVALIDATED) && !p.restricted);
    expect(invalid.map((p) => p.nhsNumber)).toEqual(expected.map((p) => p.nhsNumber));
  });

  it('refuses sizes and seeds out of range', () => {
    expect(() => generatePopulation({ people: 0, seed: 1 }).next()).toThrow(RangeError);
    expect(() => generatePopulation({ people: 10, seed: -1 }).next()).toThrow(RangeError);
  });
});
