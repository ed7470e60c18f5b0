import { open, readFile, stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fail, ok, type Result } from '../core/result.js';
import type { ColumnMapping } from '../formats/column-mapping.js';
import { parseModel, type DecisionThresholds } from '../matching/index.js';
import { readFirstHolders, type CleansingResume } from './trace-cleansing.js';
import {
  CHECKPOINT_FORMAT,
  checkpointPath,
  jobSettings,
  readCheckpoint,
  removeCheckpoint,
  settingsDiffer,
  writeCheckpoint,
  type CheckpointFile,
  type TraceCheckpoint,
  type TraceJobSettings,
} from './trace-checkpoint.js';
import { traceJobId } from './trace-job.js';
import { versionModel, type VersionedModel } from './trace-model.js';
import type { SinkPosition } from './trace-output.js';
import { countsFromJson, countsToJson, type TraceCounts } from './trace-report.js';

/** An interrupted run that this run continues from its last checkpoint. */
export interface TraceResume {
  /** The job's id (`traceJobId`), checked against the request file. */
  readonly job: string;
  readonly checkpoint: TraceCheckpoint;
  /** The counts at the checkpoint, restored. */
  readonly counts: TraceCounts;
  /** The model the interrupted run trained and saved; `undefined` when it was given (or none). */
  readonly trainedModel: VersionedModel | undefined;
  /** Where the response file is continued from. */
  readonly response: SinkPosition;
  /** Where the cleansing files are continued from, and the duplicate state rebuilt. */
  readonly cleansing: CleansingResume;
}

/** The options of a trace run that decide its output (a subset of `TraceRunOptions`). */
export interface ResumeOptions {
  readonly requestPath: string;
  readonly outPath: string;
  readonly model?: VersionedModel;
  readonly seed?: number;
  readonly mapping?: ColumnMapping;
  readonly dateFormat?: string;
  readonly thresholds?: DecisionThresholds;
  readonly cascadeOnly?: boolean;
  readonly today?: string;
  readonly startedAt: string;
  /** Seconds between checkpoints (at chunk boundaries); default 10. */
  readonly checkpointSeconds?: number;
}

/** The run's final file paths (`traceOutputPaths`). */
export type RunPaths = Readonly<Record<CheckpointFile | 'model', string>>;

const settingsOf = (options: ResumeOptions, job: string): TraceJobSettings =>
  jobSettings({
    job,
    givenModelVersion: options.model?.version,
    seed: options.seed ?? 1,
    mapping: options.mapping,
    dateFormat: options.dateFormat ?? 'YYYYMMDD',
    thresholds: options.thresholds,
    cascadeOnly: options.cascadeOnly === true,
  });

const FILES: readonly CheckpointFile[] = [
  'response',
  'unmatched',
  'conflicts',
  'duplicates',
  'load',
];

/** Where a run keeps the model it trained until the run's files are renamed. */
export const trainedModelPath = (modelPath: string): string => `${modelPath}.partial`;

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

async function savedModel(path: string, version: string): Promise<VersionedModel | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = parseModel(text);
  const model = parsed.success ? versionModel(parsed.data, true) : undefined;
  return model?.version === version && model.text === text ? model : undefined;
}

const why = (code: string, message: string): Result<never> => fail({ code, message });

/**
 * Finds whether this run continues an interrupted one: a checkpoint beside the response for the
 * same job (response path and request file contents) and the same output settings, every
 * `.partial` file at least as long as the checkpoint recorded, and (when the model was trained)
 * the saved model with the recorded version. Reads only; changes no file. Fails, as a value with
 * the reason, when the run must start afresh; the code is `missing` when there is no checkpoint.
 * @param options - this run's files and settings
 * @param paths - this run's final file paths
 */
export async function findResume(
  options: ResumeOptions,
  paths: RunPaths,
): Promise<Result<TraceResume>> {
  const read = await readCheckpoint(checkpointPath(options.outPath));
  if (!read.success) {
    const issue = read.issues[0];
    return why(issue?.code ?? 'invalid', issue?.message ?? 'unreadable checkpoint');
  }
  const checkpoint = read.data;
  const saved: TraceJobSettings = checkpoint.settings;
  const changed =
    settingsDiffer(saved, settingsOf(options, saved.job)) ??
    ((checkpoint.today === null) !== (options.today === undefined) ? 'today' : undefined);
  if (changed !== undefined) {
    return why('settings-changed', `the ${changed} option differs from the interrupted run's`);
  }
  let job: string;
  try {
    job = await traceJobId(options.requestPath, options.outPath);
  } catch {
    return why('unreadable', 'the request file cannot be read');
  }
  if (job !== saved.job) {
    return why('job-changed', 'the request file changed since the interrupted run');
  }
  for (const role of FILES) {
    const size = await sizeOf(`${paths[role]}.partial`);
    if (size === undefined || size < checkpoint.files[role].bytes) {
      return why('partial-short', `the ${role} file of the interrupted run is missing or short`);
    }
  }
  const counts = countsFromJson(checkpoint.counts);
  if (!counts.success || counts.data.rows !== checkpoint.rows) {
    return why('invalid', 'the checkpoint counts are not valid');
  }
  let trainedModel: VersionedModel | undefined;
  if ('trainedWithSeed' in saved.model && !saved.cascadeOnly) {
    // The model is renamed first when the run ends; a run stopped after that finds it there.
    const version = checkpoint.modelVersion;
    trainedModel =
      (await savedModel(trainedModelPath(paths.model), version)) ??
      (await savedModel(paths.model, version));
    if (trainedModel === undefined) {
      return why('model-missing', 'the model the interrupted run trained is missing or changed');
    }
  } else if ('given' in saved.model && saved.model.given !== checkpoint.modelVersion) {
    return why('invalid', 'the checkpoint names two different models');
  }
  const { files } = checkpoint;
  const firstHolders = await readFirstHolders(`${paths.load}.partial`, files.load.bytes);
  return ok({
    job,
    checkpoint,
    counts: counts.data,
    trainedModel,
    response: files.response,
    cleansing: { positions: files, firstHolders },
  });
}

