import type { RegisterPerson } from '../core/person.js';
import type {
  CascadeCandidate,
  DecisionThresholds,
  MatchRecord,
  TermFrequencyLookup,
} from '../matching/index.js';
import {
  cascadeStep,
  type CascadeStepResult,
  type LevelledCandidate,
  probabilisticStep,
  traceDeterministic,
  type TraceResult,
} from '../matching/trace-decision.js';
import type { IndexedCandidate, MatchIndex } from '../storage/match-index.js';
import type { TraceBackend, TracerSettings } from './trace-backend.js';
import { answerRow, prepareRow, type PreparedRow, type RowTrace } from './trace-decide.js';
import type { SourceRow } from './request-source.js';
import { searchGather, type SearchGather } from './trace-search-gather.js';
import { trainWithIndex } from './trace-sql-train.js';

/** Candidates the SQL keeps per request by rank (the trace shows and decides over the top 5). */
export const SQL_KEEP = 5;

const NOTHING: TraceResult = { outcome: 'no-match', candidates: [], reasons: [] };

/** A chunk after the cascade: what deciding its rows needs, and the records left open. */
interface CascadedChunk {
  readonly prepared: readonly (PreparedRow | undefined)[];
  readonly exact: readonly CascadeCandidate[][];
  readonly steps: readonly (CascadeStepResult | undefined)[];
  readonly holders: ReadonlyMap<string, string>;
  readonly lookup: TermFrequencyLookup;
  /** Positions (among the rows that could be read) of the rows the cascade left open. */
  readonly open: readonly number[];
}

/** The cascade over the exact look-up (`exactCandidates`, one join) for every row of a chunk. */
async function cascadeChunk(
  index: MatchIndex,
  rows: readonly SourceRow[],
  settings: TracerSettings,
): Promise<CascadedChunk> {
  const prepared = rows.map((row) => prepareRow(row, settings.dateFormat));
  const records = prepared.flatMap((p) => (p === undefined ? [] : [p.record]));
  const cascadeOnly = settings.cascadeOnly === true;
  const exact = await index.exactCandidates(records);
  const lookup = await index.frequencies(cascadeOnly ? [] : records);
  const holders = await index.resolve(prepared.flatMap((p) => p?.supplied ?? []));
  const trace = { model: settings.model, lookup, ...thresholdsOf(settings) };
  const steps = records.map((record, i) =>
    cascadeOnly ? undefined : cascadeStep(record, exact[i] ?? [], trace),
  );
  const open = steps.flatMap((step, i) =>
    step !== undefined && step.final === undefined ? [i] : [],
  );
  return { prepared, exact, steps, holders, lookup, open };
}

function thresholdsOf(settings: TracerSettings): { thresholds?: DecisionThresholds } {
  return settings.thresholds === undefined ? {} : { thresholds: settings.thresholds };
}

/** Decides every row of a cascaded chunk, the open ones over the candidates their search found. */
function decideChunk(
  chunk: CascadedChunk,
  searched: readonly IndexedCandidate[][],
  settings: TracerSettings,
): { result: TraceResult; candidates: readonly CascadeCandidate[] }[] {
  const trace = { model: settings.model, lookup: chunk.lookup, ...thresholdsOf(settings) };
  const blocked = new Map(chunk.open.map((i, n) => [i, searched[n] ?? []]));
  let next = 0;
  return chunk.prepared.map((p) => {
    if (p === undefined) {
      return { result: NOTHING, candidates: [] };
    }
    const i = next;
    next += 1;
    const step = chunk.steps[i];
    const exactFound = chunk.exact[i] ?? [];
    if (step === undefined) {
      return { result: traceDeterministic(p.record, exactFound), candidates: exactFound };
    }
    if (step.final !== undefined) {
      return { result: step.final, candidates: exactFound };
    }
    // The SQL's comparison vectors (equal to compareRecords', by test) are reused for scoring.
    const candidates: LevelledCandidate[] = (blocked.get(i) ?? []).map((c) => ({
      id: c.id,
      record: c.record,
      levels: c.gammas,
    }));
    return { result: probabilisticStep(p.record, candidates, step.notes, trace), candidates };
  });
}

