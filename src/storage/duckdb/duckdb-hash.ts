/**
 * DuckDB's `hash()` of VARCHAR and INTEGER values, in TypeScript, so a trace can hash its
 * requests' keys as the index hashed the register's (in SQL, `hash(kind, value, …)`) without
 * staging them in DuckDB at every chunk. It follows DuckDB 1.5's `HashBytes` (blocks of eight
 * bytes, little-endian, multiplied in), `MurmurHash64` (the finaliser, also the hash of an
 * integer) and the combination of a row's values (the running hash folded and multiplied,
 * then XORed with the next value's); a NULL value hashes to DuckDB's constant. The 64-bit
 * arithmetic is done in 32-bit halves: `BigInt` would allocate at every step.
 *
 * Held equal to DuckDB by a property test, and checked against the open database when an index
 * is opened (`checkKeyHash`): a DuckDB whose hash differs is refused rather than looked up
 * with keys that can never meet.
 */
import { isAscii, utf8Bytes } from '../../matching/string/utf8.js';

/** A value hashed as DuckDB does: text as VARCHAR, a number as INTEGER, `null` as NULL. */
export type HashedValue = string | number | null;

/** A 64-bit hash as its high and low 32 bits (unsigned), as the keys files hold keys. */
export interface KeyHash {
  high: number;
  low: number;
}

const MUL_HIGH = 0xd6e8feb8;
const MUL_LOW = 0x6659fd93;
const LENGTH_HIGH = 0xc6a4a793;
const LENGTH_LOW = 0x5bd1e995;
const SEED_LOW = 0xe17a1465;
const NULL_HIGH = 0xbf58476d;
const NULL_LOW = 0x1ce4e5b9;

/** The running hash: high and low halves (module state, so no object is made per step). */
let high = 0;
let low = 0;

/** `(high, low) *= (bHigh, bLow)`, modulo 2^64. */
function multiply(bHigh: number, bLow: number): void {
  const a0 = low & 0xffff;
  const a1 = low >>> 16;
  const b0 = bLow & 0xffff;
  const b1 = bLow >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const middle = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const carry = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (middle >>> 16);
  const nextHigh = (carry + Math.imul(high, bLow) + Math.imul(low, bHigh)) >>> 0;
  low = Math.imul(low, bLow) >>> 0;
  high = nextHigh;
}

/** DuckDB's `MurmurHash64` finaliser of the running hash. */
function finalise(): void {
  low = (low ^ high) >>> 0;
  multiply(MUL_HIGH, MUL_LOW);
  low = (low ^ high) >>> 0;
  multiply(MUL_HIGH, MUL_LOW);
  low = (low ^ high) >>> 0;
}

/** The running hash becomes DuckDB's hash of `text` (`HashBytes` of its UTF-8 bytes). */
function hashText(text: string): void {
  // Normalised values are ASCII: their characters are their bytes, and nothing is encoded.
  const bytes = isAscii(text) ? undefined : utf8Bytes(text);
  const length = bytes === undefined ? text.length : bytes.length;
  high = 0;
  low = length;
  multiply(LENGTH_HIGH, LENGTH_LOW);
  low = (low ^ SEED_LOW) >>> 0;
  for (let at = 0; at < length; at += 8) {
    const end = Math.min(at + 8, length);
    let blockLow = 0;
    let blockHigh = 0;
    for (let i = end - 1; i >= at; i -= 1) {
      const byte = bytes === undefined ? text.charCodeAt(i) : (bytes[i] ?? 0);
      if (i - at >= 4) {
        blockHigh = (blockHigh << 8) | byte;
      } else {
        blockLow = (blockLow << 8) | byte;
      }
    }
    high = (high ^ blockHigh) >>> 0;
    low = (low ^ blockLow) >>> 0;
    multiply(MUL_HIGH, MUL_LOW);
  }
  finalise();
}

/** The running hash becomes DuckDB's hash of one value. */
function hashValue(value: HashedValue): void {
  if (value === null) {
    high = NULL_HIGH;
    low = NULL_LOW;
  } else if (typeof value === 'number') {
    // An INTEGER: `MurmurHash64` of its 32 bits, unsigned.
    high = 0;
    low = value >>> 0;
    finalise();
  } else {
    hashText(value);
  }
}

