import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { toFhirPatient } from '../formats/fhir-patient.js';
import { fixturePerson, testNhsNumber } from '../storage/test-support/register-people.js';
import { checkNdjsonRun, decodeLine, wholeLineRuns } from './register-ndjson-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'ndjson-lines-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function runsOf(text: string, readBytes: number): Promise<Buffer[]> {
  const file = join(dir, `f-${Math.random().toString(36).slice(2)}.ndjson`);
  writeFileSync(file, text);
  const runs: Buffer[] = [];
  for await (const run of wholeLineRuns(file, () => undefined, readBytes)) {
    runs.push(Buffer.from(run));
  }
  return runs;
}

describe('wholeLineRuns', () => {
  test.prop([
    fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 12 }),
    fc.boolean(),
    fc.integer({ min: 1, max: 9 }),
  ])(
    'gives the file back whole, every run but the last ending a line, any character intact',
    async (lines, finalNewline, readBytes) => {
      const text = lines.join('\n') + (finalNewline && lines.length > 0 ? '\n' : '');
      const runs = await runsOf(text, readBytes);
      expect(Buffer.concat(runs).toString('utf8')).toBe(text);
      for (const run of runs.slice(0, -1)) {
        expect(run.at(-1)).toBe(0x0a);
      }
      // Each run decodes on its own to its part of the text: no character is cut in two.
      expect(runs.map((run) => run.toString('utf8')).join('')).toBe(text);
    },
  );

  it('keeps a two-byte letter whole when it straddles two reads', async () => {
    const runs = await runsOf('{"given":"Zoë"}\n{"given":"Zoë"}\n', 12);
    expect(runs.map((r) => r.toString('utf8'))).toEqual(['{"given":"Zoë"}\n', '{"given":"Zoë"}\n']);
  });
});

describe('decodeLine', () => {
  it('decodes ASCII and UTF-8 lines alike', () => {
    const buffer = Buffer.from('Smith\nZoë Ó Súilleabháin\n', 'utf8');
    expect(decodeLine(buffer, 0, 5)).toBe('Smith');
    expect(decodeLine(buffer, 6, buffer.length - 1)).toBe('Zoë Ó Súilleabháin');
  });
});

describe('checkNdjsonRun', () => {
  const person = fixturePerson(testNhsNumber(0), {
    names: [{ use: 'usual', given: ['Zoë'], family: 'Ó Súilleabháin' }],
  });
  const line = JSON.stringify(toFhirPatient(person));

  it('numbers lines within the run, blank ones included, and serialises valid people', () => {
    const run = checkNdjsonRun(Buffer.from(`${line}\n\n  \n{bad\r\n${line}`, 'utf8'));
    expect(run).toMatchObject({ lines: 5, records: 3 });
    expect(run.docs.map((doc) => JSON.parse(doc) as unknown)).toEqual([person, person]);
    expect(run.rejects).toEqual([
      { line: 4, issues: [expect.objectContaining({ code: 'invalid-json', path: 'line' })] },
    ]);
  });

  it('counts a run ending in a newline without an extra empty line', () => {
    expect(checkNdjsonRun(Buffer.from(`${line}\n${line}\n`, 'utf8'))).toMatchObject({
      lines: 2,
      records: 2,
    });
  });
});
