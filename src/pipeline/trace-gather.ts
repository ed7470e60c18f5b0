/**
 * Gathers the work of several chunks into one query. Against a large register every look-up
 * and every search pays for scans of tables of the register's size whatever the number of rows
 * it takes (docs/benchmarks.md, session 11), so fewer, larger queries cost less than one per
 * chunk: the trace gathers its exact look-ups and, apart, the rows the cascade leaves open.
 *
 * Each chunk takes a {@link GatherTicket} when it is handed over, in the order the run hands
 * them over, and gives its items to it when it has them. A query starts when the gathered items
 * reach `size`, or when the run is about to wait for a chunk whose items are still gathered or
 * not yet given (`flush`). With `size` 0 every chunk's items go on their own as soon as they are
 * given, and no flush is needed.
 */

/** Runs one query over a list of items, answering one result per item in the same order. */
export type GatherRun<I, O> = (items: readonly I[]) => Promise<O[]>;

/** One chunk's place in a gather. */
export interface GatherTicket<I, O> {
  /**
   * Gives the chunk's items (at most once) and resolves with their results, one per item, when
   * the query that took them has run.
   * @param items - the chunk's items
   */
  submit(items: readonly I[]): Promise<O[]>;
  /** Withdraws a chunk that failed before giving its items (does nothing after `submit`). */
  leave(): void;
}

/** Items of one chunk, waiting for a query. */
interface Waiting<I, O> {
  readonly seq: number;
  readonly items: readonly I[];
  readonly resolve: (found: O[]) => void;
  readonly reject: (error: unknown) => void;
}

/** A gather of a run's queries of one kind (see the file's comment). */
export interface Gather<I, O> {
  /** A ticket for the next chunk handed over. */
  enter(): GatherTicket<I, O>;
  /**
   * Says the run is about to wait for the oldest chunk it handed over that has no results yet:
   * if that chunk is not in a started query, its items go, with whatever else is gathered, as
   * soon as they are given (at once if they already are).
   */
  flush(): void;
}

/**
 * A gather that starts a query of the items it holds once they reach `size` (0: at once).
 * @param run - runs one query (its failure fails every chunk it held)
 * @param size - items to gather before a query starts without a flush
 */
export function gather<I, O>(run: GatherRun<I, O>, size: number): Gather<I, O> {
  let nextSeq = 0;
  /** Chunks handed over whose results are not in yet, by sequence. */
  const unanswered = new Set<number>();
  let waiting: Waiting<I, O>[] = [];
  let gathered = 0;
  let barrier = -1;

  const start = (): void => {
    const batch = waiting;
    waiting = [];
    gathered = 0;
    const items = batch.flatMap((w) => w.items);
    run(items).then(
      (found) => {
        let at = 0;
        for (const w of batch) {
          unanswered.delete(w.seq);
          w.resolve(found.slice(at, at + w.items.length));
          at += w.items.length;
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
    if (waiting.length > 0 && (gathered >= size || waiting.some((w) => w.seq <= barrier))) {
      start();
    }
  };

  return {
    enter(): GatherTicket<I, O> {
      const seq = nextSeq;
      nextSeq += 1;
      unanswered.add(seq);
      let given = false;
      return {
        submit(items: readonly I[]): Promise<O[]> {
          if (given) {
            return Promise.reject(new Error('a chunk gave its items to a gather twice'));
          }
          given = true;
          if (items.length === 0) {
            unanswered.delete(seq);
            startIfDue();
            return Promise.resolve([]);
          }
          return new Promise<O[]>((resolve, reject) => {
            waiting.push({ seq, items, resolve, reject });
            gathered += items.length;
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
        // a started query, this changes nothing).
        barrier = Math.max(barrier, seq);
        break;
      }
      startIfDue();
    },
  };
}
