import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { fail, ok, type Result } from '../core/result.js';
import type { RegisterPerson } from '../core/person.js';
import type { PdsMeshRequestRow } from '../formats/pds-mesh-columns.js';
import { parseRequestRow } from '../formats/pds-mesh-request.js';
import {
  NO_MATCH_NHS_NO,
  responseRow,
  TRACE_RESPONSE_COLUMNS,
  type ResponseAnswer,
} from '../formats/pds-mesh-response.js';
import { buildMatchRecord, fromRegisterPerson } from '../matching/index.js';
import type {
  ReviewCandidate,
  ReviewDecision,
  ReviewEntry,
  ReviewStore,
  TraceJob,
} from '../storage/review-store.js';
import { matchInputFromRequestRow } from './in-memory-request.js';
import { LOAD_COLUMNS, LOAD_STATUS } from './trace-cleansing.js';
import { invalidatedAnswer } from './trace-invalidated.js';
import { matchedConflicts } from './trace-conflicts.js';
import { explanationText } from './trace-explain.js';
import { openCsvSink, traceOutputPaths } from './trace-output.js';

/** What {@link finaliseTrace} needs. */
export interface FinaliseOptions {
  /** The run's response file (`trace --out`); its `.load.csv` and `.report.json` sit beside it. */
  readonly responsePath: string;
  /** The job; default the `jobId` of the run's `.report.json`. */
  readonly jobId?: string;
  /** The review store holding the job's decisions. */
  readonly reviews: ReviewStore;
  /** The register's current record for a number (superseded numbers followed). */
  readonly lookup: (nhsNumber: string) => Promise<RegisterPerson | undefined>;
}

/** What a finalise wrote and counted. */
export interface FinaliseSummary {
  readonly jobId: string;
  /** Data rows of the response. */
  readonly rows: number;
  /** Rows a reviewer matched to a candidate (now `matched`). */
  readonly accepted: number;
  /** Rows a reviewer rejected (now `no-match`). */
  readonly rejected: number;
  /** `review` and `multiple` rows with no decision: written as they were. */
  readonly undecided: number;
  /** Decisions whose row in the response is no longer the item decided (another run): not applied. */
  readonly stale: number;
  /** Accepted numbers the register no longer holds: not applied, the row is left as it was. */
  readonly missing: number;
  /** The files written. */
  readonly files: { readonly response: string; readonly load: string };
}

/**
 * The final files of a run: `RESPONSE.final.csv` and `RESPONSE.final.load.csv`.
 * @param out - the run's response path
 */
export function finalOutputPaths(out: string): { response: string; load: string } {
  const stem = out.replace(/\.csv$/i, '');
  return { response: `${stem}.final.csv`, load: `${stem}.final.load.csv` };
}

const dayOf = (iso: string): string => iso.slice(0, 10);

function candidateOf(entry: ReviewEntry, nhsNumber: string): ReviewCandidate | undefined {
  return entry.item.candidates.find((c) => c.nhsNumber === nhsNumber);
}

const asTraced = (c: ReviewCandidate | undefined) =>
  c === undefined
    ? undefined
    : { id: c.nhsNumber, weight: c.weight, probability: c.probability, explanation: c.explanation };

function withReviewer(note: string, explanation: string): string {
  return explanation === '' ? note : `${note}; ${explanation}`;
}

/** The answer for an accepted row: matched to the person, as the trace answers a match. */
function acceptedAnswer(
  decision: ReviewDecision,
  candidate: ReviewCandidate | undefined,
  person: RegisterPerson,
): ResponseAnswer {
  const note = `confirmed by reviewer ${decision.decidedBy} on ${dayOf(decision.decidedAt)}`;
  return {
    code: person.restricted ? '92' : '00',
    outcome: 'matched',
    matchedNhsNumber: person.nhsNumber,
    algorithmIndicator: '4',
    confidence: '100',
    person,
    ...(candidate === undefined
      ? {}
      : { weight: candidate.weight, probability: candidate.probability }),
    explanation: withReviewer(note, explanationText(asTraced(candidate))),
  };
}

/** The answer for a rejected row: no match, as the trace answers one. */
function rejectedAnswer(
  decision: ReviewDecision,
  best: ReviewCandidate | undefined,
): ResponseAnswer {
  const note = `rejected by reviewer ${decision.decidedBy} on ${dayOf(decision.decidedAt)}`;
  return {
    code: '98',
    outcome: 'no-match',
    matchedNhsNumber: NO_MATCH_NHS_NO,
    algorithmIndicator: '0',
    confidence: '',
    ...(best === undefined ? {} : { weight: best.weight, probability: best.probability }),
    explanation: withReviewer(note, explanationText(asTraced(best))),
  };
}

/**
 * The load file's changed fields for an accepted row: as the trace lists them for a match, and
 * the date of birth when the local one differs from the register's (a reviewer may accept a
 * person whose local date of birth is wrong: the response carries the register's).
 */
