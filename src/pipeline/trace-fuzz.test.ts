import { fc, test } from '@fast-check/vitest';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROW_ERROR_CODES } from '../formats/pds-mesh-request-types.js';
import { defaultModel } from '../matching/index.js';
import { inMemoryBackend } from './trace-backend.js';
import { versionModel } from './trace-model.js';
import { traceRegisterFrom, type TraceRegister } from './trace-register.js';
import { runTrace } from './trace-run.js';
import {
  buildRequestFile,
  FUZZ_HEADERS,
  requestLine,
} from './test-support/request-file-arbitraries.js';
import { TRACE_REGISTER } from './test-support/trace-fixtures.js';

/**
 * End-to-end fuzzing of `runTrace`: malformed request files never stop a run, every data row is
 * answered exactly once and in order, and a file that is not a request file is refused as a
 * value (the CLI turns that into exit code 2). One register and one fixed model serve every run,
 * so no run trains.
 */

let folder = '';
let register: TraceRegister;
const model = versionModel(defaultModel(), false);
let runs = 0;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-fuzz-'));
  register = traceRegisterFrom(TRACE_REGISTER);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Traces bytes as a request file in a folder of its own; returns the result and that folder. */
async function traceBytes(bytes: Buffer) {
  runs += 1;
  const dir = join(folder, `run-${runs}`);
  await mkdir(dir);
  const requestPath = join(dir, 'requests.csv');
  await writeFile(requestPath, bytes);
  const result = await runTrace(() => Promise.resolve(inMemoryBackend(register)), {
    requestPath,
    outPath: join(dir, 'response.csv'),
    model,
    startedAt: '2026-01-01T00:00:00.000Z',
    today: '2026-01-01',
  });
  return { result, dir, requestPath };
}

/** The response file of a run, as rows keyed by column name. */
async function responseRows(dir: string): Promise<Record<string, string>[]> {
  return parse<Record<string, string>>(await readFile(join(dir, 'response.csv'), 'utf8'), {
    columns: true,
  });
}

const CODES = new Set<string>(['00', '90', '91', '92', '96', '97', '98', ...ROW_ERROR_CODES]);
const OUTCOMES = new Set([
  'matched',
  'review',
  'multiple',
  'no-match',
  'not-enough-data',
  'invalid',
]);

describe('trace fuzzing (end to end)', () => {
  const style = fc.record({ bom: fc.boolean(), quoted: fc.boolean() });
  test.prop([fc.constantFrom(...FUZZ_HEADERS), style, fc.array(requestLine, { maxLength: 25 })], {
    numRuns: 40,
  })(
    'malformed rows are answered one for one, in order, with their error code; the run completes',
    async (header, headerStyle, lines) => {
      const built = buildRequestFile(header, headerStyle, lines);
      const { result, dir } = await traceBytes(built.bytes);
      expect(result.success).toBe(true);
      if (!result.success) {
        return;
      }
      const { report } = result.data;
      const response = await responseRows(dir);
      expect(response).toHaveLength(built.rows.length);
      expect(report.rows).toBe(built.rows.length);
      response.forEach((r, i) => {
        const code = r['ERROR/SUCCESS_CODE'] ?? '';
        expect(CODES).toContain(code);
        expect(OUTCOMES).toContain(r['TRACE_OUTCOME']);
        const rowError = (ROW_ERROR_CODES as readonly string[]).includes(code) && code !== '96';
        expect(r['TRACE_OUTCOME'] === 'invalid').toBe(rowError);
        const forced = built.rows[i];
        if (forced !== undefined) {
          expect(code).toBe(forced);
        }
      });
      const scored = report.weights.bins.reduce((s, b) => s + b.total, 0);
      const unscored = Object.values(report.weights.unscored).reduce((s, v) => s + v, 0);
      expect(scored + unscored).toBe(report.rows);
      expect(report.profile.rows).toBe(report.rows);
      const html = await readFile(join(dir, 'response.report.html'), 'utf8');
      expect(html).not.toMatch(/<script/i);
      expect((await readdir(dir)).filter((f) => f.endsWith('.partial'))).toEqual([]);
      await rm(dir, { recursive: true, force: true });
    },
  );

  test.prop(
    [
      fc.uint8Array({ maxLength: 300 }),
      fc.array(fc.constantFrom('\n', '\r\n', '"', ',', '\u0000'), { maxLength: 5 }),
    ],
    { numRuns: 15 },
  )(
    'random bytes after a valid header never throw, and every data row is answered',
    async (body, sprinkle) => {
      const bytes = Buffer.concat([
        Buffer.from(`${FUZZ_HEADERS[1]?.join(',') ?? ''}\n`),
        Buffer.from(body),
        Buffer.from(sprinkle.join('')),
      ]);
      const { result, dir } = await traceBytes(bytes);
      expect(result.success).toBe(true);
      if (result.success) {
        const response = await responseRows(dir);
        expect(response).toHaveLength(result.data.report.rows);
        expect(response.every((r) => CODES.has(r['ERROR/SUCCESS_CODE'] ?? ''))).toBe(true);
      }
      await rm(dir, { recursive: true, force: true });
    },
  );

  const notRequest = fc.oneof(
    fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
    fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v))),
    fc
      .array(fc.constantFrom('NAME', 'DOB', 'SURNAME', 'id', 'x', '"q"', ''), { maxLength: 8 })
      .map((h) => Buffer.from(`${h.join(',')}\nA,B,C\n`)),
    fc.string({ maxLength: 40 }).map((s) => Buffer.from(`UNIQUE REFERENCE,${s}`, 'utf16le')),
  );

  test.prop([notRequest], { numRuns: 25 })(
    'a file that is not a request file is refused with a message naming it, and nothing is written',
    async (bytes) => {
      fc.pre(
        !bytes.toString('latin1').toUpperCase().includes('UNIQUE REFERENCE') || bytes.includes(0),
      );
      const { result, dir, requestPath } = await traceBytes(bytes);
      expect(result.success).toBe(false);
      if (!result.success) {
        expect(result.issues[0]?.message).toContain(requestPath);
      }
      expect(await readdir(dir)).toEqual(['requests.csv']);
      await rm(dir, { recursive: true, force: true });
    },
  );

  it('answers a record too long to read with 01 and stops there, without throwing', async () => {
    const header = FUZZ_HEADERS[1]?.join(',') ?? '';
    const bytes = Buffer.from(
      `${header}\nR1,,Simpson,Homer,1,19560512,LS1 6AE\nR2,"${'x'.repeat(1_100_000)}\nR3,,Simpson\n`,
    );
    const { result, dir } = await traceBytes(bytes);
    expect(result.success).toBe(true);
    const response = await responseRows(dir);
    expect(response.map((r) => r['ERROR/SUCCESS_CODE'])).toEqual(['00', '01']);
  });
});
