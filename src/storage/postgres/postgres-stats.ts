import {
  DEFAULT_TOP,
  registerStatsFromCounts,
  type StatsCountColumn,
  type RegisterStats,
  type RegisterStatsOptions,
  type ValueCount,
} from '../register-stats.js';
import type { PgQueryable } from './pg-driver.js';

const COUNTS_SQL = `SELECT
    (SELECT count(*) FROM person)::int AS people,
    (SELECT count(deceased_date_time) FROM person)::int AS deceased,
    (SELECT count(*) FILTER (WHERE restricted) FROM person)::int AS restricted,
    (SELECT count(*) FILTER (WHERE invalidated) FROM person)::int AS invalidated,
    (SELECT count(*) FROM superseded_number)::int AS superseded,
    (SELECT count(*) FILTER (WHERE length(birth_date) = 10) FROM person)::int AS full_birth_date,
    (SELECT count(*) FILTER (WHERE gender <> 'unknown') FROM person)::int AS gender,
    (SELECT count(gp_ods_code) FROM person)::int AS gp_practice,
    (SELECT count(*) FILTER (WHERE ord = 0 AND cardinality(given) > 0) FROM person_name)::int AS given_name,
    (SELECT count(*) FILTER (WHERE ord = 0 AND family <> '') FROM person_name)::int AS family_name,
    (SELECT count(*) FILTER (WHERE "use" = 'old') FROM person_name)::int AS historic_names,
    (SELECT count(*) FILTER (WHERE ord = 0 AND cardinality(lines) > 0) FROM person_address)::int AS address_line,
    (SELECT count(*) FILTER (WHERE ord = 0 AND postal_code IS NOT NULL) FROM person_address)::int AS postcode,
    (SELECT count(*) FILTER (WHERE "use" = 'old') FROM person_address)::int AS historic_addresses`;

type CountRow = Record<StatsCountColumn, number>;

/** The current-name and current-address values whose common values are listed. */
const VALUE_SOURCES = {
  familyName: `SELECT family AS value FROM person_name WHERE ord = 0 AND family <> ''`,
  givenName: `SELECT given[1] AS value FROM person_name WHERE ord = 0 AND cardinality(given) > 0`,
  postcode: `SELECT postal_code AS value FROM person_address WHERE ord = 0 AND postal_code IS NOT NULL`,
} as const;

async function topValues(
  db: PgQueryable,
  source: string,
  options: RegisterStatsOptions,
): Promise<ValueCount[]> {
  // Ties are ordered by code point (COLLATE "C"), as the in-memory reference orders them.
  const { rows } = await db.query<{ value: string; n: number }>(
    `SELECT value, count(*)::int AS n FROM (${source}) v GROUP BY value HAVING count(*) >= $1
     ORDER BY n DESC, value COLLATE "C" ASC LIMIT $2`,
    [options.minCount ?? 1, options.top ?? DEFAULT_TOP],
  );
  return rows.map(({ value, n }) => ({ value, count: n }));
}

/**
 * Computes register statistics with a handful of aggregate queries.
 * @param db - a connection (in one snapshot, so the figures agree with each other)
 * @param options - top and minCount for the common values
 */
export async function postgresStats(
  db: PgQueryable,
  options: RegisterStatsOptions,
): Promise<RegisterStats> {
  const { rows } = await db.query<CountRow>(COUNTS_SQL);
  const familyName = await topValues(db, VALUE_SOURCES.familyName, options);
  const givenName = await topValues(db, VALUE_SOURCES.givenName, options);
  const postcode = await topValues(db, VALUE_SOURCES.postcode, options);
  return registerStatsFromCounts((key) => rows[0]?.[key] ?? 0, { familyName, givenName, postcode });
}
