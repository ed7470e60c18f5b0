/**
 * The storage ports: what layers above storage may depend on. Each adapter has its own entry
 * (`storage/duckdb/index.ts`, `storage/memory/index.ts`), wired only by the CLI and server.
 */
export type {
  ImportSummary,
  RegisterImport,
  RegisterStore,
  RegisterStoreCapabilities,
} from './register-store.js';
export { allPeople, upsertPeople } from './register-store-ops.js';
export {
  COMPLETENESS_FIELDS,
  DEFAULT_TOP,
  type CompletenessField,
  type RegisterStats,
  type RegisterStatsOptions,
  type ValueCount,
} from './register-stats.js';
export {
  deriveFamilyName,
  deriveForename,
  derivePostcode,
  type DerivedName,
  type DerivedPostcode,
} from './derived-values.js';
export type {
  ListItemsOptions,
  QueueSummary,
  ReviewCandidate,
  ReviewCounts,
  ReviewDecision,
  ReviewDecisionInput,
  ReviewEntry,
  ReviewItem,
  ReviewOutcome,
  ReviewStore,
  ReviewVerdict,
  StoredReviewItem,
  TraceJob,
} from './review-store.js';
export { reviewFingerprint } from './review-rules.js';
