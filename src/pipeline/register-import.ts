import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { ImportSummary, RegisterStore } from '../storage/register-store.js';
import { ParsePool } from './register-parse-pool.js';
import type { RejectSink } from './register-rejects.js';
import {
  RegisterFileError,
  detectRegisterFormat,
  readRegisterBatches,
  type RegisterFileFormat,
} from './register-source.js';

/** Progress of an import, for a progress bar: bytes and records, never record contents. */
export interface ImportProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly records: number;
  readonly rejected: number;
  /** `reading` while files are read; `committing` while the store applies the import. */
  readonly phase: 'reading' | 'committing';
}

/** Options of {@link importRegisterFiles}. */
export interface ImportRegisterOptions {
  /** FHIR NDJSON or register CSV files, imported together as one atomic import. */
  readonly files: readonly string[];
  readonly store: RegisterStore;
  /** Where bad records are reported; the rest still loads. */
  readonly rejects: RejectSink;
  /** Called as the import goes (at most once per 64 KiB read, and at the end of each phase). */
  readonly onProgress?: (progress: ImportProgress) => void;
  /** People handed to the store at a time. Default 10,000. */
  readonly batchSize?: number;
  /**
   * Worker threads that parse and check records; 0 checks them on the main thread. Default
   * {@link defaultImportWorkers}.
   */
  readonly workers?: number;
}

/** What one file held. */
export interface FileImportReport {
  readonly file: string;
  readonly format: RegisterFileFormat;
  readonly records: number;
  readonly rejected: number;
}

/** The outcome of an import: per-file counts and what the store changed. */
export interface ImportRegisterResult {
  readonly files: readonly FileImportReport[];
  readonly records: number;
  readonly rejected: number;
  readonly summary: ImportSummary;
}

/**
 * Parsing threads when the caller does not say: one per core, at most 4, and none on a single
 * core (the main thread then parses). On 2 cores, 2 workers beside the main thread and DuckDB
 * imported 1,000,000 people in 19 s against 27 s on the main thread (docs/register.md).
 */
export function defaultImportWorkers(): number {
  const cores = availableParallelism();
  return cores > 1 ? Math.min(4, cores) : 0;
}

async function checkFiles(files: readonly string[]): Promise<number> {
  let total = 0;
  for (const file of files) {
    const info = await stat(file).catch((error: unknown) => {
      throw new RegisterFileError(file, 'cannot read the file (missing or no permission)', {
        cause: error,
      });
    });
    if (!info.isFile()) {
      throw new RegisterFileError(file, 'not a file');
    }
    total += info.size;
  }
  return total;
}

/**
 * Imports register files into a store as ONE atomic import: every file is read and checked
 * record by record, valid people are staged in order, bad records go to `rejects` (file, line,
 * field, reason), and the store applies everything in one transaction at the end. If any file
 * cannot be read, nothing is applied and a {@link RegisterFileError} is thrown. A process killed
 * before the end leaves the store as it was.
 * @param options - files, store, rejects sink and progress callback
 * @example
 * const result = await importRegisterFiles({ files: ['register.ndjson'], store, rejects });
 */
export async function importRegisterFiles(
  options: ImportRegisterOptions,
): Promise<ImportRegisterResult> {
  const { store, rejects } = options;
  const batchSize = options.batchSize ?? 10_000;
  const totalBytes = await checkFiles(options.files);
  let bytesRead = 0;
  let reported = 0;
  let records = 0;
  let rejected = 0;
  const report = (phase: ImportProgress['phase']): void => {
    options.onProgress?.({ bytesRead, totalBytes, records, rejected, phase });
  };
  const onBytes = (bytes: number): void => {
    bytesRead += bytes;
  };
  const workers = options.workers ?? defaultImportWorkers();
  const pool = workers > 0 ? new ParsePool(workers) : undefined;
  const session = await store.beginImport();
  try {
    const reports: FileImportReport[] = [];
    let batch: string[] = [];
    for (const file of options.files) {
      const format = await detectRegisterFormat(file);
      const before = { records, rejected };
      for await (const checked of readRegisterBatches(file, format, onBytes, pool)) {
        records += checked.records;
        batch.push(...checked.docs);
        if (batch.length >= batchSize) {
          await session.addJson(batch);
          batch = [];
        }
        rejected += checked.rejects.length;
        for (const { line, issues } of checked.rejects) {
          for (const issue of issues) {
            await rejects.write({
              file,
              line,
              field: issue.path ?? 'record',
              code: issue.code,
              reason: issue.message,
            });
          }
        }
        if (bytesRead - reported >= 65_536) {
          reported = bytesRead;
          report('reading');
        }
      }
      reports.push({
        file,
        format,
        records: records - before.records,
        rejected: rejected - before.rejected,
      });
    }
    await session.addJson(batch);
    report('reading');
    report('committing');
    const summary = await session.commit();
    return { files: reports, records, rejected, summary };
  } catch (error) {
    await session.rollback();
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
      throw new RegisterFileError(options.files.join(', '), `read failed (${error.code})`, {
        cause: error,
      });
    }
    throw error;
  } finally {
    await pool?.close();
  }
}
