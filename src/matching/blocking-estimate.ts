import type { BlockingRule } from './blocking.js';

/** Why a rule or key gives too many pairs; stable codes. */
export type BlockingWarningCode =
  /** Keys shared by more register records than the cap: they are skipped, so pairs are lost. */
  | 'key-over-cap'
  /** As `key-over-cap`, and the over-cap keys hold a 1 January date: a stand-in for an unknown date. */
  | 'placeholder-date'
  /** The rule gives more pairs per left record than the limit, even after the cap. */
  | 'rule-explodes';

/**
 * A warning about a blocking rule. It never carries a key's value (a key holds names, dates and
 * postcodes), only counts, so it is safe to log.
 */
export interface BlockingWarning {
  readonly code: BlockingWarningCode;
  readonly rule: string;
  /** Keys concerned (over the cap), or 0 for `rule-explodes`. */
  readonly keys: number;
  /** Right-side records under the largest key concerned. */
  readonly largestKeyCount: number;
  /** Plain-English summary naming the rule and the counts. */
  readonly message: string;
}

/** The pair count one rule would give. */
export interface RuleEstimate {
  readonly rule: string;
  /** Σ over keys of left count × right count, for keys within the cap (scaled when sampled). */
  readonly pairs: number;
  /** Pairs the cap removes (keys over the cap, scaled). */
  readonly cappedPairs: number;
  /** Keys over the cap. */
  readonly cappedKeys: number;
}

/** The estimate for a set of rules, before a run. */
export interface PairEstimate {
  readonly rules: readonly RuleEstimate[];
  /** Σ of the rules' pairs: an upper bound, as a pair found by two rules is compared once. */
  readonly totalPairs: number;
  readonly warnings: readonly BlockingWarning[];
}

/**
 * Key counts for an estimate, per rule in the rules' order: key → how many request records
 * carry it, and for the same keys → how many register records carry it (over the cap or not).
 */
export interface BlockingKeyCounts {
  readonly requests: readonly ReadonlyMap<string, number>[];
  readonly register: readonly ReadonlyMap<string, number>[];
}

/** Settings of {@link estimatePairs}. */
export interface EstimateOptions {
  /** Right-side records per key above which the key is skipped; default {@link DEFAULT_KEY_CAP}. */
  readonly cap: number;
  /** Records the left counts stand for ÷ records counted (1 for full counts). Default 1. */
  readonly leftScale?: number;
  /** As `leftScale`, for the right side. Default 1. */
  readonly rightScale?: number;
  /** Warn when a rule gives more than this many pairs per left record; default 100. */
  readonly pairsPerRecordLimit?: number;
  /** Records on the left side in all (to turn pairs into pairs per record). */
  readonly leftRecords: number;
}

function hasPlaceholderDate(rule: BlockingRule, key: string): boolean {
  const values = key.split('|').slice(1);
  return rule.parts.some(
    (part, i) => part === 'birth-date' && (values[i]?.endsWith('0101') ?? false),
  );
}

/**
 * Estimates the pairs each rule gives before anything is compared (Splink's
 * `count_comparisons_from_blocking_rule`): Σ over keys of left count × right count, from full
 * counts or from samples scaled up. Keys over the cap are left out, as the index skips them, and
 * reported; a rule whose pairs per record exceed the limit is reported too.
 * @param rules - the rules, in the order of the count maps
 * @param left - per rule, key → count on the left (request) side ({@link countKeys})
 * @param right - per rule, key → count on the right (register) side
 * @param options - cap, sample scales and limits
 */
export function estimatePairs(
  rules: readonly BlockingRule[],
  left: readonly ReadonlyMap<string, number>[],
  right: readonly ReadonlyMap<string, number>[],
  options: EstimateOptions,
): PairEstimate {
  const leftScale = options.leftScale ?? 1;
  const rightScale = options.rightScale ?? 1;
  const limit = options.pairsPerRecordLimit ?? 100;
  const warnings: BlockingWarning[] = [];
  const estimates = rules.map((rule, i): RuleEstimate => {
    const leftCounts = left[i] ?? new Map<string, number>();
    const rightCounts = right[i] ?? new Map<string, number>();
    let pairs = 0;
    let cappedPairs = 0;
    const over: { count: number; placeholder: boolean }[] = [];
    for (const [key, count] of rightCounts) {
      const scaled = count * rightScale;
      const product = (leftCounts.get(key) ?? 0) * leftScale * scaled;
      if (scaled > options.cap) {
        cappedPairs += product;
        over.push({ count: scaled, placeholder: hasPlaceholderDate(rule, key) });
      } else {
        pairs += product;
      }
    }
    for (const placeholder of [true, false]) {
      const group = over.filter((o) => o.placeholder === placeholder);
      if (group.length > 0) {
        const largest = Math.max(...group.map((o) => o.count));
        warnings.push({
          code: placeholder ? 'placeholder-date' : 'key-over-cap',
          rule: rule.id,
          keys: group.length,
          largestKeyCount: largest,
          message:
            `rule ${rule.id}: ${group.length} key(s) hold more than ${options.cap} register records ` +
            `(largest ${Math.round(largest)})${placeholder ? ', with a 1 January date of birth (a stand-in date)' : ''}; ` +
            'they are skipped, so pairs found only through them are missed',
        });
      }
    }
    const perRecord = options.leftRecords > 0 ? pairs / options.leftRecords : 0;
    if (perRecord > limit) {
      warnings.push({
        code: 'rule-explodes',
        rule: rule.id,
        keys: 0,
        largestKeyCount: 0,
        message: `rule ${rule.id} gives about ${Math.round(perRecord)} pairs per record (limit ${limit}); make it stricter`,
      });
    }
    return { rule: rule.id, pairs, cappedPairs, cappedKeys: over.length };
  });
  return {
    rules: estimates,
    totalPairs: estimates.reduce((sum, e) => sum + e.pairs, 0),
    warnings,
  };
}