function changedFields(request: PdsMeshRequestRow, person: RegisterPerson, job: TraceJob): string {
  const parsed = parseRequestRow(request, { dateFormat: job.dateFormat, genderCodes: 'any' });
  const checked = parsed.success ? parsed.data : undefined;
  const supplied = checked?.nhsNumber?.status === 'valid' ? checked.nhsNumber.value : undefined;
  const deathIso = checked?.dateOfDeath?.iso;
  const record = buildMatchRecord(matchInputFromRequestRow(request, job.dateFormat));
  const conflicts = matchedConflicts(
    {
      row: request,
      record,
      ...(supplied === undefined ? {} : { supplied }),
      ...(deathIso === undefined ? {} : { deathIso }),
    },
    person,
    fromRegisterPerson(person),
  );
  const localBirth = checked?.birthDate?.iso;
  const birthDiffers = localBirth !== undefined && localBirth !== person.birthDate;
  const fields = [...(birthDiffers ? ['DATE_OF_BIRTH'] : []), ...conflicts.map((c) => c.field)];
  return [...new Set(fields)].join(';');
}

async function jobIdOf(options: FinaliseOptions): Promise<Result<string>> {
  if (options.jobId !== undefined) {
    return ok(options.jobId);
  }
  const reportPath = traceOutputPaths(options.responsePath).report;
  try {
    const report = JSON.parse(await readFile(reportPath, 'utf8')) as { jobId?: unknown };
    if (typeof report.jobId === 'string' && report.jobId !== '') {
      return ok(report.jobId);
    }
    return fail({
      code: 'no-job-id',
      path: reportPath,
      message: `${reportPath}: the report names no jobId (give the job's id)`,
    });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'not JSON';
    return fail({
      code: 'no-report',
      path: reportPath,
      message: `${reportPath}: cannot read the run's report (${reason}); give the job's id`,
    });
  }
}

