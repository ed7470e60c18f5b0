import { fail } from '../core/result.js';
import { emptyRequestRow } from '../formats/pds-mesh-columns.js';
import type { CsvStop, CsvStopCode } from './request-source-records.js';
import type { SourceRow } from './request-source-row.js';

const REASONS: Readonly<Record<CsvStopCode, string>> = {
  'unclosed-quote': 'a quoted field that starts on this line is never closed',
  'record-too-long':
    'the record starting on this line is too long (an unclosed quote, or no line ends)',
  unreadable: 'the CSV cannot be read from this line',
};

/**
 * The last row of a file that stops being readable: a parse error (`01`) on the line where the
 * unreadable record starts, saying that the rest of the file was not read.
 * @param stop - where and why reading stopped
 * @param rowIndex - the index the row takes among the data rows
 */
export function stopRow(stop: CsvStop, rowIndex: number): SourceRow {
  return {
    lineNumber: stop.startLine,
    rowIndex,
    row: emptyRequestRow(),
    result: fail({
      code: '01',
      field: 'row',
      message: `${REASONS[stop.code]}, so the rest of the file (from line ${stop.startLine}) was not read`,
    }),
  };
}
