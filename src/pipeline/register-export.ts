import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { toFhirPatient } from '../formats/fhir-patient.js';
import { REGISTER_CSV_COLUMNS, toRegisterCsvRow } from '../formats/register-csv.js';
import type { RegisterStore } from '../storage/register-store.js';

/** Formats `register export` writes. */
export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;

/** A format `register export` writes: FHIR NDJSON (Bulk Data) or the register CSV. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Writes text, waiting when the destination asks it to (so memory stays flat). */
async function put(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) {
    await once(out, 'drain');
  }
}

/**
 * Streams every current person out of a store, ordered by NHS Number: one FHIR Patient per line
 * (`ndjson`), or `register.csv` rows under a header (`csv`). The output re-imports to the same
 * register.
 * @param store - the register
 * @param format - `ndjson` or `csv`
 * @param out - where to write (a file or stdout); not ended here
 * @returns the number of people written
 */
export async function exportRegister(
  store: RegisterStore,
  format: ExportFormat,
  out: Writable,
): Promise<number> {
  let count = 0;
  let chunk = '';
  if (format === 'csv') {
    chunk = stringify([[...REGISTER_CSV_COLUMNS]]);
  }
  for await (const person of store.exportPeople()) {
    count += 1;
    if (format === 'ndjson') {
      chunk += `${JSON.stringify(toFhirPatient(person))}\n`;
    } else {
      const row = toRegisterCsvRow(person);
      chunk += stringify([REGISTER_CSV_COLUMNS.map((c) => row[c])]);
    }
    if (chunk.length >= 1 << 16) {
      await put(out, chunk);
      chunk = '';
    }
  }
  if (chunk !== '') {
    await put(out, chunk);
  }
  return count;
}
