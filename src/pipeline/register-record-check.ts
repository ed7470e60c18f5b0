import type { RegisterPerson } from '../core/person.js';
import { nulPath } from '../core/nul-character.js';
import { fail, type Result } from '../core/result.js';
import { fromFhirPatient } from '../formats/fhir-patient.js';
import { fromRegisterCsvRow } from '../formats/register-csv.js';

/**
 * One record as read from a file, before it is checked: an NDJSON line, a CSV row, or a CSV row
 * the parser could not split. Plain data, so it can be sent to a worker thread.
 */
export type RawRecord =
  | { readonly kind: 'ndjson'; readonly line: number; readonly text: string }
  | { readonly kind: 'csv'; readonly line: number; readonly row: Readonly<Record<string, string>> }
  | { readonly kind: 'unreadable'; readonly line: number; readonly reason: string };

/** One record of a register file, read and checked. `line` is 1-based (CSV: the header is 1). */
export interface SourceRecord {
  readonly line: number;
  readonly result: Result<RegisterPerson>;
}

/** Why a record holding U+0000 is refused, after the field's path. */
const NUL_REASON =
  'holds a NUL character (U+0000), which no register store can keep; remove it from the source';

/** Refuses a record holding U+0000: PostgreSQL cannot store it, and it is never a real value. */
const nulIssue = (path: string): Result<RegisterPerson> =>
  fail({ code: 'nul-character', message: `${path}: ${NUL_REASON}`, path });

/**
 * Parses one NDJSON line as a FHIR Patient.
 * @param text - the line
 */
export function checkNdjson(text: string): Result<RegisterPerson> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // V8's message may quote the line ("Smith" is not valid JSON): keep only the position.
    const at = error instanceof SyntaxError ? /position (\d+)/.exec(error.message)?.[1] : undefined;
    const where = at === undefined ? '' : ` (at character ${Number(at) + 1})`;
    return fail({ code: 'invalid-json', message: `not valid JSON${where}`, path: 'line' });
  }
  // JSON writes U+0000 as an escape; only a line holding one is searched.
  const nul = text.includes('\\u0000') ? nulPath(json) : undefined;
  return nul === undefined ? fromFhirPatient(json) : nulIssue(nul === '' ? 'line' : nul);
}

/** Checks one register CSV row. */
function checkCsv(row: Readonly<Record<string, string>>): Result<RegisterPerson> {
  for (const [column, value] of Object.entries(row)) {
    if (value.includes('\u0000')) {
      return nulIssue(column);
    }
  }
  return fromRegisterCsvRow(row);
}

/**
 * Checks one raw record: a FHIR Patient (NDJSON) or a register CSV row becomes a register person
 * or the issues that name the field at fault. Pure and synchronous, so it runs the same on the
 * main thread and in the parsing workers.
 * @param raw - the record as read
 */
export function checkRawRecord(raw: RawRecord): SourceRecord {
  switch (raw.kind) {
    case 'ndjson':
      return { line: raw.line, result: checkNdjson(raw.text) };
    case 'csv':
      return { line: raw.line, result: checkCsv(raw.row) };
    case 'unreadable':
      return {
        line: raw.line,
        result: fail({ code: 'csv-row', message: raw.reason, path: 'row' }),
      };
  }
}
