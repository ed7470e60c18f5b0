import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildMatchRecord, type MatchRecord } from '../../matching/index.js';
import { RecordEncoder } from '../../matching/record-encoder.js';
import { matchDocsHome, matchDocsPath, openMatchDocs } from './match-docs.js';

let dir: string;
let register: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'match-docs-'));
  register = join(dir, 'register.duckdb');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const FIRST = buildMatchRecord({
  nhsNumber: '9000210348',
  givenNames: 'Zoë',
  familyName: 'Ó Briain',
  birthDate: '1984-10-29',
  postcode: 'DE1 5DS',
});
const EMPTY = buildMatchRecord({});

/**
 * Documents of various sizes and scripts, one bigger than the write and read buffers (an NHS
 * Number that is not ten digits is written in place).
 */
const DOCS: readonly (readonly [MatchRecord, string])[] = [
  [FIRST, '{"name":"Zoë Ó Briain"}'],
  [EMPTY, '{}'],
  [{ ...EMPTY, nhsNumber: '1'.repeat(5 << 20) }, '{"emoji":"🙂"}'],
  [buildMatchRecord({ givenNames: 'Łucja', familyName: 'Łódź' }), '{"p":"Łódź"}'],
];

/** The records' bytes as the file's encoder writes them, and the encoder after them. */
function encoded(): { bytes: Buffer[]; encoder: RecordEncoder } {
  const encoder = new RecordEncoder();
  return { bytes: DOCS.map(([record]) => Buffer.from(encoder.encode(record))), encoder };
}

function write(stamp: string): void {
  const writer = matchDocsHome(register, {}).writer();
  for (const [record, person] of DOCS) {
    writer.add(record, person);
  }
  writer.finish(stamp);
}

describe('match documents in a file', () => {
  it('reads back every document by position, under the stamp it was written with', () => {
    write('v6|stamp');
    const docs = openMatchDocs(matchDocsPath(register), 'v6|stamp');
    expect(docs?.people).toBe(DOCS.length);
    DOCS.forEach(([record, person], rid) => {
      expect(docs?.record(rid)).toStrictEqual(record);
      expect(docs?.person(rid)).toBe(person);
    });
    expect(() => docs?.record(DOCS.length)).toThrow(/no match document at position 4/);
    expect(() => docs?.person(-1)).toThrow(/no match document at position -1/);
    docs?.close();
    expect(readdirSync(dir)).toEqual(['register.duckdb.match-docs']);
  });

  it('keeps the records together, ahead of the demographics', () => {
    write('v8|stamp');
    const file = readFileSync(matchDocsPath(register) ?? '');
    const records = Buffer.concat(encoded().bytes);
    const people = Buffer.from(DOCS.map(([, person]) => person).join(''));
    expect(file.subarray(0, 8).toString('latin1')).toBe('NHSDOCS3');
    expect(file.subarray(8, 8 + records.length + people.length)).toEqual(
      Buffer.concat([records, people]),
    );
  });

  it('is not used under another stamp, when missing, cut short or not a documents file', () => {
    const path = matchDocsPath(register) ?? '';
    expect(openMatchDocs(path, 'v6|stamp')).toBeUndefined();
    write('v6|stamp');
    expect(openMatchDocs(path, 'v6|other')).toBeUndefined();
    const whole = readFileSync(path);
    truncateSync(path, whole.length - 1);
    expect(openMatchDocs(path, 'v6|stamp')).toBeUndefined();
    writeFileSync(path, Buffer.concat([Buffer.from('x'), whole]));
    expect(openMatchDocs(path, 'v6|stamp')).toBeUndefined();
    // The table of shared values damaged in place (same length).
    const trailer = whole.length - 40;
    const table = whole.readDoubleLE(trailer) + whole.readDoubleLE(trailer + 8) * 8;
    expect(whole.toString('latin1', table, table + 1)).toBe('[');
    const damaged = Buffer.from(whole);
    damaged.write('{', table, 'latin1');
    writeFileSync(path, damaged);
    expect(openMatchDocs(path, 'v6|stamp')).toBeUndefined();
    writeFileSync(path, 'NHSDOCS1 not documents');
    expect(openMatchDocs(path, 'v6|stamp')).toBeUndefined();
  });

  it('warms the page cache by reading the file through, and stops when closed', async () => {
    write('v6|stamp');
    const docs = openMatchDocs(matchDocsPath(register), 'v6|stamp');
    await docs?.warm();
    expect(docs?.record(2).nhsNumber?.length).toBe(5 << 20);
    docs?.close();
    const again = openMatchDocs(matchDocsPath(register), 'v6|stamp');
    const warming = again?.warm();
    again?.close();
    await expect(warming).resolves.toBeUndefined();
    expect(matchDocsHome(':memory:', {}).open('none')).toBeUndefined();
  });

  it('keeps the records in memory once warmed, when they fit the budget', async () => {
    write('v6|stamp');
    const path = matchDocsPath(register) ?? '';
    const warmed = openMatchDocs(path, 'v6|stamp');
    const cold = openMatchDocs(path, 'v6|stamp');
    await warmed?.warm();
    await cold?.warm(0);
    // The first record's bytes change on disk (same length): only the cold handle sees it.
    const { bytes: before, encoder } = encoded();
    const after = Buffer.from(encoder.encode({ ...FIRST, nhsNumber: '9000210356' }));
    expect(after.length).toBe(before[0]?.length);
    const bytes = readFileSync(path);
    after.copy(bytes, 'NHSDOCS3'.length);
    writeFileSync(path, bytes);
    expect(warmed?.record(0)).toStrictEqual(FIRST);
    expect(cold?.record(0).nhsNumber).toBe('9000210356');
    DOCS.forEach(([record], rid) => {
      expect(warmed?.record(rid)).toStrictEqual(record);
    });
    expect(warmed?.person(1)).toBe('{}');
    expect(() => warmed?.record(DOCS.length)).toThrow(RangeError);
    expect(() => warmed?.record(-1)).toThrow(RangeError);
    warmed?.close();
    cold?.close();
  });

  it('leaves the published file as it was when a build is abandoned', () => {
    write('v6|first');
    const writer = matchDocsHome(register, {}).writer();
    writer.add(EMPTY, '{}');
    writer.abandon();
    writer.abandon();
    expect(readdirSync(dir)).toEqual(['register.duckdb.match-docs']);
    const docs = openMatchDocs(matchDocsPath(register), 'v6|first');
    expect(docs?.record(0)).toStrictEqual(FIRST);
    docs?.close();
  });
});

describe('match documents of a :memory: register', () => {
  it('are kept per register handle, under their stamp', () => {
    const owner = {};
    const home = matchDocsHome(':memory:', owner);
    const writer = home.writer();
    writer.add(FIRST, '{"p":0}');
    writer.finish('s1');
    expect(home.open('s1')?.person(0)).toBe('{"p":0}');
    expect(home.open('s2')).toBeUndefined();
    expect(matchDocsHome(':memory:', {}).open('s1')).toBeUndefined();
    expect(matchDocsHome(':memory:', owner).open('s1')?.record(0)).toStrictEqual(FIRST);
    expect(matchDocsPath(':memory:')).toBeUndefined();
  });
});
