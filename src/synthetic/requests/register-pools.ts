import type { Gender, PersonAddress, RegisterPerson } from '../../core/person.js';
import { reservoirSlot } from '../reservoir-slot.js';
import type { Rng } from '../rng.js';

const POOL_SIZE = 5000;

/**
 * Samples of the register's values (given names by gender, family names, birth dates,
 * addresses, GP practices), kept by reservoir sampling while the register streams past, plus a
 * compact set of name-and-birth-date keys. People who are not in the register are made by
 * recombining these values, and the key set makes sure such a person is not, by chance, someone
 * who is.
 */
export class RegisterPools {
  readonly #rng: Rng;
  #seen = 0;
  #targets = 0;
  readonly #given = new Map<Gender, string[]>();
  readonly #family: string[] = [];
  readonly #birthDates: string[] = [];
  readonly #addresses: PersonAddress[] = [];
  readonly #gpCodes: string[] = [];
  readonly #nhsNumbers: string[] = [];
  readonly #people: RegisterPerson[] = [];
  readonly #keys = new Set<number>();

  constructor(rng: Rng) {
    this.#rng = rng;
  }

  /** Adds one register person to the samples and the key set. */
  observe(person: RegisterPerson): void {
    this.#seen += 1;
    this.#targets += person.invalidated === true ? 0 : 1;
    const slot = reservoirSlot(this.#rng, this.#seen, POOL_SIZE);
    for (const name of person.names) {
      this.#keys.add(personKey(name.family, name.given[0] ?? '', person.birthDate));
    }
    if (slot === undefined) {
      return;
    }
    const name = person.names[0];
    const given = this.#given.get(person.gender) ?? [];
    this.#given.set(person.gender, given);
    setSlot(given, slot, name?.given[0]);
    setSlot(this.#family, slot, name?.family);
    setSlot(this.#birthDates, slot, person.birthDate);
    setSlot(this.#addresses, slot, person.addresses[0]);
    setSlot(this.#gpCodes, slot, person.gpOdsCode);
    setSlot(this.#nhsNumbers, slot, person.nhsNumber);
    setSlot(this.#people, slot, person);
  }

  /** A register person's NHS Number, drawn from the sample. */
  randomNhsNumber(): string {
    return this.#nhsNumbers.length > 0 ? this.#rng.pick(this.#nhsNumbers) : '';
  }

  /** Number of people observed. */
  get size(): number {
    return this.#seen;
  }

  /** Number of people observed that requests may describe: all but invalidated records. */
  get targets(): number {
    return this.#targets;
  }

  /** True when someone in the register has this family name, first given name and birth date. */
  hasKey(family: string, given: string, birthDate: string): boolean {
    return this.#keys.has(personKey(family, given, birthDate));
  }

  /**
   * A plausible person who is not in the register, of one of three kinds:
   * - `stranger`: values drawn independently from the samples, the birth day moved;
   * - `relative`: a sampled register person's family name, address and practice, with another
   *   given name and a birth date up to 30 years away (a household member who is not registered);
   * - `namesake`: a sampled register person's given and family name and sex, born in another
   *   year, living elsewhere.
   * Relatives and namesakes are the people a matcher is most likely to mistake for someone in the
   * register. Whatever the kind, the person is redrawn while their family name, first given name
   * and birth date belong to anyone in the register.
   * @param kind - which kind of outsider
   * @param nhsNumber - a number to fill the required field; the caller never exports it
   */
  outsider(kind: OutsiderKind, nhsNumber: RegisterPerson['nhsNumber']): RegisterPerson {
    const rng = this.#rng;
    for (;;) {
      const model = this.#people.length > 0 ? rng.pick(this.#people) : undefined;
      const made =
        model === undefined || kind === 'stranger'
          ? this.#stranger()
          : kind === 'relative'
            ? this.#relative(model)
            : this.#namesake(model);
      const given = made.given;
      if (this.hasKey(made.family, given, made.birthDate)) {
        continue;
      }
      return {
        nhsNumber,
        verificationStatus: '01',
        names: [{ use: 'usual', given: [given], family: made.family }],
        gender: made.gender,
        birthDate: made.birthDate,
        addresses: made.address === undefined ? [] : [{ ...made.address, use: 'home' }],
        ...(made.gp === undefined ? {} : { gpOdsCode: made.gp }),
        restricted: false,
        supersededNhsNumbers: [],
      };
    }
  }

  #stranger(): OutsiderValues {
    const rng = this.#rng;
    const gender: Gender = rng.chance(0.5) ? 'male' : 'female';
    const base = this.#birthDates.length > 0 ? rng.pick(this.#birthDates) : '1970-06-15';
    return {
      gender,
      given: this.#givenName(gender),
      family: this.#family.length > 0 ? rng.pick(this.#family) : 'Smith',
      birthDate: `${base.slice(0, 8)}${String(rng.int(1, 28)).padStart(2, '0')}`,
      address: this.#addresses.length > 0 ? rng.pick(this.#addresses) : undefined,
      gp: this.#gpCodes.length > 0 ? rng.pick(this.#gpCodes) : undefined,
    };
  }

  #relative(model: RegisterPerson): OutsiderValues {
    const rng = this.#rng;
    const gender: Gender = rng.chance(0.5) ? 'male' : 'female';
    const year = Number(model.birthDate.slice(0, 4)) + rng.int(-30, 30);
    return {
      gender,
      given: this.#givenName(gender),
      family: model.names[0]?.family ?? 'Smith',
      birthDate: randomDate(Math.min(year, 2025), rng),
      address: model.addresses[0],
      gp: model.gpOdsCode,
    };
  }

  #namesake(model: RegisterPerson): OutsiderValues {
    const rng = this.#rng;
    const shift = rng.int(1, 10) * (rng.chance(0.5) ? 1 : -1);
    const year = Math.min(Number(model.birthDate.slice(0, 4)) + shift, 2025);
    return {
      gender: model.gender,
      given: model.names[0]?.given[0] ?? 'Alex',
      family: model.names[0]?.family ?? 'Smith',
      birthDate: randomDate(year, rng),
      address: this.#addresses.length > 0 ? rng.pick(this.#addresses) : undefined,
      gp: this.#gpCodes.length > 0 ? rng.pick(this.#gpCodes) : undefined,
    };
  }

  #givenName(gender: Gender): string {
    const pool = this.#given.get(gender) ?? [];
    return pool.length > 0 ? this.#rng.pick(pool) : 'Alex';
  }
}

/** The kinds of people not in the register; see {@link RegisterPools.outsider}. */
export type OutsiderKind = 'stranger' | 'relative' | 'namesake';

interface OutsiderValues {
  readonly gender: Gender;
  readonly given: string;
  readonly family: string;
  readonly birthDate: string;
  readonly address: PersonAddress | undefined;
  readonly gp: string | undefined;
}

function randomDate(year: number, rng: Rng): string {
  const month = rng.int(1, 12);
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
}

function setSlot<T>(pool: T[], slot: number, value: T | undefined): void {
  if (value !== undefined) {
    pool[Math.min(slot, pool.length)] = value;
  }
}

/** FNV-1a over the upper-cased key: 32 bits, so a set of 10 million keys stays small. */
function personKey(family: string, given: string, birthDate: string): number {
  const text = `${family}|${given}|${birthDate}`.toUpperCase();
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}
