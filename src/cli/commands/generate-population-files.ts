import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { csvLine } from '../../formats/csv-line.js';
import { toFhirPatient } from '../../formats/fhir-patient.js';
import { REGISTER_CSV_COLUMNS, toRegisterCsvRow } from '../../formats/register-csv.js';
import { generatePopulation } from '../../synthetic/population/generate-population.js';
import { CliError } from '../exit-codes.js';

/** The FHIR NDJSON file `generate population` writes. */
export const REGISTER_NDJSON_FILE = 'register.ndjson';
/** The register CSV file `generate population` writes. */
export const REGISTER_CSV_FILE = 'register.csv';

/** People serialised per write: large enough to amortise stream calls, small enough to stay flat. */
const BATCH = 128;

/** What to write, and where. */
export interface PopulationFilesOptions {
  readonly people: number;
  readonly seed: number;
  readonly outDir: string;
}

async function write(stream: WriteStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) {
    await once(stream, 'drain');
  }
}

async function close(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

function fileError(path: string, error: unknown): CliError {
  const reason = error instanceof Error ? error.message : String(error);
  return new CliError(`${path}: cannot write (${reason})`, undefined, { cause: error });
}

/**
 * Streams a generated population to `outDir/register.ndjson` (one FHIR R4 Patient per line, Bulk
 * Data style) and `outDir/register.csv` (the register CSV, with a header row), in batches, so
 * memory stays flat however many people. Each file is written under a `.partial` name and
 * renamed when complete, so a failed run never leaves a half file that looks finished.
 * @param options - how many people, the seed and the output folder
 * @returns how many people were written
 * @throws CliError when the folder or a file cannot be written
 */
export async function writePopulationFiles(options: PopulationFilesOptions): Promise<number> {
  const ndjsonPath = join(options.outDir, REGISTER_NDJSON_FILE);
  const csvPath = join(options.outDir, REGISTER_CSV_FILE);
  try {
    await mkdir(options.outDir, { recursive: true });
  } catch (error) {
    throw fileError(options.outDir, error);
  }
  const ndjson = createWriteStream(`${ndjsonPath}.partial`);
  const csv = createWriteStream(`${csvPath}.partial`);
  const failed = Promise.race([once(ndjson, 'error'), once(csv, 'error')]);
  const run = async (): Promise<number> => {
    await write(csv, csvLine(REGISTER_CSV_COLUMNS));
    let json: string[] = [];
    let rows: string[] = [];
    let count = 0;
    const flush = async (): Promise<void> => {
      await write(ndjson, json.join(''));
      await write(csv, rows.join(''));
      json = [];
      rows = [];
    };
    for (const person of generatePopulation({ people: options.people, seed: options.seed })) {
      json.push(`${JSON.stringify(toFhirPatient(person))}\n`);
      const row = toRegisterCsvRow(person);
      rows.push(csvLine(REGISTER_CSV_COLUMNS.map((column) => row[column])));
      count += 1;
      if (json.length === BATCH) {
        await flush();
      }
    }
    await flush();
    await Promise.all([close(ndjson), close(csv)]);
    return count;
  };
  try {
    const count = await Promise.race([
      run(),
      failed.then(([error]: unknown[]) =>
        Promise.reject(error instanceof Error ? error : new Error(String(error))),
      ),
    ]);
    await rename(`${ndjsonPath}.partial`, ndjsonPath);
    await rename(`${csvPath}.partial`, csvPath);
    return count;
  } catch (error) {
    ndjson.destroy();
    csv.destroy();
    await rm(`${ndjsonPath}.partial`, { force: true });
    await rm(`${csvPath}.partial`, { force: true });
    throw error instanceof CliError ? error : fileError(options.outDir, error);
  }
}
