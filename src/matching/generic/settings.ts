import { z } from 'zod';
import { fail, ok, type Result } from '../../core/result.js';
import { DEFAULT_LAMBDA } from '../model/default-model.js';
import type { BlockingKeyPart, BlockingRule } from './blocking.js';
import {
  damerauLevenshteinComparison,
  DEFAULT_DL_THRESHOLDS,
  exactComparison,
  jaroWinklerComparison,
  NAME_JW_THRESHOLDS,
} from './comparisons.js';
import { dateComparison } from './date-comparison.js';
import type { GenericComparison } from './levels.js';
import type { GenericModel } from './model.js';

const column = z.string().min(1);

const keyPart = z.union([
  column,
  z.object({ column, prefix: z.int().positive().optional() }).strict(),
  z.object({ left: column, right: column, prefix: z.int().positive().optional() }).strict(),
]);

const rule = z.object({ name: z.string().min(1).optional(), on: z.array(keyPart).min(1) }).strict();

const comparison = z.discriminatedUnion('type', [
  z.object({ type: z.literal('exact'), column, tf: z.boolean().optional() }).strict(),
  z
    .object({
      type: z.literal('jaro-winkler'),
      column,
      thresholds: z.array(z.number().gt(0).lt(1)).min(1).optional(),
      tf: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('damerau-levenshtein'),
      column,
      thresholds: z.array(z.int().positive()).min(1).optional(),
      tf: z.boolean().optional(),
    })
    .strict(),
  z.object({ type: z.literal('date-yyyymmdd'), column }).strict(),
]);

/**
 * The settings file of `nhs-trace link`: which column identifies a row, how to compare the
 * other columns, how to find candidate pairs, and how to train without labels. JSON.
 */
export const linkSettingsSchema = z
  .object({
    /** A name for the model (`febrl4`). */
    name: z.string().min(1).default('generic'),
    /** The column holding each row's identifier, written to the output pairs. */
    idColumn: column,
    comparisons: z.array(comparison).min(1),
    /** Rules whose pairs are scored (union, each pair once). */
    blocking: z.array(rule).min(1),
    training: z
      .object({
        /** Random pairs drawn to estimate u; default 1,000,000. */
        uPairs: z.int().positive().default(1_000_000),
        /** Seed of the random pair draw; default 1. */
        seed: z.int().nonnegative().default(1),
        /** Deterministic rules: pairs they accept are taken as matches to estimate λ. */
        lambdaRules: z.array(rule).min(1),
        /** Share of true matches the λ rules are believed to catch, in (0, 1]. */
        recall: z.number().gt(0).lte(1),
        /** Blocking rules of the EM round robin; at least two, so every comparison is estimated. */
        emBlocking: z.array(rule).min(2),
        /** EM iteration cap per pass; default 50. */
        maxIterations: z.int().positive().default(50),
      })
      .strict(),
    /** Match weight at or above which a pair is written; default 0 (probability 0.5). */
    threshold: z.number().default(0),
  })
  .strict();

/** Parsed settings, defaults filled in. */
export type LinkSettings = z.infer<typeof linkSettingsSchema>;
type RuleInput = z.infer<typeof rule>;
type ComparisonInput = z.infer<typeof comparison>;

/**
 * Validates a settings object (already parsed from JSON). Issues name the JSON path.
 * @param json - the parsed file
 */
export function parseLinkSettings(json: unknown): Result<LinkSettings> {
  const parsed = linkSettingsSchema.safeParse(json);
  if (!parsed.success) {
    return fail(
      ...parsed.error.issues.map((issue) => ({
        code: 'bad-settings',
        path: issue.path.join('.'),
        message: `${issue.path.join('.') || '(root)'}: ${issue.message}`,
      })),
    );
  }
  const columns = parsed.data.comparisons.map((c) => c.column);
  const repeated = columns.find((c, i) => columns.indexOf(c) !== i);
  if (repeated !== undefined) {
    return fail({
      code: 'bad-settings',
      path: 'comparisons',
      message: `comparisons: column '${repeated}' is compared twice`,
    });
  }
  return ok(parsed.data);
}

/**
 * A settings rule as a {@link BlockingRule}; its name defaults to the parts joined by `+`.
 * @param input - the rule from the settings
 */
export function toBlockingRule(input: RuleInput): BlockingRule {
  const on = input.on.map((part): BlockingKeyPart => {
    if (typeof part === 'string') {
      return { left: part, right: part };
    }
    const prefix = part.prefix === undefined ? {} : { prefix: part.prefix };
    return 'column' in part
      ? { left: part.column, right: part.column, ...prefix }
      : { left: part.left, right: part.right, ...prefix };
  });
  const describe = (p: BlockingKeyPart): string =>
    (p.left === p.right ? p.left : `${p.left}=${p.right}`) +
    (p.prefix === undefined ? '' : `[:${p.prefix}]`);
  return { name: input.name ?? on.map(describe).join('+'), on };
}

function buildComparison(input: ComparisonInput): GenericComparison {
  const tf = 'tf' in input && input.tf === true ? { tf: true } : {};
  switch (input.type) {
    case 'exact':
      return exactComparison(input.column, tf);
    case 'jaro-winkler':
      return jaroWinklerComparison(input.column, input.thresholds ?? NAME_JW_THRESHOLDS, tf);
    case 'damerau-levenshtein':
      return damerauLevenshteinComparison(
        input.column,
        input.thresholds ?? DEFAULT_DL_THRESHOLDS,
        tf,
      );
    case 'date-yyyymmdd':
      return dateComparison(input.column);
  }
}

/**
 * The untrained model the settings describe: comparisons with starting m and u, λ at the
 * engine's default, no provenance beyond "defaults".
 * @param settings - parsed settings
 */
export function buildGenericModel(settings: LinkSettings): GenericModel {
  return {
    formatVersion: 1,
    name: settings.name,
    lambda: DEFAULT_LAMBDA,
    comparisons: settings.comparisons.map(buildComparison),
    termFrequency: { minimumFrequency: 1e-6 },
    provenance: [
      { step: 'defaults', description: 'starting m and u of the generic comparisons', details: {} },
    ],
  };
}

/**
 * Every column the settings read, per side: the id, compared columns and rule columns. Used to
 * check both files' headers before doing any work.
 * @param settings - parsed settings
 */
export function requiredColumns(settings: LinkSettings): { left: string[]; right: string[] } {
  const rules = [
    ...settings.blocking,
    ...settings.training.lambdaRules,
    ...settings.training.emBlocking,
  ].map(toBlockingRule);
  const shared = [settings.idColumn, ...settings.comparisons.map((c) => c.column)];
  const side = (s: 'left' | 'right'): string[] => [
    ...new Set([...shared, ...rules.flatMap((r) => r.on.map((p) => p[s]))]),
  ];
  return { left: side('left'), right: side('right') };
}
