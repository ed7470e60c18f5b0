import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll } from 'vitest';

/**
 * An in-memory DuckDB connection for a test file that holds TypeScript equal to DuckDB (string
 * functions, `hash()`): opened before the file's tests, closed after them.
 * @returns a getter of the open connection
 */
export function useDuckDbConnection(): () => DuckDBConnection {
  let connection: DuckDBConnection | undefined;
  beforeAll(async () => {
    const instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
  });
  afterAll(() => {
    connection?.closeSync();
  });
  return () => {
    if (connection === undefined) {
      throw new Error('the DuckDB connection is open only while the tests run');
    }
    return connection;
  };
}
