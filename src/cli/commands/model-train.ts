import { openRequestFile } from '../../pipeline/request-source.js';
import { trainForRequests, type VersionedModel } from '../../pipeline/trace-model.js';
import { writeFileAtomic } from '../../pipeline/trace-output.js';
import { checkOutputFolder, issuesText } from './cli-files.js';
import { CliError } from '../exit-codes.js';
import { modelHeader } from './model-show.js';
import { parseCount } from './parse-count.js';
import { withRegister } from './register-store-option.js';
import { openTraceBackend, parseExecution } from './trace-backend-option.js';

/** Options of `model train`, as commander gives them. */
export interface ModelTrainOptions {
  readonly requests: string;
  readonly out: string;
  readonly db: string;
  readonly seed: string;
}

/** PDS MESH request files carry dates as YYYYMMDD, as `trace` reads them without --date-format. */
const DATE_FORMAT = 'YYYYMMDD';

/**
 * Trains without labels on the request file × the register, with the very code `trace` runs
 * when it is given no `--model` ({@link trainForRequests}: u from random pairs, λ from the
 * deterministic rules, m by EM), and writes the model file atomically. The request file's header
 * is checked before the register is loaded. Fails with a usage error (exit 2) naming the file
 * when a file cannot be read or written, or when there is nothing to train on.
 * @param options - `--requests`, `--out`, `--db`, `--seed`
 * @returns the trained model and how many request rows were read
 */
export async function trainModel(
  options: ModelTrainOptions,
): Promise<{ readonly model: VersionedModel; readonly rowsRead: number }> {
  checkOutputFolder(options.out);
  const seed = parseCount(options.seed, '--seed');
  const at = new Date().toISOString();
  const opened = await openRequestFile(options.requests, {
    dateFormat: DATE_FORMAT,
    today: at.slice(0, 10),
  });
  if (!opened.success) {
    throw new CliError(issuesText(opened.issues));
  }
  const source = opened.data;
  const trained = await withRegister(options.db, 'existing', async (store) => {
    const backend = await openTraceBackend(store, parseExecution(undefined, store));
    try {
      return await trainForRequests(source, backend, { seed, at, dateFormat: DATE_FORMAT });
    } finally {
      await backend.close();
    }
  });
  if (!trained.success) {
    throw new CliError(issuesText(trained.issues).replace(/; pass one with --model$/, ''));
  }
  try {
    await writeFileAtomic(options.out, trained.data.text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new CliError(`${options.out}: cannot write the model file (${code})`);
  }
  return { model: trained.data, rowsRead: source.stats.dataRows };
}

/**
 * The summary `model train` prints: rows read, the model header (λ, training steps with their
 * pair counts, version) and where the file went. Counts only, no patient data.
 * @param trained - what {@link trainModel} returned
 * @param out - the model file written
 */
export function trainSummary(
  trained: { readonly model: VersionedModel; readonly rowsRead: number },
  out: string,
): string {
  return [
    `trained on ${trained.rowsRead.toLocaleString('en-GB')} request rows`,
    ...modelHeader(trained.model),
    `model written to ${out} (inspect it with 'nhs-trace model show ${out}')`,
    '',
  ].join('\n');
}
