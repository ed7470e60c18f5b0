import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { toFhirPatient } from '../formats/fhir-patient.js';
import { REGISTER_CSV_COLUMNS, toRegisterCsvRow } from '../formats/register-csv.js';
import { MemoryRegisterStore } from '../storage/memory/memory-register-store.js';
import { allPeople } from '../storage/register-store-ops.js';
import { fixturePerson, testNhsNumber as n } from '../storage/test-support/register-people.js';
import { importRegisterFiles } from './register-import.js';
import { rejectsCsvFile } from './register-rejects.js';
import { RegisterFileError, detectRegisterFormat } from './register-source.js';

const dir = mkdtempSync(join(tmpdir(), 'nhs-trace-import-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const fhirLine = (i: number): string => JSON.stringify(toFhirPatient(fixturePerson(n(i))));

function csvText(rows: string[][]): string {
  return stringify([[...REGISTER_CSV_COLUMNS], ...rows]);
}

const csvRow = (i: number): string[] => {
  const row = toRegisterCsvRow(fixturePerson(n(i)));
  return REGISTER_CSV_COLUMNS.map((c) => row[c]);
};

async function run(files: string[], store = new MemoryRegisterStore(), workers = 0) {
  const rejectsPath = join(dir, `rejects-${Math.random().toString(36).slice(2)}.csv`);
  const rejects = rejectsCsvFile(rejectsPath);
  const result = await importRegisterFiles({ files, store, rejects, workers });
  await rejects.close();
  const rejectRows = existsSync(rejectsPath)
    ? readFileSync(rejectsPath, 'utf8').trim().split('\n')
    : [];
  return { result, store, rejectRows };
}

describe('importRegisterFiles', () => {
  it('loads good NDJSON lines and reports each bad one by file, line and field', async () => {
    const bad = JSON.parse(fhirLine(3)) as { birthDate: string };
    bad.birthDate = '1956-13-01';
    const file = write(
      'mixed.ndjson',
      [
        fhirLine(0),
        '{not json',
        '',
        JSON.stringify(bad),
        fhirLine(1),
        '{"resourceType":"Observation"}',
      ]
        .join('\n')
        .concat('\n'),
    );
    const { result, store, rejectRows } = await run([file]);
    expect(result).toMatchObject({ records: 5, rejected: 3 });
    expect(result.summary).toMatchObject({ inserted: 2, people: 2 });
    expect(await allPeople(store)).toEqual([fixturePerson(n(0)), fixturePerson(n(1))]);
    expect(rejectRows[0]).toBe('file,line,field,code,reason');
    expect(rejectRows[1]).toMatch(new RegExp(`^${file},2,line,invalid-json,`));
    expect(rejectRows[2]).toBe(
      `${file},4,birthDate,invalid_format,"birthDate: must be a date YYYY-MM-DD (or YYYY-MM, YYYY)"`,
    );
    expect(rejectRows.slice(3).every((r) => r.startsWith(`${file},6,`))).toBe(true);
    expect(rejectRows.some((r) => r.startsWith(`${file},6,resourceType,`))).toBe(true);
  });

  it('never copies the content of an unreadable line into the rejects file', async () => {
    const file = write('names.ndjson', 'Homer Simpson\n{"family": Flanders}\n');
    const { rejectRows } = await run([file]);
    expect(rejectRows.slice(1)).toEqual([
      `${file},1,line,invalid-json,not valid JSON`,
      `${file},2,line,invalid-json,not valid JSON`,
    ]);
  });

  it('loads register CSV, rejecting rows with a bad field or the wrong number of cells', async () => {
    const badDate = csvRow(2);
    badDate[REGISTER_CSV_COLUMNS.indexOf('birth_date')] = 'yesterday';
    const text = `${csvText([csvRow(0), badDate, csvRow(1)])}short,row\n`;
    const { result, store, rejectRows } = await run([write('register.csv', text)]);
    expect(result).toMatchObject({ records: 4, rejected: 2 });
    expect(await store.count()).toBe(2);
    expect(rejectRows[1]).toMatch(/,3,birth_date,invalid_format,/);
    expect(rejectRows[2]).toMatch(/,5,row,csv-row,/);
  });

  it('rejects a record holding a NUL character by its field, and loads the rest', async () => {
    const nul = toFhirPatient(
      fixturePerson(n(2), { names: [{ use: 'usual', given: ['Ma\u0000rge'], family: 'Simpson' }] }),
    );
    const literal = toFhirPatient(
      fixturePerson(n(3), {
        addresses: [{ use: 'home', lines: ['1 \\u0000 Road'], postalCode: 'LS1 6AE' }], // a backslash
      }),
    );
    const ndjson = write(
      'nul.ndjson',
      [fhirLine(0), JSON.stringify(nul), JSON.stringify(literal)].join('\n'),
    );
    const badCell = csvRow(4);
    badCell[REGISTER_CSV_COLUMNS.indexOf('family_name')] = 'Sim\u0000pson';
    const csv = write('nul.csv', csvText([csvRow(5), badCell]));
    const { result, store, rejectRows } = await run([ndjson, csv]);
    expect(result).toMatchObject({ records: 5, rejected: 2 });
    expect((await allPeople(store)).map((p) => p.nhsNumber).sort()).toEqual(
      [n(0), n(3), n(5)].sort(),
    );
    expect(rejectRows.slice(1)).toEqual([
      `${ndjson},2,name.0.given.0,nul-character,"name.0.given.0: holds a NUL character (U+0000), which no register store can keep; remove it from the source"`,
      `${csv},3,family_name,nul-character,"family_name: holds a NUL character (U+0000), which no register store can keep; remove it from the source"`,
    ]);
  });

  it('imports several files as one import, the later file winning', async () => {
    const first = write('first.ndjson', `${fhirLine(0)}\n`);
    const updated = toFhirPatient(fixturePerson(n(0), { gender: 'other' }));
    const second = write('second.data', `${JSON.stringify(updated)}\n`);
    expect(await detectRegisterFormat(second)).toBe('ndjson');
    const { result, store } = await run([first, second]);
    expect(result.files.map((f) => f.format)).toEqual(['ndjson', 'ndjson']);
    expect((await store.getByNhsNumber(n(0)))?.gender).toBe('other');
  });

  it('keeps a letter whole that straddles two reads of the file (it came out as two U+FFFD)', async () => {
    const person = fixturePerson(n(0), {
      names: [{ use: 'usual', given: ['Zoë'], family: 'Smith' }],
    });
    const line = JSON.stringify(toFhirPatient(person));
    // Blank padding puts the first byte of ë last in the first 1 MiB read, its second byte first
    // in the next.
    const before = Buffer.byteLength(line.slice(0, line.indexOf('ë')));
    const padding = `${' '.repeat(1024 * 1024 - before - 2)}\n`;
    const file = write('straddle.ndjson', `${padding}${line}\n`);
    for (const workers of [0, 1]) {
      const { result, store } = await run([file], new MemoryRegisterStore(), workers);
      expect(result).toMatchObject({ records: 1, rejected: 0 });
      expect(await allPeople(store)).toEqual([person]);
    }
  });

  it('checks records on worker threads with the same results, in the same order', async () => {
    // Over 4 MiB: several reads, spread over both workers.
    const lines = Array.from({ length: 7000 }, (_, i) => (i % 7 === 3 ? '{bad' : fhirLine(i)));
    const file = write('many.ndjson', `${lines.join('\n')}\n`);
    const inline = await run([file]);
    const pooled = await run([file], new MemoryRegisterStore(), 2);
    expect(pooled.result).toEqual(inline.result);
    expect(pooled.rejectRows).toEqual(inline.rejectRows);
    expect(await allPeople(pooled.store)).toEqual(await allPeople(inline.store));
  });

  it('changes nothing when a file cannot be read', async () => {
    const store = new MemoryRegisterStore();
    const good = write('good.ndjson', `${fhirLine(0)}\n`);
    await expect(run([good, join(dir, 'missing.ndjson')], store)).rejects.toThrow(
      RegisterFileError,
    );
    const noHeader = write('other.csv', 'a,b\n1,2\n');
    await expect(run([good, noHeader], store)).rejects.toThrow(/no nhs_number column/);
    expect(await store.count()).toBe(0);
  });
});