/**
 * DuckDB's `hash(first, …rest)` of a row of values, written into `into`.
 * @param first - the first value (the key's kind or rule id)
 * @param rest - the other values, in order
 * @param into - receives the hash's high and low 32 bits
 */
export function duckDbHash(
  first: HashedValue,
  rest: readonly HashedValue[],
  into: KeyHash,
): KeyHash {
  startHash(first, into);
  for (const value of rest) {
    combineHash(into, value, into);
  }
  return into;
}

/**
 * DuckDB's `hash(first)` of one value, written into `into`: the start of a row's hash, which
 * {@link combineHash} extends a value at a time.
 * @param first - the value
 * @param into - receives the hash's high and low 32 bits
 */
export function startHash(first: HashedValue, into: KeyHash): KeyHash {
  hashValue(first);
  into.high = high;
  into.low = low;
  return into;
}

/**
 * The hash of a row one value longer: `duckDbHash(first, [...rest, value])` from `row`, the
 * hash of `first, …rest` (DuckDB's `CombineHash`: the running hash folded and multiplied, then
 * XORed with the value's). Rows that share their first values (one rule's keys) can then hash
 * those once.
 * @param row - the hash of the row so far
 * @param value - the next value
 * @param into - receives the longer row's hash (may be `row` itself)
 */
export function combineHash(row: KeyHash, value: HashedValue, into: KeyHash): KeyHash {
  high = row.high;
  low = (row.low ^ row.high) >>> 0;
  multiply(MUL_HIGH, MUL_LOW);
  const foldedHigh = high;
  const foldedLow = low;
  hashValue(value);
  into.high = (foldedHigh ^ high) >>> 0;
  into.low = (foldedLow ^ low) >>> 0;
  return into;
}

/** A value as a SQL literal of the type the index hashes it as. */
function literal(value: HashedValue): string {
  if (value === null) {
    return 'NULL::VARCHAR';
  }
  return typeof value === 'number'
    ? `CAST(${String(value)} AS INTEGER)`
    : `'${value.replaceAll("'", "''")}'`;
}

/**
 * The SQL of DuckDB's hashes of `rows` (each `hash(values…)`), split as the keys files split
 * keys: `(i, high, low)` in row order.
 * @param rows - rows of values, each with at least one value
 */
export function duckDbHashSql(rows: readonly (readonly HashedValue[])[]): string {
  const selects = rows.map((values, i) => {
    const key = `hash(${values.map(literal).join(', ')})`;
    return `SELECT ${String(i)} AS i, CAST(${key} >> 32 AS UINTEGER) AS high, CAST(${key} % 4294967296 AS UINTEGER) AS low`;
  });
  return `${selects.join(' UNION ALL ')} ORDER BY i`;
}

/** Keys of each kind the index hashes (numbers, names with dates, rule keys, non-ASCII, NULL). */
const PROBES: readonly (readonly HashedValue[])[] = [
  ['n', '9434765919'],
  ['d', 'SMITH', '19700101'],
  ['y', "O'NEILL", 1970],
  ['given-family-phonetic-year', 'ÉLODIE-ŁUKASZ', 'ABCDEFGHIJKLMNOPQRSTU', 'S530'],
  ['postcode', null, ''],
];

/**
 * Refuses a DuckDB whose `hash()` is not {@link duckDbHash}'s: a trace hashes its requests' keys
 * in TypeScript and looks them up among keys the index hashed in SQL, so a different hash would
 * find no candidates at all. The hashes of a few probe keys are compared.
 * @param read - runs a query and returns its rows as `[i, high, low]`
 * @throws when any probe differs, naming the DuckDB build to pin
 */
export async function checkKeyHash(
  read: (sql: string) => Promise<readonly (readonly unknown[])[]>,
): Promise<void> {
  const rows = await read(duckDbHashSql(PROBES));
  const into: KeyHash = { high: 0, low: 0 };
  PROBES.forEach(([first = null, ...rest], i) => {
    duckDbHash(first, rest, into);
    const row = rows[i];
    if (row === undefined || Number(row[1]) !== into.high || Number(row[2]) !== into.low) {
      throw new Error(
        "this DuckDB's hash() differs from the one the trace's key look-ups follow (DuckDB 1.5); " +
          'install the pinned @duckdb/node-api (npm ci)',
      );
    }
  });
}
