import { readFile, writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { fail, ok, type Result } from '../core/result.js';
import {
  blockPairs,
  buildGenericModel,
  genericScorer,
  parseLinkSettings,
  requiredColumns,
  termFrequencies,
  toBlockingRule,
  trainGenericModel,
  type GenericModel,
  type GenericRow,
  type GenericTrainingReport,
  type LinkSettings,
  type RuleCount,
} from '../matching/generic/index.js';
import { checkColumns, readCsvTable, type CsvTable } from './link-csv-read.js';

/** One scored candidate pair. */
export interface ScoredPair {
  readonly left: number;
  readonly right: number;
  readonly weight: number;
  readonly probability: number;
  /** Per comparison, the level index. */
  readonly levels: readonly number[];
}

/** Everything a link run produced, before any threshold. */
export interface LinkRun {
  readonly model: GenericModel;
  readonly training: GenericTrainingReport;
  readonly blocking: readonly RuleCount[];
  /** Every blocked candidate pair with its score, in blocking order. */
  readonly scored: readonly ScoredPair[];
  /** Wall-clock milliseconds of training and of blocking + scoring. */
  readonly timings: { readonly trainMs: number; readonly scoreMs: number };
}

/**
 * Trains a model on the two inputs without labels (see `trainGenericModel`), then blocks with
 * the settings' rules and scores every candidate pair, with term-frequency adjustment from both
 * inputs. Fails when training cannot estimate λ.
 * @param settings - parsed settings
 * @param left - left rows
 * @param right - right rows
 */
export function linkRows(
  settings: LinkSettings,
  left: readonly GenericRow[],
  right: readonly GenericRow[],
): Result<LinkRun> {
  const started = performance.now();
  const untrained = buildGenericModel(settings);
  const trained = trainGenericModel(untrained, left, right, {
    ...settings.training,
    lambdaRules: settings.training.lambdaRules.map(toBlockingRule),
    emBlocking: settings.training.emBlocking.map(toBlockingRule),
  });
  if (!trained.success) {
    return trained;
  }
  const trainMs = performance.now() - started;
  const tfColumns = trained.data.model.comparisons
    .filter((c) => c.levels.some((level) => level.tf === true))
    .map((c) => c.column);
  const scorer = genericScorer(trained.data.model, termFrequencies(tfColumns, [left, right]));
  const blocked = blockPairs(settings.blocking.map(toBlockingRule), left, right);
  const scored = blocked.pairs.flatMap(([i, j]): ScoredPair[] => {
    const a = left[i];
    const b = right[j];
    return a === undefined || b === undefined ? [] : [{ left: i, right: j, ...scorer.score(a, b) }];
  });
  return ok({
    model: trained.data.model,
    training: trained.data.report,
    blocking: blocked.counts,
    scored,
    timings: { trainMs, scoreMs: performance.now() - started - trainMs },
  });
}

/**
 * The scored pairs at or above a match weight as CSV: left id, right id, match weight (bits),
 * probability, then one `level_<column>` field per comparison with the level id. Highest weight
 * first.
 * @param run - the link run
 * @param tables - the two inputs (for ids)
 * @param idColumn - the id column
 * @param threshold - minimum match weight
 */
export function pairsCsv(
  run: LinkRun,
  tables: { readonly left: CsvTable; readonly right: CsvTable },
  idColumn: string,
  threshold: number,
): { csv: string; written: number } {
  const kept = run.scored.filter((p) => p.weight >= threshold).sort((a, b) => b.weight - a.weight);
  const comparisons = run.model.comparisons;
  const rows = kept.map((p) => [
    tables.left.rows[p.left]?.[idColumn] ?? '',
    tables.right.rows[p.right]?.[idColumn] ?? '',
    p.weight.toFixed(3),
    p.probability.toPrecision(6),
    ...comparisons.map((c, k) => c.levels[p.levels[k] ?? -1]?.id ?? ''),
  ]);
  const header = [
    'left_id',
    'right_id',
    'match_weight',
    'match_probability',
    ...comparisons.map((c) => `level_${c.column}`),
  ];
  return { csv: stringify([header, ...rows]), written: kept.length };
}

/** What `linkCsvFiles` did, for the summary. */
export interface LinkCsvResult {
  readonly run: LinkRun;
  readonly tables: { readonly left: CsvTable; readonly right: CsvTable };
  readonly settings: LinkSettings;
  readonly threshold: number;
  /** Pairs at or above the threshold. */
  readonly written: number;
  /** The pairs CSV, when no output file was given. */
  readonly csv?: string;
}

/**
 * Reads a JSON settings file and validates it; issues name the file and the JSON path.
 * @param path - settings.json
 */
export async function readLinkSettings(path: string): Promise<Result<LinkSettings>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail({ code: 'unreadable-settings', path, message: `${path}: ${reason}` });
  }
  const parsed = parseLinkSettings(json);
  return parsed.success
    ? parsed
    : fail(...parsed.issues.map((i) => ({ ...i, message: `${path}: ${i.message}` })));
}

/**
 * Links two CSV files: reads both, checks every column the settings name, trains, scores, and
 * writes the pairs at or above the threshold to `out` (or returns the CSV text when `out` is
 * undefined).
 * @param input - file paths, settings, optional output path and threshold override
 */
export async function linkCsvFiles(input: {
  readonly leftPath: string;
  readonly rightPath: string;
  readonly settings: LinkSettings;
  readonly out?: string;
  readonly threshold?: number;
}): Promise<Result<LinkCsvResult>> {
  const [left, right] = await Promise.all([
    readCsvTable(input.leftPath),
    readCsvTable(input.rightPath),
  ]);
  if (!left.success || !right.success) {
    return fail(...(left.success ? [] : left.issues), ...(right.success ? [] : right.issues));
  }
  const { settings } = input;
  const needed = requiredColumns(settings);
  const missing = [
    ...checkColumns(left.data, needed.left),
    ...checkColumns(right.data, needed.right),
  ];
  if (missing.length > 0) {
    return fail(...missing);
  }
  const run = linkRows(settings, left.data.rows, right.data.rows);
  if (!run.success) {
    return run;
  }
  const tables = { left: left.data, right: right.data };
  const threshold = input.threshold ?? settings.threshold;
  const { csv, written } = pairsCsv(run.data, tables, settings.idColumn, threshold);
  if (input.out !== undefined) {
    try {
      await writeFile(input.out, csv);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return fail({ code: 'unwritable-output', path: input.out, message: reason });
    }
  }
  return ok({
    run: run.data,
    tables,
    settings,
    threshold,
    written,
    ...(input.out === undefined ? { csv } : {}),
  });
}
