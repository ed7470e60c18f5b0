import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import type { RegisterPerson } from '../core/person.js';
import { fail, ok, type Result } from '../core/result.js';
import { fromFhirPatient } from '../formats/fhir-patient.js';
import type { MatchInput } from '../matching/index.js';
import type { TruthRow } from './accuracy.js';
import { matchInputFromRequestRow } from './in-memory-request.js';
import { openRequestFile } from './request-source.js';

/**
 * Reads a FHIR Patient NDJSON register (`generate population` output) into memory. Lines that
 * are not valid Patients are counted, not fatal.
 * @param path - register.ndjson
 */
export async function readRegisterNdjson(
  path: string,
): Promise<{ people: RegisterPerson[]; rejected: number }> {
  const people: RegisterPerson[] = [];
  let rejected = 0;
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') {
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      rejected += 1;
      continue;
    }
    const person = fromFhirPatient(json);
    if (person.success) {
      people.push(person.data);
    } else {
      rejected += 1;
    }
  }
  return { people, rejected };
}

/**
 * Reads the generator's ground-truth CSV (`UNIQUE REFERENCE`, `TRUE_NHS_NO`, `IN_REGISTER`,
 * `DUPLICATE_OF`, `ERRORS`). Only the accuracy report reads it, never training.
 * @param path - ground-truth.csv
 */
export async function readGroundTruth(path: string): Promise<TruthRow[]> {
  const rows: TruthRow[] = [];
  const parser = createReadStream(path).pipe(parse({ columns: true, skip_empty_lines: true }));
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    const errors = record['ERRORS'] ?? '';
    rows.push({
      reference: record['UNIQUE REFERENCE'] ?? '',
      trueNhsNumber: record['TRUE_NHS_NO'] ?? '',
      inRegister: record['IN_REGISTER'] === 'Y',
      errors: errors === '' ? [] : errors.split(';'),
    });
  }
  return rows;
}

/** A request row ready to trace, or rejected by the row checks (never traced). */
export interface RequestInput {
  readonly reference: string;
  /** The matcher's fields; absent when the row failed the PDS MESH checks. */
  readonly input?: MatchInput;
  /** The PDS MESH error code of a rejected row. */
  readonly errorCode?: string;
}

/**
 * Reads a PDS MESH request CSV with the request-file reader (`openRequestFile`): each row is
 * checked as PDS would, and rows that pass become {@link MatchInput}s.
 * @param path - requests.csv
 */
export async function readRequestInputs(path: string): Promise<Result<RequestInput[]>> {
  const source = await openRequestFile(path);
  if (!source.success) {
    return source;
  }
  const inputs: RequestInput[] = [];
  for await (const row of source.data.rows()) {
    const reference = row.row['UNIQUE REFERENCE'].trim();
    if (row.result.success) {
      inputs.push({ reference, input: matchInputFromRequestRow(row.row) });
    } else {
      inputs.push({ reference, errorCode: row.result.issues[0]?.code ?? '01' });
    }
  }
  if (source.data.stats.stoppedAtLine !== null) {
    return fail({
      code: 'unreadable',
      path,
      message: `${path}: unreadable from line ${source.data.stats.stoppedAtLine}`,
    });
  }
  return ok(inputs);
}
