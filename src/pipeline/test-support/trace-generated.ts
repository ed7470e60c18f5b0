import { stringify } from 'csv-stringify/sync';
import type { RegisterPerson } from '../../core/person.js';
import { PDS_MESH_REQUEST_COLUMNS } from '../../formats/pds-mesh-columns.js';
import { generatePopulation } from '../../synthetic/population/generate-population.js';
import { ERROR_RATES } from '../../synthetic/requests/error-rates.js';
import { generateRequests } from '../../synthetic/requests/generate-requests.js';
import { RegisterPools } from '../../synthetic/requests/register-pools.js';
import { createRng } from '../../synthetic/rng.js';

/** A synthetic register and a messy PDS MESH request file over it, from the project generators. */
export interface GeneratedTraceData {
  readonly people: readonly RegisterPerson[];
  /** The request file's text: header and one row per request. */
  readonly requestCsv: string;
}

async function* each(people: readonly RegisterPerson[]): AsyncGenerator<RegisterPerson> {
  for (const person of people) {
    yield await Promise.resolve(person);
  }
}

/**
 * Generates a register of `people` and `requests` requests over it (typos, former names, people
 * not in the register, duplicates, bad rows: the generator's usual rates). Same sizes and seed,
 * same data.
 * @param sizes - people, requests and the seed
 */
export async function generatedTraceData(sizes: {
  readonly people: number;
  readonly requests: number;
  readonly seed: number;
}): Promise<GeneratedTraceData> {
  const people = [...generatePopulation({ people: sizes.people, seed: sizes.seed })];
  const rng = createRng(sizes.seed + 1);
  const pools = new RegisterPools(rng);
  for (const person of people) {
    pools.observe(person);
  }
  const lines = [stringify([PDS_MESH_REQUEST_COLUMNS])];
  const generated = generateRequests(each(people), {
    requests: sizes.requests,
    rates: ERROR_RATES,
    rng,
    pools,
  });
  for await (const { row } of generated) {
    lines.push(stringify([PDS_MESH_REQUEST_COLUMNS.map((c) => row[c])]));
  }
  return { people, requestCsv: lines.join('') };
}
