import { fail, ok, type Issue, type Result } from '../core/result.js';
import { buildComparison } from './comparisons/registry.js';
import { isTrainable, levelWeight, type Comparison } from './model/comparison.js';
import { priorWeight, type MatchModel } from './model/model.js';
import { modelFileSchema, type ModelFile } from './settings-schema.js';

/** Tolerance on "the m (or u) values of a comparison sum to 1". */
const SUM_TOLERANCE = 0.01;

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * The model as a plain JSON-serialisable object a person can read: comparison and level ids and
 * labels, m, u, the weight each level gives (rounded, informational), λ and its prior weight,
 * thresholds and the training history. Predicates are not stored; {@link parseModel} rebuilds
 * them from the comparison ids and options.
 * @param model - the model
 */
export function modelToJson(model: MatchModel): ModelFile {
  return {
    formatVersion: model.formatVersion,
    name: model.name,
    lambda: model.lambda,
    priorWeight: round(priorWeight(model.lambda)),
    termFrequency: { ...model.termFrequency },
    comparisons: model.comparisons.map((comparison) => ({
      id: comparison.id as ModelFile['comparisons'][number]['id'],
      label: comparison.label,
      options: { ...comparison.options },
      levels: comparison.levels.map((level) => ({
        id: level.id,
        label: level.label,
        kind: level.kind,
        ...(isTrainable(level)
          ? { m: level.m, u: level.u, weight: round(levelWeight(level)) }
          : {}),
        ...(level.tf === undefined ? {} : { termFrequency: level.tf }),
      })),
    })),
    provenance: model.provenance.map((step) => ({ ...step, details: { ...step.details } })),
  };
}

/**
 * The model file text: pretty-printed JSON, stable key order, ending in a newline.
 * @param model - the model
 */
export function serialiseModel(model: MatchModel): string {
  return `${JSON.stringify(modelToJson(model), null, 2)}\n`;
}

function restoreComparison(
  file: ModelFile['comparisons'][number],
  path: string,
): Result<Comparison> {
  const built = buildComparison(file.id, file.options, `${path}.options`);
  if (!built.success) {
    return built;
  }
  const expected = built.data.levels.map((level) => `${level.id}:${level.kind}`);
  const found = file.levels.map((level) => `${level.id}:${level.kind}`);
  if (expected.join(',') !== found.join(',')) {
    return fail({
      code: 'levels-mismatch',
      path: `${path}.levels`,
      message: `comparison ${file.id} must have the levels ${expected.join(', ')} in that order; the file has ${found.join(', ')}`,
    });
  }
  const issues: Issue[] = [];
  const levels = built.data.levels.map((level, i) => {
    const given = file.levels[i];
    if (!isTrainable(level) || given === undefined) {
      return level;
    }
    if (given.m === undefined || given.u === undefined) {
      issues.push({
        code: 'missing-m-u',
        path: `${path}.levels.${i}`,
        message: `level ${level.id} needs m and u`,
      });
      return level;
    }
    return { ...level, m: given.m, u: given.u };
  });
  for (const key of ['m', 'u'] as const) {
    const sum = levels.filter(isTrainable).reduce((s, level) => s + level[key], 0);
    if (issues.length === 0 && Math.abs(sum - 1) > SUM_TOLERANCE) {
      issues.push({
        code: 'bad-sum',
        path: `${path}.levels`,
        message: `the ${key} values of comparison ${file.id} sum to ${round(sum)}; they are probabilities of one outcome each and must sum to 1`,
      });
    }
  }
  return issues.length > 0 ? fail(...issues) : ok({ ...built.data, levels });
}

/**
 * Reads a model file, checking everything: JSON syntax, layout and types, probabilities in
 * (0, 1], known comparison ids and options, the exact level list of each comparison, m and u
 * summing to 1, no comparison twice. Never throws: a bad file gives every issue found, each with
 * the path of the offending value (`comparisons.1.levels.2.m`).
 * @param text - the file content
 * @example parseModel(serialiseModel(defaultModel())) // { success: true, data: model }
 */
export function parseModel(text: string): Result<MatchModel> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return fail({ code: 'bad-json', message: `not valid JSON: ${(error as Error).message}` });
  }
  const parsed = modelFileSchema.safeParse(raw);
  if (!parsed.success) {
    return fail(
      ...parsed.error.issues.map((issue) => ({
        code: 'bad-model-file',
        path: issue.path.join('.'),
        message: issue.message,
      })),
    );
  }
  const file = parsed.data;
  const issues: Issue[] = [];
  const comparisons: Comparison[] = [];
  file.comparisons.forEach((comparison, i) => {
    const path = `comparisons.${i}`;
    if (file.comparisons.findIndex((c) => c.id === comparison.id) !== i) {
      issues.push({
        code: 'duplicate-comparison',
        path,
        message: `comparison ${comparison.id} appears twice`,
      });
      return;
    }
    const restored = restoreComparison(comparison, path);
    if (restored.success) {
      comparisons.push(restored.data);
    } else {
      issues.push(...restored.issues);
    }
  });
  if (issues.length > 0) {
    return fail(...issues);
  }
  return ok({
    formatVersion: 1,
    name: file.name,
    lambda: file.lambda,
    comparisons,
    termFrequency: { minimumFrequency: file.termFrequency.minimumFrequency },
    provenance: file.provenance.map(({ at, ...step }) => ({
      ...step,
      ...(at === undefined ? {} : { at }),
    })),
  });
}