/** A CSV file's records, streamed, header first; fails on a header other than `expected`. */
async function openTable(
  path: string,
  expected: readonly string[],
  what: string,
): Promise<Result<AsyncIterator<string[]>>> {
  const stream = createReadStream(path);
  const opened = await new Promise<NodeJS.ErrnoException | undefined>((done) => {
    stream.once('open', () => {
      done(undefined);
    });
    stream.once('error', (error) => {
      done(error);
    });
  });
  if (opened !== undefined) {
    return fail({
      code: 'unreadable',
      path,
      message: `${path}: cannot open the ${what} (${opened.code ?? 'error'})`,
    });
  }
  const records = stream
    .pipe(parse({ bom: true, relax_column_count: true }))
    [Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const header = await records.next().catch(() => undefined);
  const cells = header === undefined || header.done === true ? [] : header.value;
  if (cells.length !== expected.length || cells.some((c, i) => c !== expected[i])) {
    stream.destroy();
    return fail({
      code: 'not-a-response',
      path,
      message: `${path}: line 1: not a ${what} of nhs-trace (expected the columns ${expected.slice(0, 3).join(', ')}, …)`,
    });
  }
  return ok(records);
}

/** A row's decision to apply, or why it is not applied. */
type Applied =
  | { readonly kind: 'keep' }
  | { readonly kind: 'stale' }
  | { readonly kind: 'missing' }
  | {
      readonly kind: 'accepted' | 'rejected';
      readonly response: string[];
      readonly load: string[];
    };

const COLUMN = Object.fromEntries(TRACE_RESPONSE_COLUMNS.map((c, i) => [c, i])) as Record<
  (typeof TRACE_RESPONSE_COLUMNS)[number],
  number
>;

async function applyDecision(
  cells: readonly string[],
  entry: ReviewEntry | undefined,
  context: { readonly job: TraceJob; readonly lookup: FinaliseOptions['lookup'] },
): Promise<Applied> {
  const outcome = cells[COLUMN.TRACE_OUTCOME];
  const underReview = outcome === 'review' || outcome === 'multiple';
  const decision = entry?.decision;
  if (entry === undefined || decision === undefined) {
    return { kind: 'keep' };
  }
  if (!underReview || cells[COLUMN['UNIQUE REFERENCE']] !== entry.item.reference) {
    return { kind: 'stale' };
  }
  const { item } = entry;
  if (decision.verdict === 'reject') {
    return {
      kind: 'rejected',
      response: responseRow(item.request, rejectedAnswer(decision, item.candidates[0])),
      load: [item.reference, item.localPatientId, '', LOAD_STATUS['no-match'], ''],
    };
  }
  const person = await context.lookup(decision.nhsNumber);
  if (person === undefined) {
    return { kind: 'missing' };
  }
  if (person.invalidated === true) {
    // Accepted, but the record is invalidated: answered as the trace answers one (code 91).
    const note = `confirmed by reviewer ${decision.decidedBy} on ${dayOf(decision.decidedAt)}`;
    return {
      kind: 'accepted',
      response: responseRow(item.request, invalidatedAnswer(note)),
      load: [item.reference, item.localPatientId, '', LOAD_STATUS['no-match'], ''],
    };
  }
  const candidate = candidateOf(entry, decision.nhsNumber);
  return {
    kind: 'accepted',
    response: responseRow(item.request, acceptedAnswer(decision, candidate, person)),
    load: [
      item.reference,
      item.localPatientId,
      person.nhsNumber,
      LOAD_STATUS.matched,
      changedFields(item.request, person, context.job),
    ],
  };
}

/**
 * Writes a run's final response and load file with the reviewers' decisions applied, without
 * tracing again: reads `RESPONSE.csv` and `RESPONSE.load.csv` as the run wrote them and the
 * job's current decisions, and writes `RESPONSE.final.csv` and `RESPONSE.final.load.csv`
 * (atomically). An accepted row becomes `matched` with the person's current number and
 * demographics from the register (code `00`; `92` for a restricted person, whose location is
 * withheld exactly as the trace does; `91` with `0000000000`, no demographics and load status `04`
 * for an invalidated record), confidence 100 and an explanation saying a reviewer
 * confirmed it; its load row gets status `01` and the changed fields. A rejected row becomes
 * `no-match` (`98`, `0000000000`), load status `04`. Every other row is copied unchanged;
 * `review` and `multiple` rows with no decision are counted as undecided. A decision is applied
 * only when its row is still under review with the same reference (else counted as stale).
 * Fails (as a value) when a file is missing or not what the run wrote, or the job is unknown.
 * @param options - the response path, job, review store and register lookup
 */
export async function finaliseTrace(options: FinaliseOptions): Promise<Result<FinaliseSummary>> {
  const jobId = await jobIdOf(options);
  if (!jobId.success) {
    return jobId;
  }
  const job = await options.reviews.getJob(jobId.data);
  if (job === undefined) {
    return fail({
      code: 'unknown-job',
      message: `job ${jobId.data} is not in the store (was the run traced with this --db?)`,
    });
  }
  const loadPath = traceOutputPaths(options.responsePath).load;
  const responses = await openTable(options.responsePath, TRACE_RESPONSE_COLUMNS, 'response file');
  if (!responses.success) {
    return responses;
  }
  const loads = await openTable(loadPath, LOAD_COLUMNS, 'load file');
  if (!loads.success) {
    await responses.data.return?.();
    return loads;
  }
  const decided = new Map(
    (await options.reviews.listItems(job.id, { status: 'decided' })).map((e) => [e.item.row, e]),
  );
  const paths = finalOutputPaths(options.responsePath);
  const response = openCsvSink(paths.response, TRACE_RESPONSE_COLUMNS);
  const load = openCsvSink(paths.load, LOAD_COLUMNS);
  const counts = { rows: 0, accepted: 0, rejected: 0, undecided: 0, stale: 0, missing: 0 };
  try {
    for (;;) {
      const next = await responses.data.next();
      if (next.done === true) {
        break;
      }
      counts.rows += 1;
      const loadRow = await loads.data.next();
      if (loadRow.done === true) {
        throw new Error(`${loadPath}: has fewer rows than the response (${counts.rows - 1})`);
      }
      if (loadRow.value[0] !== next.value[0]) {
        throw new Error(
          `${loadPath}: line ${counts.rows + 1}: UNIQUE REFERENCE differs from the response's row ${counts.rows}; not this response's load file`,
        );
      }
      const applied = await applyDecision(next.value, decided.get(counts.rows), {
        job,
        lookup: options.lookup,
      });
      if (applied.kind === 'accepted' || applied.kind === 'rejected') {
        counts[applied.kind] += 1;
        await response.write(applied.response);
        await load.write(applied.load);
        continue;
      }
      if (applied.kind === 'stale' || applied.kind === 'missing') {
        counts[applied.kind] += 1;
      }
      const outcome = next.value[COLUMN.TRACE_OUTCOME];
      // A row still under review (no decision, or one that cannot be applied) stays as it was.
      counts.undecided += outcome === 'review' || outcome === 'multiple' ? 1 : 0;
      await response.write(next.value);
      await load.write(loadRow.value);
    }
    if ((await loads.data.next()).done !== true) {
      throw new Error(`${loadPath}: has more rows than the response (${counts.rows})`);
    }
    await response.commit();
    await load.commit();
  } catch (error) {
    await Promise.all([response.abort(), load.abort()]);
    await Promise.all([responses.data.return?.(), loads.data.return?.()]);
    if (error instanceof Error && error.message.startsWith(loadPath)) {
      return fail({ code: 'load-mismatch', path: loadPath, message: error.message });
    }
    const csvCode = (error as { code?: unknown }).code;
    if (typeof csvCode === 'string' && csvCode.startsWith('CSV_')) {
      const message = error instanceof Error ? error.message : String(error);
      return fail({
        code: 'malformed-csv',
        message: `${options.responsePath} or its load file: ${message}`,
      });
    }
    throw error;
  }
  return ok({ jobId: job.id, ...counts, files: { response: paths.response, load: paths.load } });
}
