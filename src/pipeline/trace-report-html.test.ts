import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModel } from '../matching/index.js';
import { inMemoryBackend } from './trace-backend.js';
import { versionModel } from './trace-model.js';
import { traceRegisterFrom } from './trace-register.js';
import { traceReportHtml } from './trace-report-html.js';
import type { TraceReport } from './trace-report.js';
import { runTrace } from './trace-run.js';
import { TRACE_REGISTER, traceRequestFile } from './test-support/trace-fixtures.js';

let folder = '';
let report: TraceReport;
let html = '';
let requestCells: Record<string, string>[] = [];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-report-html-'));
  const bytes = traceRequestFile();
  await writeFile(join(folder, 'requests.csv'), bytes);
  requestCells = parse(bytes.toString('utf8'), { columns: true, relax_column_count: true });
  const run = await runTrace(
    () => Promise.resolve(inMemoryBackend(traceRegisterFrom(TRACE_REGISTER))),
    {
      requestPath: join(folder, 'requests.csv'),
      outPath: join(folder, 'response.csv'),
      model: versionModel(defaultModel(), false),
      startedAt: '2026-01-01T00:00:00.000Z',
      today: '2026-01-01',
    },
  );
  if (!run.success) {
    throw new Error(run.issues[0]?.message);
  }
  report = run.data.report;
  html = await readFile(join(folder, 'response.report.html'), 'utf8');
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every value of the given request columns in the fixture file, as sent and in other spellings. */
function patientValues(columns: readonly string[]): string[] {
  const values = requestCells.flatMap((row) => columns.map((c) => (row[c] ?? '').trim()));
  const spelled = values.flatMap((v) => {
    const date = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
    const out = [v, v.toUpperCase()];
    if (date !== null) {
      out.push(`${date[1]}-${date[2]}-${date[3]}`, `${date[3]}/${date[2]}/${date[1]}`);
    }
    if (/^\d{10}$/.test(v)) {
      out.push(`${v.slice(0, 3)} ${v.slice(3, 6)} ${v.slice(6)}`);
    }
    return out;
  });
  return [...new Set(spelled)].filter((v) => v.length >= 3);
}

describe('the HTML trace report', () => {
  it('is written beside the JSON and listed among the run’s files', () => {
    expect(report.files['html']).toBe('response.report.html');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<svg');
  });

  it('holds no name, date of birth, postcode, address or NHS Number of the request file', async () => {
    const values = patientValues([
      'NHS_NO',
      'FAMILY_NAME',
      'GIVEN_NAME',
      'DATE_OF_BIRTH',
      'POSTCODE',
      'ADDRESS_LINE1',
      'LOCAL_PATIENT_ID',
    ]);
    expect(values).toEqual(expect.arrayContaining(['Simpson', 'LS1 6AE', '1956-05-12']));
    const found = values.filter((v) => new RegExp(`(^|\\W)${escapeRegExp(v)}(\\W|$)`).test(html));
    expect(found).toEqual([]);
    expect(html).not.toMatch(/\d{10}/);
    const json = await readFile(join(folder, 'response.report.json'), 'utf8');
    expect(values.filter((v) => json.includes(`"${v}"`))).toEqual([]);
  });

  it('needs nothing from outside the page and runs no script', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import/i);
    expect(html.match(/https?:\/\/[^"\s]*/g)).toEqual(['http://www.w3.org/2000/svg']);
  });

  it('has a histogram whose bins and unscored rows add up to every traced row', () => {
    const { bins, unscored } = report.weights;
    const scored = bins.reduce((sum, b) => sum + b.total, 0);
    const none = Object.values(unscored).reduce((sum, n) => sum + n, 0);
    expect(scored + none).toBe(report.rows);
    for (const bin of bins) {
      expect(Object.values(bin.outcomes).reduce((s, n) => s + n, 0)).toBe(bin.total);
      expect(bin.to - bin.from).toBe(report.weights.binBits);
    }
    const bars = [...html.matchAll(/<title>-?\d+ to -?\d+ bits: (\d+) [a-z-]+<\/title>/g)];
    expect(bars.reduce((sum, m) => sum + Number(m[1]), 0)).toBe(scored);
    expect(html).toContain('review threshold 0.0 bits');
    expect(html).toContain('match threshold 10.0 bits');
  });

  it('shows outcomes, reasons, the data-quality profile and row errors in plain English', () => {
    for (const text of [
      'Sent to review',
      'The best candidate has a possible twin in the register',
      'No one in the register shares enough details to be a candidate',
      'GENDER is not a valid code',
      'The row has fewer cells than the header',
      '1 January (often stands for an unknown date)',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toMatch(/<td>NHS_NO<\/td>/);
    expect(html).toMatch(/<td>POSTCODE<\/td>/);
  });

  it('escapes every text it shows', () => {
    const hostile = '<script>alert("x")</script>&\'.csv';
    const page = traceReportHtml({
      ...report,
      input: hostile,
      model: { ...report.model, name: '<b>model</b>' },
      files: { response: '"><img src=x>.csv' },
    });
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<b>model');
    expect(page).not.toContain('<img');
    expect(page).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#38;&#39;.csv');
  });
});