/**
 * Traces a chunk in two steps, as `traceTwoSteps` does one row: the cascade over the exact
 * look-up for every row (`cascadeChunk`), then the blocked and scored search (`search`) only
 * for the rows the cascade did not settle, through the run's gather (the open rows of several
 * chunks may be searched together). No connection is held while the chunk waits for its search.
 */
async function traceChunk(
  lanes: LanePool,
  gather: SearchGather<MatchRecord, IndexedCandidate>,
  rows: readonly SourceRow[],
  settings: TracerSettings,
): Promise<RowTrace[]> {
  const ticket = gather.enter();
  try {
    const chunk = await lanes.use((index) => cascadeChunk(index, rows, settings));
    const ready = chunk.prepared.flatMap((p) => (p === undefined ? [] : [p.record]));
    const searched = await ticket.search(chunk.open.map((i) => ready[i] as MatchRecord));
    const traced = decideChunk(chunk, searched, settings);
    const ids = [...traced.flatMap((t) => t.result.nhsNumber ?? []), ...chunk.holders.values()];
    const people: Map<string, RegisterPerson> = await lanes.use((index) => index.people(ids));
    const view = {
      holderOf: (number: string) => chunk.holders.get(number),
      person: (id: string) => people.get(id),
    };
    return rows.map((row, i) =>
      answerRow(row, chunk.prepared[i], traced[i] ?? { result: NOTHING, candidates: [] }, view),
    );
  } finally {
    ticket.leave();
  }
}

/** Chunks worked on at once: one scored in the engine while the other is decided here. */
const LANES = 2;

/** Handles on the index, each with its own connection, lent to one piece of work at a time. */
interface LanePool {
  /** Runs `work` on a free handle (waiting for one), then frees it. */
  use<T>(work: (lane: MatchIndex) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A pool of {@link LANES} handles on the index (the index itself and sessions opened on demand). */
function lanePool(index: MatchIndex): LanePool {
  const free: MatchIndex[] = [index];
  const waiting: ((lane: MatchIndex) => void)[] = [];
  const opened: Promise<MatchIndex>[] = [];
  const acquire = async (): Promise<MatchIndex> => {
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
  };
  const release = (lane: MatchIndex): void => {
    const next = waiting.shift();
    if (next === undefined) {
      free.push(lane);
    } else {
      next(lane);
    }
  };
  return {
    async use<T>(work: (lane: MatchIndex) => Promise<T>): Promise<T> {
      const lane = await acquire();
      try {
        return await work(lane);
      } finally {
        release(lane);
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
 * are blocked and scored in one query (`MatchIndex.search`). Every row is decided by the same
 * `cascadeStep` and `probabilisticStep` as in memory, over the candidates the queries kept (all
 * that the decision looks at), so the response is the same as the in-process path's. Memory is
 * bounded by the chunk, not the register. Two chunks may be in flight at once, each on its own
 * connection, so the engine scores one while this process decides the other.
 * @param index - the register's match index
 */
export function sqlBackend(index: MatchIndex): TraceBackend {
  const lanes = lanePool(index);
  return {
    execution: 'sql',
    registerPeople: index.status.people,
    blocking: { rules: index.rules, cap: index.cap },
    keyCounts: (requests) => index.keyCounts(requests),
    train: (requests, options) => trainWithIndex(index, requests, options),
    tracer: (settings) => {
      const gather = searchGather<MatchRecord, IndexedCandidate>(
        (records) => lanes.use((lane) => lane.search(records, settings.model, { keep: SQL_KEEP })),
        settings.gatherRows ?? 0,
      );
      return {
        trace: (rows) => traceChunk(lanes, gather, rows, settings),
        flush: () => {
          gather.flush();
        },
      };
    },
    close: async () => {
      await lanes.close();
      await index.close();
    },
  };
}
