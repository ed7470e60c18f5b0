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

/** Documents of various sizes and scripts, one bigger than the write and read buffers. */
const DOCS: readonly (readonly [string, string])[] = [
  ['{"a":1}', '{"name":"Zoë Ó Briain"}'],
  ['', '{}'],
  ['{"big":"' + 'x'.repeat(5 << 20) + '"}', '{"emoji":"🙂"}'],
  ['{"last":true}', '{"p":"Łódź"}'],
];

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
      expect(docs?.record(rid)).toBe(record);
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
    const records = DOCS.map(([record]) => record).join('');
    const people = DOCS.map(([, person]) => person).join('');
    expect(file.subarray(0, 8).toString('latin1')).toBe('NHSDOCS2');
    expect(
      file.toString('utf8', 8, 8 + Buffer.byteLength(records) + Buffer.byteLength(people)),
    ).toBe(records + people);
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
    writeFileSync(path, 'NHSDOCS1 not documents');
    expect(openMatchDocs(path, 'v6|stamp')).toBeUndefined();
  });

  it('warms the page cache by reading the file through, and stops when closed', async () => {
    write('v6|stamp');
    const docs = openMatchDocs(matchDocsPath(register), 'v6|stamp');
    await docs?.warm();
    expect(docs?.record(2).length).toBeGreaterThan(5 << 20);
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
    const bytes = readFileSync(path);
    bytes.write('{"b":2}', 'NHSDOCS2'.length, 'utf8');
    writeFileSync(path, bytes);
    expect(warmed?.record(0)).toBe('{"a":1}');
    expect(cold?.record(0)).toBe('{"b":2}');
    expect(DOCS.map((_, rid) => warmed?.record(rid).length)).toEqual(DOCS.map(([r]) => r.length));
    expect(warmed?.person(1)).toBe('{}');
    expect(() => warmed?.record(DOCS.length)).toThrow(RangeError);
    expect(() => warmed?.record(-1)).toThrow(RangeError);
    warmed?.close();
    cold?.close();
  });

  it('leaves the published file as it was when a build is abandoned', () => {
    write('v6|first');
    const writer = matchDocsHome(register, {}).writer();
    writer.add('{"new":1}', '{}');
    writer.abandon();
    writer.abandon();
    expect(readdirSync(dir)).toEqual(['register.duckdb.match-docs']);
    const docs = openMatchDocs(matchDocsPath(register), 'v6|first');
    expect(docs?.record(0)).toBe('{"a":1}');
    docs?.close();
  });
});

describe('match documents of a :memory: register', () => {
  it('are kept per register handle, under their stamp', () => {
    const owner = {};
    const home = matchDocsHome(':memory:', owner);
    const writer = home.writer();
    writer.add('{"r":0}', '{"p":0}');
    writer.finish('s1');
    expect(home.open('s1')?.person(0)).toBe('{"p":0}');
    expect(home.open('s2')).toBeUndefined();
    expect(matchDocsHome(':memory:', {}).open('s1')).toBeUndefined();
    expect(matchDocsHome(':memory:', owner).open('s1')?.record(0)).toBe('{"r":0}');
    expect(matchDocsPath(':memory:')).toBeUndefined();
  });
});
