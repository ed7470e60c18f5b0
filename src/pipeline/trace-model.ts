import { createHash } from 'node:crypto';
import { fail, ok, type Result } from '../core/result.js';
import { serialiseModel, type MatchModel } from '../matching/index.js';
import type { matchInputFromRequestRow } from './in-memory-request.js';
import type { RequestSource } from './request-source.js';
import type { TraceBackend } from './trace-backend.js';
import { sampleRecords } from './trace-estimate.js';

/** A model and the short version that names it in reports and the audit log. */
export interface VersionedModel {
  readonly model: MatchModel;
  /** The first 12 hex digits of the SHA-256 of the serialised model file. */
  readonly version: string;
  /** The serialised model, as saved beside the response. */
  readonly text: string;
  /** True when it was trained for this run (no `--model`). */
  readonly trained: boolean;
}

/**
 * Names a model by the hash of its file text, so every response can be traced to its model.
 * @param model - the model
 * @param trained - whether this run trained it
 */
export function versionModel(model: MatchModel, trained: boolean): VersionedModel {
  const text = serialiseModel(model);
  const version = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return { model, version, text, trained };
}

/** Settings of {@link trainForRequests}. */
export interface TrainForRequestsOptions {
  /** Seed of the random pair sample; same seed, same data → same model. */
  readonly seed: number;
  /** Request rows used for training (the first ones that pass the row checks); default 100,000. */
  readonly sample?: number;
  /** ISO timestamp recorded in the model's provenance. */
  readonly at?: string;
  /** The request file's date layout. */
  readonly dateFormat: Parameters<typeof matchInputFromRequestRow>[1];
}

/**
 * Trains a model without labels on the request file × register, as the accuracy benchmark does
 * (u from random pairs, λ from deterministic rules, m by EM; the backend runs it). Reads the request
 * rows once (a first pass of the file), keeping at most `sample` match records in memory.
 * Fails when there is nothing to train on or no pair passes the deterministic rules.
 * @param source - the opened request file (its rows are consumed)
 * @param backend - the register's trace backend
 * @param options - seed, sample size, provenance time, date layout
 */
export async function trainForRequests(
  source: RequestSource,
  backend: TraceBackend,
  options: TrainForRequestsOptions,
): Promise<Result<VersionedModel>> {
  const { records } = await sampleRecords(source, options.sample ?? 100_000, options.dateFormat);
  const trained = await backend.train(records, {
    seed: options.seed,
    ...(options.at === undefined ? {} : { at: options.at }),
  });
  if (!trained.success) {
    const reason = trained.issues.map((i) => i.message).join('; ');
    return fail({
      code: 'cannot-train',
      message: `cannot train a model on ${source.name} and the register (${reason}); pass one with --model`,
    });
  }
  return ok(versionModel(trained.data.model, true));
}
