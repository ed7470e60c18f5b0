import { open, readFile, rename, rm } from 'node:fs/promises';
import { z } from 'zod';
import { fail, ok, type Result } from '../core/result.js';
import type { ColumnMapping } from '../formats/column-mapping.js';
import type { DecisionThresholds } from '../matching/index.js';
import { zodIssues } from '../formats/zod-issues.js';
import type { CleansingRole } from './trace-cleansing.js';
import type { SinkPosition } from './trace-output.js';
import type { TraceCountsJson } from './trace-report.js';

/** The format tag of a checkpoint file. */
export const CHECKPOINT_FORMAT = 'nhs-trace-checkpoint/1';

/**
 * What must be the same for a run to continue another's files: the job (response path and
 * request contents, `traceJobId`) and every option that changes a byte of the output.
 */
export interface TraceJobSettings {
  readonly job: string;
  /** The model given (by version), or the seed a model was trained with. */
  readonly model: { readonly given: string } | { readonly trainedWithSeed: number };
  /** The column mapping as `[request column, CSV column]` pairs, or `null` for PDS MESH. */
  readonly mapping: readonly (readonly [string, string])[] | null;
  readonly dateFormat: string;
  readonly thresholds: DecisionThresholds | null;
  /** The deterministic cascade alone (no scoring). */
  readonly cascadeOnly: boolean;
}

/** The files a checkpoint records a position for: the response and the cleansing files. */
export type CheckpointFile = 'response' | CleansingRole;

/**
 * A trace run's state after a whole chunk was written, saved as `RESPONSE.checkpoint.json`:
 * enough to continue the run in a new process and write exactly the bytes an uninterrupted run
 * writes. No patient data: counts and file lengths only.
 */
export interface TraceCheckpoint {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly settings: TraceJobSettings;
  /** The reference day of the first start (a resumed run keeps it, even on a later day). */
  readonly today: string | null;
  /** The first start's time (the report's `startedAt`). */
  readonly startedAt: string;
  /** The version of the model traced with (a trained one is saved as `RESPONSE.model.json.partial`). */
  readonly modelVersion: string;
  /** Current people in the register when the run started. */
  readonly registerPeople: number;
  /** Data rows traced and written. */
  readonly rows: number;
  /** Seconds spent tracing so far, over every run of the job. */
  readonly seconds: number;
  /** Each `.partial` file's length and rows at this point. */
  readonly files: Readonly<Record<CheckpointFile, SinkPosition>>;
  /** The counts so far (`countsToJson`; checked by `countsFromJson` when restored). */
  readonly counts: TraceCountsJson | Readonly<Record<string, unknown>>;
}

/**
 * The settings that identify a job, in a fixed order so that two can be compared as JSON. The
 * seed is kept only when the model is trained (with a given model it changes nothing).
 * @param parts - the job id and the run's options that change its output
 */
export function jobSettings(parts: {
  readonly job: string;
  readonly givenModelVersion: string | undefined;
  readonly seed: number;
  readonly mapping: ColumnMapping | undefined;
  readonly dateFormat: string;
  readonly thresholds: DecisionThresholds | undefined;
  readonly cascadeOnly: boolean;
}): TraceJobSettings {
  const { thresholds } = parts;
  return {
    job: parts.job,
    model:
      parts.givenModelVersion === undefined
        ? { trainedWithSeed: parts.seed }
        : { given: parts.givenModelVersion },
    mapping: parts.mapping === undefined ? null : [...parts.mapping.entries()],
    dateFormat: parts.dateFormat,
    thresholds:
      thresholds === undefined
        ? null
        : {
            matchProbability: thresholds.matchProbability,
            reviewProbability: thresholds.reviewProbability,
            minimumMargin: thresholds.minimumMargin,
          },
    cascadeOnly: parts.cascadeOnly,
  };
}

/**
 * Which setting differs between two jobs (`job` first), or `undefined` when they are the same.
 * @param a - the checkpoint's settings
 * @param b - this run's settings
 */
export function settingsDiffer(a: TraceJobSettings, b: TraceJobSettings): string | undefined {
  const keys = ['job', 'model', 'mapping', 'dateFormat', 'thresholds', 'cascadeOnly'] as const;
  return keys.find((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}

/**
 * The checkpoint file of a response: `RESPONSE.checkpoint.json` beside it (the `.csv` suffix of
 * the response is dropped first, as for the other files of a run).
 * @param outPath - the response file path
 */
export function checkpointPath(outPath: string): string {
  return `${outPath.replace(/\.csv$/i, '')}.checkpoint.json`;
}

/**
 * Writes a checkpoint atomically and durably: to `PATH.partial`, forced to disk, then renamed,
 * so the file under its name is always a whole checkpoint (the old one or the new one).
 * @param path - the checkpoint path
 * @param checkpoint - the state to save
 */
export async function writeCheckpoint(path: string, checkpoint: TraceCheckpoint): Promise<void> {
  const partial = `${path}.partial`;
  const handle = await open(partial, 'w');
  try {
    await handle.writeFile(`${JSON.stringify(checkpoint)}\n`, 'utf8');
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(partial, path);
}

/**
 * Deletes a checkpoint (after the run's files were renamed, or when a run starts afresh).
 * @param path - the checkpoint path
 */
export async function removeCheckpoint(path: string): Promise<void> {
  await rm(path, { force: true });
  await rm(`${path}.partial`, { force: true });
}

const count = z.number().int().nonnegative();
const position = z.strictObject({ bytes: count, rows: count });
const schema = z.strictObject({
  format: z.literal(CHECKPOINT_FORMAT),
  settings: z.strictObject({
    job: z.string().regex(/^[0-9a-f]{16}$/),
    model: z.union([
      z.strictObject({ given: z.string() }),
      z.strictObject({ trainedWithSeed: count }),
    ]),
    mapping: z.array(z.tuple([z.string(), z.string()])).nullable(),
    dateFormat: z.string(),
    thresholds: z
      .strictObject({
        matchProbability: z.number(),
        reviewProbability: z.number(),
        minimumMargin: z.number(),
      })
      .nullable(),
    cascadeOnly: z.boolean(),
  }),
  today: z.string().nullable(),
  startedAt: z.string(),
  modelVersion: z.string(),
  registerPeople: count,
  rows: count,
  seconds: z.number().nonnegative(),
  files: z.strictObject({
    response: position,
    unmatched: position,
    conflicts: position,
    duplicates: position,
    load: position,
  }),
  counts: z.looseObject({ format: z.string() }),
});

/**
 * Reads a checkpoint. Fails as a value: `missing` (no file: the usual fresh start), `unreadable`
 * or `invalid` (not JSON, or not a checkpoint of this format; the counts are checked when they
 * are restored with `countsFromJson`).
 * @param path - the checkpoint path
 */
export async function readCheckpoint(path: string): Promise<Result<TraceCheckpoint>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? fail({ code: 'missing', path, message: `${path}: no checkpoint` })
      : fail({ code: 'unreadable', path, message: `${path}: cannot read (${code ?? 'error'})` });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail({ code: 'invalid', path, message: `${path}: not JSON` });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    return fail(
      ...issues.map((i) => ({ code: 'invalid', path, message: `${path}: ${i.message}` })),
    );
  }
  return ok(parsed.data);
}
