import type { DuckDBConnection } from '@duckdb/node-api';
import {
  DEFAULT_TOP,
  registerStatsFromCounts,
  type RegisterStats,
  type RegisterStatsOptions,
  type ValueCount,
} from '../register-stats.js';

const COUNTS_SQL = `SELECT
    (SELECT count(*) FROM person) AS people,
    (SELECT count(deceased_date_time) FROM person) AS deceased,
    (SELECT count(*) FILTER (WHERE restricted) FROM person) AS restricted,
    (SELECT count(*) FILTER (WHERE invalidated) FROM person) AS invalidated,
    (SELECT count(*) FROM superseded_number) AS superseded,
    (SELECT count(*) FILTER (WHERE length(birth_date) = 10) FROM person) AS full_birth_date,
    (SELECT count(*) FILTER (WHERE gender <> 'unknown') FROM person) AS gender,
    (SELECT count(gp_ods_code) FROM person) AS gp_practice,
    (SELECT count(*) FILTER (WHERE ord = 0 AND len(given) > 0) FROM person_name) AS given_name,
    (SELECT count(*) FILTER (WHERE ord = 0 AND family <> '') FROM person_name) AS family_name,
    (SELECT count(*) FILTER (WHERE "use" = 'old') FROM person_name) AS historic_names,
    (SELECT count(*) FILTER (WHERE ord = 0 AND len(lines) > 0) FROM person_address) AS address_line,
    (SELECT count(*) FILTER (WHERE ord = 0 AND postal_code IS NOT NULL) FROM person_address) AS postcode,
    (SELECT count(*) FILTER (WHERE "use" = 'old') FROM person_address) AS historic_addresses`;

/** The current-name and current-address values whose common values are listed. */
const VALUE_SOURCES = {
  familyName: `SELECT family AS value FROM person_name WHERE ord = 0 AND family <> ''`,
  givenName: `SELECT given[1] AS value FROM person_name WHERE ord = 0 AND len(given) > 0`,
  postcode: `SELECT postal_code AS value FROM person_address WHERE ord = 0 AND postal_code IS NOT NULL`,
} as const;

async function topValues(
  conn: DuckDBConnection,
  source: string,
  options: RegisterStatsOptions,
): Promise<ValueCount[]> {
  const reader = await conn.runAndReadAll(
    `SELECT value, count(*) AS n FROM (${source}) GROUP BY value HAVING count(*) >= $min
     ORDER BY n DESC, value ASC LIMIT $top`,
    { min: options.minCount ?? 1, top: options.top ?? DEFAULT_TOP },
  );
  return reader.getRows().map(([value, n]) => ({ value: String(value), count: Number(n) }));
}

/**
 * Computes register statistics with a handful of aggregate queries.
 * @param conn - an open connection
 * @param options - top and minCount for the common values
 */
export async function duckDbStats(
  conn: DuckDBConnection,
  options: RegisterStatsOptions,
): Promise<RegisterStats> {
  const row = (await conn.runAndReadAll(COUNTS_SQL)).getRowObjectsJS()[0] ?? {};
  return registerStatsFromCounts((key) => Number(row[key] ?? 0), {
    familyName: await topValues(conn, VALUE_SOURCES.familyName, options),
    givenName: await topValues(conn, VALUE_SOURCES.givenName, options),
    postcode: await topValues(conn, VALUE_SOURCES.postcode, options),
  });
}
