import type { DuckDBAppender } from '@duckdb/node-api';

/**
 * Appends a text value, or NULL when it is absent.
 * @param appender - the open appender
 * @param value - the text; `null` or `undefined` for NULL
 */
export function appendText(appender: DuckDBAppender, value: string | null | undefined): void {
  if (value === null || value === undefined) {
    appender.appendNull();
  } else {
    appender.appendVarchar(value);
  }
}

/**
 * Appends an INTEGER value, or NULL when it is absent.
 * @param appender - the open appender
 * @param value - the number; `null` or `undefined` for NULL
 */
export function appendInteger(appender: DuckDBAppender, value: number | null | undefined): void {
  if (value === null || value === undefined) {
    appender.appendNull();
  } else {
    appender.appendInteger(value);
  }
}
