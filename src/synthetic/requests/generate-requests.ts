import type { RegisterPerson } from '../../core/person.js';
import type { PdsMeshRequestRow } from '../../formats/pds-mesh-columns.js';
import type { ErrorRates } from './error-rates.js';
import type { GroundTruth } from './ground-truth.js';
import type { OutsiderKind, RegisterPools } from './register-pools.js';
import { requestFromPerson } from './request-from-person.js';
import type { Rng } from '../rng.js';

/** A generated request row with its ground truth. */
export interface GeneratedRequest {
  readonly row: PdsMeshRequestRow;
  readonly truth: GroundTruth;
}

export interface GenerateRequestsOptions {
  /** Rows to write in all. */
  readonly requests: number;
  readonly rates: ErrorRates;
  readonly rng: Rng;
  /** Samples of the register, filled by a first pass over the same people (`pools.size` of them). */
  readonly pools: RegisterPools;
}

/**
 * Streams a council-style request file: `requests` rows in register order, of which a share
 * (`rates.notInRegister`) describe people who are not in the register, interleaved at random,
 * and a share of in-register people appear twice under two references. People are chosen by
 * selection sampling (Knuth's Algorithm S), so exactly `requests` rows come out in one pass with
 * nothing but the current person in memory. Invalidated records are never chosen: one was created
 * in error and describes nobody whose care a council records (docs/synthetic-population.md).
 * @param people - the register, in the same order and count as the pass that filled `pools`
 * @param options - counts, rates, random source and the register samples
 */
export async function* generateRequests(
  people: AsyncIterable<RegisterPerson>,
  options: GenerateRequestsOptions,
): AsyncGenerator<GeneratedRequest> {
  const { rng, rates, pools } = options;
  let outsidersLeft = Math.round(options.requests * rates.notInRegister);
  let rowsLeft = options.requests - outsidersLeft;
  let peopleLeft = pools.targets;
  if (rowsLeft > 2 * peopleLeft) {
    throw new RangeError(
      `cannot make ${String(rowsLeft)} in-register rows from ${String(peopleLeft)} people (at most two rows each)`,
    );
  }
  let sequence = 0;
  // People who are not in the register never carry an NHS Number in the council's records.
  const outsiderRates: ErrorRates = { ...rates, nhsNumberPresent: 0 };
  const next = (person: RegisterPerson, duplicateOf = '', rowRates = rates): GeneratedRequest => {
    sequence += 1;
    const reference = `REQ${String(sequence).padStart(8, '0')}`;
    const built = requestFromPerson(person, {
      rng,
      rates: rowRates,
      reference,
      localPatientId: `LP${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
      otherNhsNumber: () => pools.randomNhsNumber(),
    });
    return {
      row: built.row,
      truth: {
        reference,
        trueNhsNumber: person.nhsNumber,
        inRegister: true,
        duplicateOf,
        errors: built.errors,
      },
    };
  };
  const outsider = (): GeneratedRequest => {
    outsidersLeft -= 1;
    const draw = rng.float();
    const kind: OutsiderKind =
      draw < rates.outsiderRelative
        ? 'relative'
        : draw < rates.outsiderRelative + rates.outsiderNamesake
          ? 'namesake'
          : 'stranger';
    const person = pools.outsider(kind, pools.randomNhsNumber() as RegisterPerson['nhsNumber']);
    const made = next(person, '', outsiderRates);
    const errors =
      kind === 'relative'
        ? ['outsiderRelative', ...made.truth.errors]
        : kind === 'namesake'
          ? ['outsiderNamesake', ...made.truth.errors]
          : made.truth.errors;
    return {
      row: made.row,
      truth: { ...made.truth, trueNhsNumber: '', inRegister: false, errors },
    };
  };

  for await (const person of people) {
    if (rowsLeft === 0) {
      break;
    }
    if (person.invalidated === true) {
      continue;
    }
    const selected = rng.float() * peopleLeft < rowsLeft;
    peopleLeft -= 1;
    if (!selected) {
      continue;
    }
    while (outsidersLeft > 0 && rng.float() * (outsidersLeft + rowsLeft) < outsidersLeft) {
      yield outsider();
    }
    const first = next(person);
    rowsLeft -= 1;
    yield first;
    if (rowsLeft > 0 && (rowsLeft > peopleLeft || rng.chance(rates.duplicateRow))) {
      rowsLeft -= 1;
      yield next(person, first.truth.reference);
    }
  }
  while (outsidersLeft > 0) {
    yield outsider();
  }
}
