import { DEFAULT_MINIMUM_LABELLED_MATCHES } from '../../matching/index.js';
import { openRequestFile } from '../../pipeline/request-source.js';
import { estimateRequestFile, estimateText } from '../../pipeline/trace-estimate.js';
import { trainForRequests, versionModel, type VersionedModel } from '../../pipeline/trace-model.js';
import { labelsFromReviews, trainWithReviewLabels } from '../../pipeline/trace-review-train.js';
import { isPostgresUrl, redactPostgresUrl } from '../../storage/postgres/postgres-url.js';
import type { RegisterStore } from '../../storage/register-store.js';
import type { ReviewStore } from '../../storage/review-store.js';
import { writeFileAtomic } from '../../pipeline/trace-output.js';
import { checkOutputFolder, issuesText } from './cli-files.js';
import { CliError } from '../exit-codes.js';
import { modelHeader } from './model-show.js';
import { parseCount } from './parse-count.js';
import { withRegister } from './register-store-option.js';
import { withRegisterAndReviews } from './review-store-option.js';
import { openTraceBackend, parseExecution } from './trace-backend-option.js';

/** Options of `model train`, as commander gives them. */
export interface ModelTrainOptions {
  readonly requests: string;
  readonly out: string;
  readonly db: string;
  readonly seed: string;
  /** `--labels-from-reviews`: also learn m from the review decisions in the same `--db`. */
  readonly labelsFromReviews?: boolean;
  /** `--min-labelled-matches`: labelled matches a level needs to take its m from them. */
  readonly minLabelledMatches?: string;
}

/** What {@link trainModel} returns. */
export interface TrainedModel {
  readonly model: VersionedModel;
  readonly rowsRead: number;
  /** With `--labels-from-reviews`: what the labels changed. */
  readonly labels?: {
    readonly decisions: number;
    readonly matches: number;
    readonly nonMatches: number;
    readonly skipped: number;
    readonly fromLabels: number;
    readonly levels: number;
    readonly minimum: number;
  };
}

/** PDS MESH request files carry dates as YYYYMMDD, as `trace` reads them without --date-format. */
const DATE_FORMAT = 'YYYYMMDD';

/**
 * Trains without labels on the request file × the register, with the very code `trace` runs
 * when it is given no `--model` ({@link trainForRequests}: u from random pairs, λ from the
 * deterministic rules, m by EM), and writes the model file atomically. The request file's header
 * is checked before the register is loaded. Fails with a usage error (exit 2) naming the file
 * when a file cannot be read or written, or when there is nothing to train on.
 * With `--labels-from-reviews` it then re-estimates m from the review decisions in the same
 * `--db` ({@link trainWithReviewLabels}: levels with at least `--min-labelled-matches` labelled
 * matches take m from them, the rest keep EM's; u stays from random pairs), and refuses (exit 2)
 * before training when the review queue holds no decision or no accepted match.
 * @param options - `--requests`, `--out`, `--db`, `--seed`, `--labels-from-reviews`,
 *   `--min-labelled-matches`
 * @returns the trained model and how many request rows were read
 */
export async function trainModel(options: ModelTrainOptions): Promise<TrainedModel> {
  checkOutputFolder(options.out);
  const seed = parseCount(options.seed, '--seed');
  const minimum =
    options.minLabelledMatches === undefined
      ? undefined
      : parseCount(options.minLabelledMatches, '--min-labelled-matches');
  if (minimum === 0) {
    throw new CliError('--min-labelled-matches: must be at least 1');
  }
  if (minimum !== undefined && options.labelsFromReviews !== true) {
    throw new CliError('--min-labelled-matches needs --labels-from-reviews');
  }
  const at = new Date().toISOString();
  const readOptions = { dateFormat: DATE_FORMAT, today: at.slice(0, 10) } as const;
  const opened = await openRequestFile(options.requests, readOptions);
  if (!opened.success) {
    throw new CliError(issuesText(opened.issues));
  }
  const source = opened.data;
  const train = async (store: RegisterStore): Promise<VersionedModel> => {
    const backend = await openTraceBackend(store, parseExecution(undefined, store));
    try {
      // Training scores the blocked pairs: say before it starts how many there will be.
      const estimate = await estimateRequestFile(options.requests, readOptions, backend);
      if (estimate !== undefined) {
        process.stderr.write(estimateText(estimate));
      }
      const trained = await trainForRequests(source, backend, {
        seed,
        at,
        dateFormat: DATE_FORMAT,
      });
      if (!trained.success) {
        throw new CliError(issuesText(trained.issues).replace(/; pass one with --model$/, ''));
      }
      return trained.data;
    } finally {
      await backend.close();
    }
  };
  const withLabels = async (
    store: RegisterStore,
    reviews: ReviewStore,
  ): Promise<Omit<TrainedModel, 'rowsRead'>> => {
    // Read the labels first: refuse before the (long) unlabelled training when there are none.
    const labels = await labelsFromReviews(reviews);
    if (!labels.success) {
      const shown = isPostgresUrl(options.db) ? redactPostgresUrl(options.db) : options.db;
      throw new CliError(`${shown}: ${issuesText(labels.issues)}`);
    }
    const unlabelled = await train(store);
    const result = await trainWithReviewLabels(unlabelled.model, labels.data, store, {
      at,
      ...(minimum === undefined ? {} : { minimumMatches: minimum }),
    });
    return {
      model: versionModel(result.model, true),
      labels: {
        decisions: labels.data.decisions,
        matches: result.matches,
        nonMatches: result.nonMatches,
        skipped: result.skipped,
        fromLabels: result.fromLabels.length,
        levels: result.fromLabels.length + result.fromEm.length,
        minimum: minimum ?? DEFAULT_MINIMUM_LABELLED_MATCHES,
      },
    };
  };
  let trained;
  try {
    trained =
      options.labelsFromReviews === true
        ? await withRegisterAndReviews(options.db, 'existing', withLabels)
        : { model: await withRegister(options.db, 'existing', train) };
  } finally {
    // Refused before training (no register, no labels) or trained: the file is closed either way.
    await source.close();
  }
  try {
    await writeFileAtomic(options.out, trained.model.text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new CliError(`${options.out}: cannot write the model file (${code})`);
  }
  return { ...trained, rowsRead: source.stats.dataRows };
}

/**
 * The summary `model train` prints: rows read, the model header (λ, training steps with their
 * pair counts, version) and where the file went. Counts only, no patient data.
 * @param trained - what {@link trainModel} returned
 * @param out - the model file written
 */
export function trainSummary(trained: TrainedModel, out: string): string {
  const { labels } = trained;
  return [
    `trained on ${trained.rowsRead.toLocaleString('en-GB')} request rows`,
    ...(labels === undefined
      ? []
      : [
          `labels from ${labels.decisions} review decision(s): ${labels.matches} matches, ` +
            `${labels.nonMatches} non-matches` +
            (labels.skipped > 0 ? `, ${labels.skipped} pair(s) no longer in the register` : ''),
          `m from labels for ${labels.fromLabels} of ${labels.levels} levels ` +
            `(at least ${labels.minimum} labelled matches each); the rest keep the EM estimate` +
            (labels.fromLabels === 0 ? ' (no level had enough: m is as without labels)' : ''),
        ]),
    ...modelHeader(trained.model),
    `model written to ${out} (inspect it with 'nhs-trace model show ${out}')`,
    '',
  ].join('\n');
}
