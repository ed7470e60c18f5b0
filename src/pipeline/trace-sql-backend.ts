import type { RegisterPerson } from '../core/person.js';
import type { MatchRecord } from '../matching/index.js';
import {
  cascadeStep,
  type LevelledCandidate,
  probabilisticStep,
  traceDeterministic,
  type TraceResult,
} from '../matching/trace-decision.js';
import { parsePerson, type MatchIndex } from '../storage/match-index.js';
import {
  CHUNKS_IN_FLIGHT,
  chunkAnswers,
  type ChunkAnswers,
  type TraceBackend,
  type TracerSettings,
} from './trace-backend.js';
import { answerRow, prepareRow, type PreparedRow } from './trace-decide.js';
import type { SourceRow } from './request-source.js';
import { trainWithIndex } from './trace-sql-train.js';
import { workerPipeline, type TraceWorkers } from './trace-pipeline.js';

/** Candidates the search keeps per request by rank (the trace shows and decides over the top 5). */
export const SQL_KEEP = 5;

const NOTHING: TraceResult = { outcome: 'no-match', candidates: [], reasons: [] };

/**
 * Traces a chunk in two steps, as `traceTwoSteps` does one row: the cascade over the exact
 * look-up (`exactCandidates`) for every row, then the blocked and scored search
 * (`search`) only for the rows the cascade did not settle.
 */
export async function traceChunk(
  index: MatchIndex,
  rows: readonly SourceRow[],
  settings: TracerSettings,
): Promise<ChunkAnswers> {
  const prepared = rows.map((row) => prepareRow(row, settings.dateFormat));
  const ready = prepared.filter((p): p is PreparedRow => p !== undefined);
  const records = ready.map((p) => p.record);
  const cascadeOnly = settings.cascadeOnly === true;
  const exact = await index.exactCandidates(records);
  // The cascade alone scores nothing: it needs no term frequencies.
  const lookup = cascadeOnly ? undefined : await index.frequencies();
  const holders = await index.resolve(ready.flatMap((p) => p.supplied ?? []));
  const trace = {
    model: settings.model,
    ...(lookup === undefined ? {} : { lookup }),
    ...(settings.thresholds === undefined ? {} : { thresholds: settings.thresholds }),
  };
  const steps = records.map((record, i) =>
    cascadeOnly ? undefined : cascadeStep(record, exact[i] ?? [], trace),
  );
  const open = steps.flatMap((step, i) =>
    step !== undefined && step.final === undefined ? [i] : [],
  );
  // The people already decided on (the cascade's matches, the supplied numbers' holders) are
  // read beside the search, on its worker.
  const decided = steps.flatMap((step) => step?.final?.nhsNumber ?? []);
  const searched = await index.search(
    open.map((i) => records[i] as MatchRecord),
    settings.model,
    { keep: SQL_KEEP, people: [...decided, ...holders.values()] },
  );
  const blocked = new Map(open.map((i, n) => [i, searched[n] ?? []]));
  let next = 0;
  const traced = prepared.map((p) => {
    if (p === undefined) {
      return { result: NOTHING, candidates: [] };
    }
    const i = next;
    next += 1;
    const step = steps[i];
    const exactFound = exact[i] ?? [];
    if (step === undefined) {
      return { result: traceDeterministic(p.record, exactFound), candidates: exactFound };
    }
    if (step.final !== undefined) {
      return { result: step.final, candidates: exactFound };
    }
    // The search's comparison vectors (compareRecords') are reused for scoring.
    const candidates: LevelledCandidate[] = (blocked.get(i) ?? []).map((c) => ({
      id: c.id,
      record: c.record,
      levels: c.gammas,
    }));
    return { result: probabilisticStep(p.record, candidates, step.notes, trace), candidates };
  });
  const ids = [...traced.flatMap((t) => t.result.nhsNumber ?? []), ...holders.values()];
  const people = await index.people(ids);
  // A person is parsed as the row is answered (`ChunkAnswers`); a row asks for its matched
  // person and its supplied number's holder, often the same one.
  let last: { readonly id: string; readonly person: RegisterPerson | undefined } | undefined;
  const view = {
    holderOf: (number: string) => holders.get(number),
    person: (id: string): RegisterPerson | undefined => {
      if (last?.id !== id) {
        const text = people.get(id);
        last = { id, person: text === undefined ? undefined : parsePerson(text) };
      }
      return last.person;
    },
  };
  return chunkAnswers(rows, (row, i) =>
    answerRow(row, prepared[i], traced[i] ?? { result: NOTHING, candidates: [] }, view),
  );
}

/**
 * Chunks worked on at once: as many as a trace has in flight, so that while one is decided here
 * the others are searched on the workers.
 */
const LANES = CHUNKS_IN_FLIGHT;

/** Handles on the index, one per chunk in flight (each with its own connection). */
function lanePool(index: MatchIndex) {
  const free: MatchIndex[] = [index];
  const waiting: ((lane: MatchIndex) => void)[] = [];
  const opened: Promise<MatchIndex>[] = [];
  return {
    async acquire(): Promise<MatchIndex> {
      const lane = free.pop();
      if (lane !== undefined) {
        return lane;
      }
      if (opened.length < LANES - 1) {
        const session = index.session();
        opened.push(session);
        return session;
      }
      return new Promise((resolve) => {
        waiting.push(resolve);
      });
    },
    release(lane: MatchIndex): void {
      const next = waiting.shift();
      if (next === undefined) {
        free.push(lane);
      } else {
        next(lane);
      }
    },
    async close(): Promise<void> {
      const sessions = await Promise.allSettled(opened);
      for (const session of sessions) {
        if (session.status === 'fulfilled') {
          await session.value.close();
        }
      }
    },
  };
}

/**
 * The set-based backend: the register stays in the store; each chunk's rows go through the
 * cascade over one exact look-up (`MatchIndex.exactCandidates`), and the rows it does not settle
 * are blocked and scored in one search (`MatchIndex.search`). Every row is decided by the same
 * `cascadeStep` and `probabilisticStep` as in memory, over the candidates the queries kept (all
 * that the decision looks at), so the response is the same as the in-process path's. Memory is
 * bounded by the chunk, not the register. Two chunks may be in flight at once, each on its own
 * connection, so one is searched (on the index's worker threads) while this process decides the
 * other.
 * With `workers`, whole chunks are traced on worker threads once the index can be shared
 * (`workerPipeline`), from their rows as read to their text, by this same `traceChunk`.
 * @param index - the register's match index
 * @param workers - how to start trace workers (the adapter's entry); none: chunks are traced here
 */
export function sqlBackend(index: MatchIndex, workers?: TraceWorkers): TraceBackend {
  const lanes = lanePool(index);
  return {
    ...(workers === undefined || index.shareable === undefined
      ? {}
      : {
          pipeline: (settings, reading) => workerPipeline(index, settings, reading, workers),
        }),
    execution: 'sql',
    registerPeople: index.status.people,
    blocking: { rules: index.rules, cap: index.cap },
    keyCounts: (requests) => index.keyCounts(requests),
    train: (requests, options) => trainWithIndex(index, requests, options),
    tracer: (settings) => ({
      trace: async (rows) => {
        const lane = await lanes.acquire();
        try {
          return await traceChunk(lane, rows, settings);
        } finally {
          lanes.release(lane);
        }
      },
    }),
    close: async () => {
      await lanes.close();
      await index.close();
    },
  };
}
