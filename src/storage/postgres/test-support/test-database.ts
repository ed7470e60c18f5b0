import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL server tests run against, and throw-away schemas in it: each test file gets
 * its own random prefix, so parallel files and re-runs never collide, and drops its schemas
 * when it ends. Override the server with `NHS_TRACE_TEST_PG_URL`.
 */

/** The server and database tests use. */
export const TEST_PG_URL =
  process.env['NHS_TRACE_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A source of fresh schema names under one random prefix, and their clean-up. */
export interface TestSchemas {
  /** A schema name not used before (the store creates it on open). */
  next(): string;
  /** Drops every schema handed out. */
  dropAll(): Promise<void>;
}

/**
 * Fails (rather than skips) with a message saying how to start the server when it cannot be
 * reached: CI starts PostgreSQL before the tests.
 * @param url - the server to check
 */
export async function assertPostgresReachable(url: string = TEST_PG_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `PostgreSQL is not reachable at ${url} (${reason}); start it with ` +
        `'pg_ctlcluster 15 main start' (or set NHS_TRACE_TEST_PG_URL)`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Fresh schema names for one test file, `nhs_trace_test_<random>_<n>`.
 * @param url - the server the schemas live on
 */
export function testSchemas(url: string = TEST_PG_URL): TestSchemas {
  const prefix = `nhs_trace_test_${randomBytes(5).toString('hex')}`;
  let made = 0;
  return {
    next: () => {
      made += 1;
      return `${prefix}_${made}`;
    },
    dropAll: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ name: string }>(
          'SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)',
          [`${prefix}_`],
        );
        for (const { name } of rows) {
          await client.query(`DROP SCHEMA ${name} CASCADE`);
        }
      } finally {
        await client.end();
      }
    },
  };
}
