import type { Origin } from '../data/family-names.js';
import { reservoirSlot } from '../reservoir-slot.js';
import type { Rng } from '../rng.js';
import type { Member } from './members.js';
import type { Sex } from './names.js';

/** The name and birth date of someone already generated, and their town. */
export interface NameDobTemplate {
  readonly origin: Origin;
  readonly sex: Sex;
  readonly birthDay: number;
  readonly forename: string;
  readonly family: string;
  readonly town: number;
}

/**
 * A fixed-size uniform sample (reservoir sampling, Algorithm R) of the adults generated so far,
 * from which a new household head can take the forename, family name and birth date of someone in
 * another town: the "same name, same birthday, different person" case tracing must not merge.
 * Memory is constant (512 entries) however large the population.
 */
export class NameDobReservoir {
  readonly #entries: NameDobTemplate[] = [];
  #seen = 0;
  readonly #size: number;

  /** @param size - how many templates to keep; 512 by default */
  constructor(size = 512) {
    this.#size = size;
  }

  /**
   * Offers an adult to the sample.
   * @param rng - the random source
   * @param member - the adult
   * @param town - the index of the adult's town
   */
  offer(rng: Rng, member: Member, town: number): void {
    const forename = member.given[0];
    if (forename === undefined) {
      return;
    }
    const entry = {
      origin: member.origin,
      sex: member.sex,
      birthDay: member.birthDay,
      forename,
      family: member.family,
      town,
    };
    this.#seen += 1;
    const slot = reservoirSlot(rng, this.#seen, this.#size);
    if (slot !== undefined) {
      this.#entries[slot] = entry;
    }
  }

  /**
   * A sampled adult from a town other than `town`, or undefined when the draw lands on the same town
   * (or the sample is empty).
   * @param rng - the random source
   * @param town - the index of the town the new person lives in
   */
  fromAnotherTown(rng: Rng, town: number): NameDobTemplate | undefined {
    if (this.#entries.length === 0) {
      return undefined;
    }
    const entry = this.#entries[rng.int(0, this.#entries.length - 1)];
    return entry !== undefined && entry.town !== town ? entry : undefined;
  }
}
