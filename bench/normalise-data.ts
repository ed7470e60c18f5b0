/**
 * Realistic inputs for the normalisation benchmark (bench/normalise.ts): a synthetic register
 * from the population generator and a messy PDS MESH request file drawn from it by the request
 * generator (keying errors, placeholders, nicknames, missing fields), as `generate requests`
 * makes them.
 */
import type { RegisterPerson } from '../src/core/person.js';
import {
  PDS_MESH_REQUEST_COLUMNS,
  type PdsMeshRequestRow,
  PDS_MESH_ADDRESS_COLUMNS,
} from '../src/formats/pds-mesh-columns.js';
import { generatePopulation } from '../src/synthetic/population/generate-population.js';
import { ERROR_RATES } from '../src/synthetic/requests/error-rates.js';
import { generateRequests } from '../src/synthetic/requests/generate-requests.js';
import { RegisterPools } from '../src/synthetic/requests/register-pools.js';
import { createRng } from '../src/synthetic/rng.js';

/** One generated data set: register people and request rows drawn from them. */
export interface BenchData {
  readonly people: readonly RegisterPerson[];
  readonly rows: readonly PdsMeshRequestRow[];
}

/**
 * Generates `count` register people and `count` request rows from one seed.
 * @param count - people and rows wanted
 * @param seed - generator seed (a different seed gives different people from the same distributions)
 */
export async function benchData(count: number, seed: number): Promise<BenchData> {
  const people = [...generatePopulation({ people: count, seed })];
  const rng = createRng(seed);
  const pools = new RegisterPools(rng);
  for (const person of people) {
    pools.observe(person);
  }
  async function* stream(): AsyncGenerator<RegisterPerson> {
    for (const person of people) {
      yield await Promise.resolve(person);
    }
  }
  const rows: PdsMeshRequestRow[] = [];
  for await (const request of generateRequests(stream(), {
    requests: count,
    rates: ERROR_RATES,
    rng,
    pools,
  })) {
    rows.push(request.row);
  }
  return { people, rows };
}

/** Non-blank values, so a benchmark measures work and not the empty-string early return. */
const present = (values: readonly string[]): string[] => values.filter((v) => v.trim() !== '');

/** The inputs of each normaliser, taken from request rows and register records alike. */
export interface NormaliserInputs {
  readonly familyNames: readonly string[];
  readonly givenNames: readonly string[];
  readonly birthDates: readonly string[];
  readonly genders: readonly string[];
  readonly postcodes: readonly string[];
  readonly addresses: readonly (readonly string[])[];
  readonly addressLines: readonly string[];
  readonly foldTexts: readonly string[];
}

/**
 * Splits a data set into per-normaliser inputs: request cells as keyed (messy) followed by
 * the register's clean values, in generation order (so repeats follow the generator's name
 * frequencies).
 * @param data - a generated data set
 */
export function normaliserInputs(data: BenchData): NormaliserInputs {
  const { people, rows } = data;
  const usual = people.map((p) => p.names[0]);
  const familyNames = present([
    ...rows.map((r) => r.FAMILY_NAME),
    ...usual.map((n) => n?.family ?? ''),
  ]);
  const givenNames = present([
    ...rows.map((r) => r.GIVEN_NAME),
    ...usual.map((n) => n?.given.join(' ') ?? ''),
  ]);
  const addresses = [
    ...rows.map((r) => present(PDS_MESH_ADDRESS_COLUMNS.map((c) => r[c]))),
    ...people.map((p) => p.addresses[0]?.lines ?? []),
  ].filter((lines) => lines.length > 0);
  const addressLines = addresses.flat();
  return {
    familyNames,
    givenNames,
    birthDates: present(rows.map((r) => r.DATE_OF_BIRTH)),
    genders: present(rows.map((r) => r.GENDER)),
    postcodes: present([
      ...rows.map((r) => r.POSTCODE),
      ...people.map((p) => p.addresses[0]?.postalCode ?? ''),
    ]),
    addresses,
    addressLines,
    foldTexts: [...familyNames, ...givenNames, ...addressLines],
  };
}

/**
 * A request row as the CSV reader hands it on: cells keyed by column name.
 * @param row - a generated row
 */
export function rowCells(row: PdsMeshRequestRow): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const column of PDS_MESH_REQUEST_COLUMNS) {
    cells[column] = row[column];
  }
  return cells;
}
