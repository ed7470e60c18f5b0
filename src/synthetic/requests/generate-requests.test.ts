import { describe, expect, it } from 'vitest';
import type { RegisterPerson } from '../../core/person.js';
import { ERROR_RATES, type ErrorRates } from './error-rates.js';
import { generateRequests, type GeneratedRequest } from './generate-requests.js';
import { RegisterPools } from './register-pools.js';
import { createRng } from '../rng.js';
import { testPeople } from './test-people.js';

async function* stream(people: readonly RegisterPerson[]): AsyncGenerator<RegisterPerson> {
  for (const p of people) {
    yield Promise.resolve(p);
  }
}

async function run(
  people: readonly RegisterPerson[],
  requests: number,
  seed: number,
  rates: ErrorRates = ERROR_RATES,
): Promise<GeneratedRequest[]> {
  const rng = createRng(seed);
  const pools = new RegisterPools(rng);
  people.forEach((p) => {
    pools.observe(p);
  });
  const out: GeneratedRequest[] = [];
  for await (const r of generateRequests(stream(people), { requests, rates, rng, pools })) {
    out.push(r);
  }
  return out;
}

const noErrors: ErrorRates = Object.fromEntries(
  Object.keys(ERROR_RATES).map((k) => [k, k === 'nhsNumberPresent' ? 1 : 0]),
) as unknown as ErrorRates;

describe('generateRequests', () => {
  const people = testPeople(2000);

  it('writes exactly the requested number of rows, with the documented share of outsiders', async () => {
    const rows = await run(people, 500, 1);
    expect(rows).toHaveLength(500);
    const outsiders = rows.filter((r) => !r.truth.inRegister);
    expect(outsiders).toHaveLength(Math.round(500 * ERROR_RATES.notInRegister));
    expect(outsiders.every((r) => r.row.NHS_NO === '' && r.truth.trueNhsNumber === '')).toBe(true);
    expect(new Set(rows.map((r) => r.truth.reference)).size).toBe(500);
  });

  it('never aims a request at an invalidated record', async () => {
    const marked = people.map((p, i): RegisterPerson =>
      i % 3 === 0 ? { ...p, invalidated: true } : p,
    );
    const invalid = new Set<string>(
      marked.filter((p) => p.invalidated === true).map((p) => p.nhsNumber),
    );
    const rows = await run(marked, 2000, 9);
    expect(rows).toHaveLength(2000);
    const aimed = rows.filter((r) => r.truth.inRegister).map((r) => r.truth.trueNhsNumber);
    expect(aimed.length).toBeGreaterThan(1500);
    expect(aimed.filter((nhs) => invalid.has(nhs))).toEqual([]);
  });

  it('is deterministic for a seed and differs between seeds', async () => {
    const a = await run(people, 300, 42);
    const b = await run(people, 300, 42);
    const c = await run(people, 300, 43);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('outsiders are never someone in the register by name and birth date', async () => {
    const rows = await run(people, 1000, 5, { ...noErrors, notInRegister: 0.5 });
    const keys = new Set(
      people.map((p) => `${p.names[0]?.family ?? ''}|${p.names[0]?.given[0] ?? ''}|${p.birthDate}`),
    );
    for (const r of rows.filter((x) => !x.truth.inRegister)) {
      const dob = r.row.DATE_OF_BIRTH;
      const iso = `${dob.slice(0, 4)}-${dob.slice(4, 6)}-${dob.slice(6, 8)}`;
      expect(keys.has(`${r.row.FAMILY_NAME}|${r.row.GIVEN_NAME}|${iso}`)).toBe(false);
    }
  });

  it('with every error rate at zero, rows carry the register demographics exactly', async () => {
    const rows = await run(people, 200, 3, noErrors);
    const byNumber = new Map(people.map((p) => [p.nhsNumber as string, p]));
    for (const r of rows) {
      const p = byNumber.get(r.truth.trueNhsNumber);
      expect(p).toBeDefined();
      expect(r.truth.errors).toEqual([]);
      expect(r.row.NHS_NO).toBe(p?.nhsNumber);
      expect(r.row.FAMILY_NAME).toBe(p?.names[0]?.family);
      expect(r.row.GIVEN_NAME).toBe(p?.names[0]?.given[0]);
      expect(r.row.DATE_OF_BIRTH).toBe(p?.birthDate.replaceAll('-', ''));
      expect(r.row.POSTCODE).toBe(p?.addresses[0]?.postalCode);
      expect(r.row.GENDER).toBe(p?.gender === 'male' ? '1' : '2');
    }
  });

  it('names every applied error pattern, and marks duplicates with the first reference', async () => {
    const rows = await run(people, 1500, 9, { ...ERROR_RATES, duplicateRow: 0.2 });
    const known = new Set(Object.keys(ERROR_RATES));
    expect(rows.flatMap((r) => r.truth.errors).every((e) => known.has(e))).toBe(true);
    const refs = new Map(rows.map((r) => [r.truth.reference, r]));
    const duplicates = rows.filter((r) => r.truth.duplicateOf !== '');
    expect(duplicates.length).toBeGreaterThan(100);
    for (const d of duplicates) {
      expect(refs.get(d.truth.duplicateOf)?.truth.trueNhsNumber).toBe(d.truth.trueNhsNumber);
    }
  });

  it('applies each pattern at about its documented rate', async () => {
    const rows = await run(people, 1800, 11);
    const count = (e: string): number => rows.filter((r) => r.truth.errors.includes(e)).length;
    const inRegister = rows.filter((r) => r.truth.inRegister).length;
    // familyNameTypo applies to every row: expect 3% within a generous binomial margin.
    expect(count('familyNameTypo') / rows.length).toBeGreaterThan(0.015);
    expect(count('familyNameTypo') / rows.length).toBeLessThan(0.05);
    // A former family name exists for one person in five in the test register.
    const former = count('familyNameFormer') / inRegister;
    expect(former).toBeGreaterThan(0.2 * ERROR_RATES.familyNameFormer * 0.6);
    expect(former).toBeLessThan(0.2 * ERROR_RATES.familyNameFormer * 1.4);
  });

  it('refuses more in-register rows than twice the register', async () => {
    await expect(run(testPeople(10), 100, 1)).rejects.toThrow(/at most two rows each/);
  });
});