/**
 * The interrupted run this run continues ({@link findResume}), telling `onNotice` (counts only)
 * that it resumes, or why a checkpoint found could not be used and the run starts afresh.
 * @param options - this run's files and settings
 * @param paths - this run's final file paths
 * @param onNotice - receives the one line
 */
export async function interruptedRun(
  options: ResumeOptions,
  paths: RunPaths,
  onNotice: ((line: string) => void) | undefined,
): Promise<TraceResume | undefined> {
  const found = await findResume(options, paths);
  if (found.success) {
    const done = found.data.checkpoint.rows.toLocaleString('en-GB');
    onNotice?.(`resuming the interrupted run after row ${done} (its checkpoint)`);
    return found.data;
  }
  const issue = found.issues[0];
  if (issue?.code !== 'missing') {
    onNotice?.(`starting afresh: ${issue?.message ?? 'the checkpoint cannot be used'}`);
  }
  return undefined;
}

/**
 * The start time and reference day of the interrupted run's first start, which a resumed run
 * keeps (a run resumed the next day must still judge dates of birth by the first day).
 * @param checkpoint - the interrupted run's checkpoint
 */
export function firstStart(checkpoint: TraceCheckpoint): { startedAt: string; today?: string } {
  const { startedAt, today } = checkpoint;
  return today === null ? { startedAt } : { startedAt, today };
}

/**
 * The failure of a resumed run whose register no longer has the people count it started with:
 * continuing would mix answers from two registers in one response.
 * @param outPath - the response file path
 * @param resume - the interrupted run
 * @param people - current people in the register now
 */
export function registerChanged(
  outPath: string,
  resume: TraceResume,
  people: number,
): Result<never> {
  const then = resume.checkpoint.registerPeople;
  return why(
    'register-changed',
    `the register changed since the interrupted run (${then} people then, ${people} now); ` +
      `delete ${checkpointPath(outPath)} to trace again from the start`,
  );
}

/**
 * Prepares a fresh start: deletes any checkpoint (of another job, or one that cannot be
 * continued) and, when the run trained its model, saves it durably beside the response so that
 * a resumed run traces with exactly the same model without training again.
 * @param outPath - the response file path
 * @param modelPath - the run's model file path
 * @param model - the model this run traces with
 */
export async function startFresh(
  outPath: string,
  modelPath: string,
  model: VersionedModel,
): Promise<void> {
  await removeCheckpoint(checkpointPath(outPath));
  if (model.trained) {
    const handle = await open(trainedModelPath(modelPath), 'w');
    try {
      await handle.writeFile(model.text, 'utf8');
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }
}

/** What a run saves at a chunk boundary; the rest of the checkpoint is fixed for the run. */
export interface ChunkState {
  readonly seconds: number;
  readonly counts: TraceCounts;
  readonly files: Readonly<Record<CheckpointFile, SinkPosition>>;
}

/** The run's checkpoint file. */
export interface RunCheckpoint {
  /** Whether a checkpoint is due (`checkpointSeconds` since the last, or the start). */
  due(): boolean;
  /**
   * Saves the state after a whole chunk was written and synced (call after every `sync`).
   * @param state - the counts, the files' positions and the tracing seconds so far
   */
  save(state: ChunkState): Promise<void>;
  /** Deletes the checkpoint once the run's files have their final names. */
  remove(): Promise<void>;
}

/**
 * The checkpoint of one run: `RESPONSE.checkpoint.json`, rewritten atomically at every chunk.
 * @param options - the run's options (as the first start had them, on a resumed run)
 * @param job - the job's id
 * @param model - the model traced with
 * @param registerPeople - current people in the register
 */
export function runCheckpoint(
  options: ResumeOptions,
  job: string,
  model: VersionedModel,
  registerPeople: number,
): RunCheckpoint {
  const path = checkpointPath(options.outPath);
  const settings = settingsOf(options, job);
  const interval = (options.checkpointSeconds ?? 10) * 1000;
  let last = performance.now();
  return {
    due: () => performance.now() - last >= interval,
    save: (state) => {
      last = performance.now();
      return writeCheckpoint(path, {
        format: CHECKPOINT_FORMAT,
        settings,
        today: options.today ?? null,
        startedAt: options.startedAt,
        modelVersion: model.version,
        registerPeople,
        rows: state.counts.rows,
        seconds: state.seconds,
        files: state.files,
        counts: countsToJson(state.counts),
      });
    },
    remove: () => removeCheckpoint(path),
  };
}
