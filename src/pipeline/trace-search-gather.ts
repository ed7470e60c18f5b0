/**
 * Gathers the rows the cascade leaves open across chunks, so that one search covers the open
 * rows of several chunks. Against a large register every search pays for scans of tables of the
 * register's size whatever the number of rows it searches (docs/benchmarks.md, session 11), so
 * fewer, larger searches cost less than one per chunk.
 *
 * Each chunk takes a {@link SearchTicket} when it is handed over, in the order the run hands them
 * over, and gives its open records to it once its cascade is done. A search starts when the
 * gathered records reach `rows`, or when the run is about to wait for a chunk whose records are
 * still gathered or not yet given (`flush`). With `rows` 0 every chunk is searched on its own
 * as soon as its records are given, and no flush is needed.
 */

/** Searches a list of records, answering one list per record in the same order. */
export type SearchRun<R, C> = (records: readonly R[]) => Promise<C[][]>;

/** One chunk's place in the gather. */
export interface SearchTicket<R, C> {
  /**
   * Gives the chunk's open records (at most once) and resolves with their candidates, one list
   * per record, when the search that took them has run.
   * @param records - the chunk's open records
   */
  search(records: readonly R[]): Promise<C[][]>;
  /** Withdraws a chunk that failed before giving its records (does nothing after `search`). */
  leave(): void;
}

/** Records of one chunk, waiting for a search. */
interface Waiting<R, C> {
  readonly seq: number;
  readonly records: readonly R[];
  readonly resolve: (found: C[][]) => void;
  readonly reject: (error: unknown) => void;
}

/** The gather of a run's searches (see the file's comment). */
export interface SearchGather<R, C> {
  /** A ticket for the next chunk handed over. */
  enter(): SearchTicket<R, C>;
  /**
   * Says the run is about to wait for the oldest chunk it handed over that has no candidates
   * yet: if that chunk is not in a started search, it is searched, with whatever else is
   * gathered, as soon as its records are given (at once if they already are).
   */
  flush(): void;
}

/**
 * A gather that starts a search of the records it holds once they reach `rows` (0: at once).
 * @param run - runs one search (its failure fails every chunk it held)
 * @param rows - records to gather before a search starts without a flush
 */
export function searchGather<R, C>(run: SearchRun<R, C>, rows: number): SearchGather<R, C> {
  let nextSeq = 0;
  /** Chunks handed over whose candidates have not yet been found, by sequence. */
  const unanswered = new Set<number>();
  let waiting: Waiting<R, C>[] = [];
  let gathered = 0;
  let barrier = -1;

  const start = (): void => {
    const batch = waiting;
    waiting = [];
    gathered = 0;
    const records = batch.flatMap((w) => w.records);
    run(records).then(
      (found) => {
        let at = 0;
        for (const w of batch) {
          unanswered.delete(w.seq);
          w.resolve(found.slice(at, at + w.records.length));
          at += w.records.length;
        }
      },
      (error: unknown) => {
        for (const w of batch) {
          unanswered.delete(w.seq);
          w.reject(error);
        }
      },
    );
  };
  const startIfDue = (): void => {
    if (waiting.length > 0 && (gathered >= rows || waiting.some((w) => w.seq <= barrier))) {
      start();
    }
  };

  return {
    enter(): SearchTicket<R, C> {
      const seq = nextSeq;
      nextSeq += 1;
      unanswered.add(seq);
      let given = false;
      return {
        search(records: readonly R[]): Promise<C[][]> {
          if (given) {
            return Promise.reject(new Error('a chunk gave its records to the search twice'));
          }
          given = true;
          if (records.length === 0) {
            unanswered.delete(seq);
            startIfDue();
            return Promise.resolve([]);
          }
          return new Promise<C[][]>((resolve, reject) => {
            waiting.push({ seq, records, resolve, reject });
            gathered += records.length;
            startIfDue();
          });
        },
        leave(): void {
          if (!given) {
            given = true;
            unanswered.delete(seq);
            startIfDue();
          }
        },
      };
    },
    flush(): void {
      for (const seq of unanswered) {
        // A Set iterates in insertion order: the first is the oldest chunk not yet answered (in
        // a started search, this changes nothing).
        barrier = Math.max(barrier, seq);
        break;
      }
      startIfDue();
    },
  };
}
