import {
  levelWeight,
  priorWeight,
  type Comparison,
  type ComparisonLevel,
  type TrainingStep,
} from '../../matching/index.js';
import type { VersionedModel } from '../../pipeline/trace-model.js';

/** A probability in 4 significant figures, plain for ordinary sizes and exponent form when tiny. */
function probability(p: number): string {
  return String(Number(p.toPrecision(4)));
}

function bits(weight: number): string {
  return `${weight >= 0 ? '+' : ''}${weight.toFixed(2)}`;
}

function note(level: ComparisonLevel): string {
  if (level.kind === 'null') {
    return 'NULL: a value is missing; no evidence (0 bits)';
  }
  if (level.kind === 'neutral') {
    return 'neutral: counted by another comparison (0 bits)';
  }
  return level.tf === undefined ? '' : `term-frequency adjusted (${level.tf})`;
}

/** Lays out rows as left-aligned columns two spaces apart, each line indented by `indent`. */
function table(rows: readonly (readonly string[])[], indent: string): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
  );
}

function comparisonLines(comparison: Comparison): string[] {
  const options = Object.entries(comparison.options)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  const heading = `${comparison.id}: ${comparison.label}${options === '' ? '' : ` (${options})`}`;
  const rows = comparison.levels.map((level) => [
    level.id,
    level.kind,
    level.kind === 'null' ? '-' : probability(level.m),
    level.kind === 'null' ? '-' : probability(level.u),
    bits(levelWeight(level)),
    level.label,
    note(level),
  ]);
  return [
    heading,
    ...table([['level', 'kind', 'm', 'u', 'bits', 'meaning', 'note'], ...rows], '  '),
  ];
}

/** The provenance of a `labelled-pairs` step: where the labels came from, level by level. */
function labelLines(step: TrainingStep): string[] {
  const d = step.details;
  const list = (key: string): string => {
    const value = d[key];
    return typeof value === 'string' && value !== '' ? value : 'none';
  };
  return [
    ...(d['decisions'] === undefined
      ? []
      : [
          `     labels: ${String(d['decisions'])} review decision(s) in ${String(d['jobs'])} job(s), ` +
            `${String(d['matches'])} matches, ${String(d['nonMatches'])} non-matches, ` +
            `${String(d['pairsSkipped'])} pair(s) skipped (candidate no longer in the register)` +
            (typeof d['pairsRelabelled'] === 'number' && d['pairsRelabelled'] > 0
              ? `, ${String(d['pairsRelabelled'])} superseded by a later decision on the same pair`
              : ''),
        ]),
    `     m from labels, level (labelled matches): ${list('levelsFromLabels')}`,
    `     m kept from EM, fewer than ${String(d['minimumMatchesPerLevel'])}: ${list('levelsFromEm')}`,
  ];
}

function stepLines(step: TrainingStep, index: number): string[] {
  const at = step.at === undefined ? '' : ` [${step.at}]`;
  const line = `  ${index + 1}. ${step.step}: ${step.description}${at}`;
  return step.step === 'labelled-pairs' && 'levelsFromLabels' in step.details
    ? [line, ...labelLines(step)]
    : [line];
}

/**
 * The lines that open both `model show` and the `model train` summary: name, version, λ and its
 * weight, and the training history (each step with its pair counts).
 * @param versioned - the model and its version (hash of the file text)
 */
export function modelHeader(versioned: VersionedModel): string[] {
  const { model } = versioned;
  return [
    `model ${model.name} (version ${versioned.version}, file format ${model.formatVersion})`,
    `prior: lambda ${probability(model.lambda)} (1 in ${Math.round(1 / model.lambda).toLocaleString('en-GB')}), weight ${bits(priorWeight(model.lambda))} bits`,
    `training steps (${model.provenance.length}):`,
    ...model.provenance.flatMap(stepLines),
  ];
}

/**
 * Describes a model for a person: {@link modelHeader}, the term-frequency floor, then one
 * table per comparison listing every level with m, u and its match weight `log2(m/u)` in bits
 * (null and neutral levels weigh 0 and are marked). Holds no patient data: a model has none.
 * @param versioned - the model and its version
 */
export function describeModel(versioned: VersionedModel): string {
  const { model } = versioned;
  const lines = [
    ...modelHeader(versioned),
    `term frequency: minimum frequency ${model.termFrequency.minimumFrequency}`,
    `comparisons (${model.comparisons.length}), weights in bits = log2(m/u):`,
  ];
  for (const comparison of model.comparisons) {
    lines.push('', ...comparisonLines(comparison));
  }
  return `${lines.join('\n')}\n`;
}
