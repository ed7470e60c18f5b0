import { csvLine } from '../formats/csv-line.js';
import { responseRow } from '../formats/pds-mesh-response.js';
import type { SourceRow } from './request-source.js';
import type { ChunkAnswers } from './trace-backend.js';
import { CleansingLines, joinCleansing, type CleansingText } from './trace-cleansing.js';
import type { RowTrace } from './trace-decide.js';
import { countRow, emptyCounts, type TraceCounts } from './trace-report-counts.js';
import { reviewOutcome } from './trace-review-queue.js';

/**
 * What a traced chunk writes, made on the thread that traced it: the response's lines, the
 * cleansing files' lines, the chunk's counts, and the rows for people (review and multiple).
 * Only text, numbers and the few review rows: a trace worker sends this back instead of the
 * chunk's answers, whose objects would cost more to copy than to make.
 */
export interface ChunkText {
  /** The chunk's rows. */
  readonly rows: number;
  /** The response file's lines (`responseRow`), joined. */
  readonly response: string;
  readonly cleansing: CleansingText;
  /** The chunk's counts (`countRow`), to add to the run's (`addCounts`). */
  readonly counts: TraceCounts;
  /** The rows whose outcome is for people (`reviewOutcome`), and their traces. */
  readonly review: { readonly rows: SourceRow[]; readonly answers: RowTrace[] };
}

/** Gathers a {@link ChunkText} from rows traced in one or more parts. */
export class ChunkTextBuilder {
  #rows = 0;
  readonly #response: string[] = [];
  readonly #cleansing: CleansingText[] = [];
  readonly #counts = emptyCounts();
  readonly #review: { rows: SourceRow[]; answers: RowTrace[] } = { rows: [], answers: [] };

  /**
   * Adds traced rows, asking for each answer once (each lives only while its row is written).
   * Their lines are joined at once: one long string a part, which a young-generation
   * collection does not copy, rather than a string a row, which it copies until the chunk is
   * sent.
   * @param rows - the rows, in file order after those added before
   * @param answers - their answers
   */
  add(rows: readonly SourceRow[], answers: ChunkAnswers): void {
    if (answers.length !== rows.length) {
      throw new Error(`the tracer answered ${answers.length} of ${rows.length} rows`);
    }
    const lines: string[] = [];
    const cleansing = new CleansingLines();
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i] as SourceRow;
      const traced = answers.answer(i);
      if (reviewOutcome(traced) !== undefined) {
        this.#review.rows.push(row);
        this.#review.answers.push(traced);
      }
      lines.push(csvLine(responseRow(row.row, traced.answer)));
      cleansing.add(row, traced);
      countRow(this.#counts, traced, row);
    }
    this.#rows += rows.length;
    this.#response.push(lines.join(''));
    this.#cleansing.push(cleansing.text());
  }

  /** What the rows added write. */
  text(): ChunkText {
    return {
      rows: this.#rows,
      response: this.#response.join(''),
      cleansing: joinCleansing(this.#cleansing),
      counts: this.#counts,
      review: this.#review,
    };
  }
}

/**
 * The text of one traced chunk ({@link ChunkTextBuilder}).
 * @param rows - the chunk's rows
 * @param answers - their answers
 */
export function chunkText(rows: readonly SourceRow[], answers: ChunkAnswers): ChunkText {
  const builder = new ChunkTextBuilder();
  builder.add(rows, answers);
  return builder.text();
}
