/**
 * The matching engine: pure functions and data, no I/O. Records in, weights and decisions out.
 * See docs/matching.md for the model explained.
 */
export type { AddressKey, BirthDateParts, MatchRecord, PostcodeParts } from './record.js';
export { birthDateDigits, holdsNhsNumber } from './record.js';
export type { MatchInput } from './record-builder.js';
export { buildMatchRecord, fromRegisterPerson } from './record-builder.js';
export { addressKey } from './address-key.js';

export {
  jaroSimilarity,
  jaroWinklerSimilarity,
  JARO_WINKLER_PREFIX_WEIGHT,
} from './string/jaro.js';
export { damerauLevenshtein, levenshtein, osaDistance } from './string/edit-distance.js';
export { phoneticCodes, sharePhoneticCode } from './string/phonetic.js';
export { areNicknames, formalNames } from './string/nicknames.js';
export { NICKNAME_GROUPS } from './data/nicknames.js';

export type {
  Comparison,
  ComparisonLevel,
  ComparisonOptions,
  LevelKind,
  LevelTest,
  TfColumn,
} from './model/comparison.js';
export {
  clampProbability,
  isTrainable,
  levelIndex,
  levelWeight,
  MIN_PROBABILITY,
  withParameters,
} from './model/comparison.js';
export type {
  MatchModel,
  TermFrequencySettings,
  TrainingStep,
  TrainingStepKind,
} from './model/model.js';
export { priorWeight, withTraining } from './model/model.js';
export { DEFAULT_LAMBDA, defaultModel } from './model/default-model.js';
export type { TermFrequencyLookup } from './model/term-frequency.js';
export { TF_COLUMNS, tfAdjustment, tfLookupFromTables, tfValue } from './model/term-frequency.js';

export type { ComparisonId } from './comparisons/registry.js';
export { buildComparison, COMPARISON_IDS } from './comparisons/registry.js';
export { addressComparison } from './comparisons/address.js';
export { dateOfBirthComparison } from './comparisons/date-of-birth.js';
export { familyNameComparison } from './comparisons/family-name.js';
export { genderComparison } from './comparisons/gender.js';
export { givenNameComparison, NAME_JW_DEFAULTS } from './comparisons/given-name.js';
export { nhsNumberComparison } from './comparisons/nhs-number.js';
export { postcodeComparison } from './comparisons/postcode.js';

export type { Contribution, ScoreResult } from './weights.js';
export { compareRecords, pairWeight, probabilityFromWeight, score } from './weights.js';
export type { RankedCandidate } from './search-kept.js';
export { keptCandidates } from './search-kept.js';

export type { ModelFile } from './settings-schema.js';
export { modelToJson, parseModel, serialiseModel } from './settings.js';

export type {
  Decision,
  DecisionReason,
  DecisionThresholds,
  Outcome,
  ScoredCandidate,
} from './classify.js';
export { classify, DEFAULT_THRESHOLDS, looksLikeTwins, weightForProbability } from './classify.js';

export type { CascadeCandidate, CascadeNote, CascadeResult, CascadeStep } from './cascade.js';
export {
  alphanumericTrace,
  birthDateAgrees,
  CASCADE_STEPS,
  crossCheck,
  runCascade,
} from './cascade.js';

export { escapeXml, explainSvg } from './explain-svg.js';

export type { ComparisonVector } from './train/level-estimates.js';
export type { EmOptions, EmPass, EmResult } from './train/em.js';
export { expectationMaximisation, roundRobinEm } from './train/em.js';
export type { LabelledVector } from './train/labelled.js';
export { estimateFromLabelledPairs } from './train/labelled.js';
export type { LabelledMOptions, LabelledMResult } from './train/labelled-m.js';
export { combineLabelledM, DEFAULT_MINIMUM_LABELLED_MATCHES } from './train/labelled-m.js';
export type { LambdaFromRules } from './train/lambda.js';
export { estimateLambdaFromRules } from './train/lambda.js';
export { estimateUFromRandomPairs } from './train/u-random.js';
export type { SimulationOptions } from './train/simulate.js';
export { simulateVectors } from './train/simulate.js';

export {
  buildMatchTableSql,
  MATCH_COLUMNS_SQL,
  MATCH_RECORD_STRUCTURE,
  nicknameRows,
} from './sql/match-table-sql.js';
export { comparisonGammaSql, comparisonLevelSql } from './sql/comparison-sql.js';
export { doubleSql, gammaColumnsSql, TF_SQL_COLUMN, weightSql } from './sql/score-sql.js';
export { blockingKeysSql, keyTextsSql, ruleKeysSql } from './sql/blocking-sql.js';
