/**
 * Generic linking of any two tables by column mapping: comparisons over named string columns,
 * equality blocking rules, unsupervised training and scoring, all on top of the engine's
 * Fellegi-Sunter types and training functions. Pure: rows in, models and scores out.
 * See docs/febrl4.md.
 */
export type { GenericRow } from './row.js';
export { cell } from './row.js';
export type { GenericComparison, GenericLevel } from './levels.js';
export { buildLevels, startingParameters } from './levels.js';
export type { StringComparisonOptions } from './comparisons.js';
export {
  damerauLevenshteinComparison,
  DEFAULT_DL_THRESHOLDS,
  exactComparison,
  jaroWinklerComparison,
  NAME_JW_THRESHOLDS,
} from './comparisons.js';
export { dateComparison, parseYyyymmdd } from './date-comparison.js';
export { damerauLevenshteinUpTo } from './edit-bound.js';
export type { GenericModel } from './model.js';
export { fromEngineModel, toEngineComparison, toEngineModel } from './model.js';
export type { GenericTfTables } from './term-frequency.js';
export { termFrequencies } from './term-frequency.js';
export type { GenericScore, GenericScorer } from './score.js';
export { compareRows, genericScorer } from './score.js';
export type {
  Blocked,
  BlockingKeyPart,
  BlockingRule,
  CandidatePair,
  RuleCount,
} from './blocking.js';
export { blockingKey, blockPairs, columnsFixedBy, rulePairs } from './blocking.js';
export type { LinkSettings } from './settings.js';
export {
  buildGenericModel,
  linkSettingsSchema,
  parseLinkSettings,
  requiredColumns,
  toBlockingRule,
} from './settings.js';
export type { GenericTrainingOptions, GenericTrainingReport } from './train.js';
export { trainGenericModel } from './train.js';
