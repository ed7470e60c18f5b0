import type { Gender, PersonAddress, RegisterPerson } from '../../core/person.js';
import type { Rng } from './rng.js';

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
  readonly #given = new Map<Gender, string[]>();
  readonly #family: string[] = [];
  readonly #birthDates: string[] = [];
  readonly #addresses: PersonAddress[] = [];
  readonly #gpCodes: string[] = [];
  readonly #nhsNumbers: string[] = [];
  readonly #keys = new Set<number>();

  constructor(rng: Rng) {
    this.#rng = rng;
  }

  /** Adds one register person to the samples and the key set. */
  observe(person: RegisterPerson): void {
    this.#seen += 1;
    const slot = this.#seen <= POOL_SIZE ? this.#seen - 1 : this.#rng.int(0, this.#seen - 1);
    for (const name of person.names) {
      this.#keys.add(personKey(name.family, name.given[0] ?? '', person.birthDate));
    }
    if (slot >= POOL_SIZE) {
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
  }

  /** A register person's NHS Number, drawn from the sample. */
  randomNhsNumber(): string {
    return this.#nhsNumbers.length > 0 ? this.#rng.pick(this.#nhsNumbers) : '';
  }

  /** Number of people observed. */
  get size(): number {
    return this.#seen;
  }

  /** True when someone in the register has this family name, first given name and birth date. */
  hasKey(family: string, given: string, birthDate: string): boolean {
    return this.#keys.has(personKey(family, given, birthDate));
  }

  /**
   * A plausible person who is not in the register: values drawn independently from the samples,
   * the birth day moved, and redrawn while the name and birth date belong to a register person.
   * @param nhsNumber - a number to fill the required field; the caller never exports it
   */
  outsider(nhsNumber: RegisterPerson['nhsNumber']): RegisterPerson {
    const rng = this.#rng;
    for (;;) {
      const gender: Gender = rng.chance(0.5) ? 'male' : 'female';
      const givenPool = this.#given.get(gender) ?? this.#given.get('unknown') ?? [];
      const given = givenPool.length > 0 ? rng.pick(givenPool) : 'Alex';
      const family = this.#family.length > 0 ? rng.pick(this.#family) : 'Smith';
      const base = this.#birthDates.length > 0 ? rng.pick(this.#birthDates) : '1970-06-15';
      const birthDate = `${base.slice(0, 8)}${String(rng.int(1, 28)).padStart(2, '0')}`;
      if (this.hasKey(family, given, birthDate)) {
        continue;
      }
      const address = this.#addresses.length > 0 ? rng.pick(this.#addresses) : undefined;
      const gp = this.#gpCodes.length > 0 ? rng.pick(this.#gpCodes) : undefined;
      return {
        nhsNumber,
        verificationStatus: '01',
        names: [{ use: 'usual', given: [given], family }],
        gender,
        birthDate,
        addresses: address === undefined ? [] : [{ ...address, use: 'home' }],
        ...(gp === undefined ? {} : { gpOdsCode: gp }),
        restricted: false,
        supersededNhsNumbers: [],
      };
    }
  }
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
