import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockingKeys, DEFAULT_BLOCKING_RULES } from '../blocking.js';
import { buildMatchRecord } from '../record-builder.js';
import { matchInput } from '../test-support/arbitraries.js';
import { keyTextsSql } from './blocking-sql.js';
import { buildMatchTableSql } from './match-table-sql.js';

/**
 * The blocking keys SQL makes (every default rule, every part) are the keys `blockingKeys`
 * makes in TypeScript, record by record, on generated records with partial dates, barrelled and
 * earlier names, and historic postcodes.
 */
let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run('CREATE TABLE nickname_group (name VARCHAR, grp INTEGER)');
});

afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

describe('blocking keys in SQL', () => {
  it('are the TypeScript keys of every rule, record by record', async () => {
    const inputs = fc.sample(matchInput, { numRuns: 400, seed: 11 });
    const records = inputs.map((input) => buildMatchRecord(input));
    await conn.run('CREATE OR REPLACE TABLE k_stage (qid INTEGER, record_json VARCHAR)');
    const appender = await conn.createAppender('k_stage');
    records.forEach((record, qid) => {
      appender.appendInteger(qid);
      appender.appendVarchar(JSON.stringify(record));
      appender.endRow();
    });
    appender.closeSync();
    await conn.run(buildMatchTableSql('k_record', 'k_stage', ['qid'], false));
    const reader = await conn.runAndReadAll(
      `SELECT id, text FROM (${keyTextsSql(DEFAULT_BLOCKING_RULES, 'k_record', 'qid')})`,
    );
    const sql = records.map(() => new Set<string>());
    for (const [id, text] of reader.getRows()) {
      sql[Number(id)]?.add(String(text));
    }
    const typescript = records.map(
      (record) => new Set(DEFAULT_BLOCKING_RULES.flatMap((rule) => blockingKeys(rule, record))),
    );
    expect(sql).toEqual(typescript);
    // Every rule gave keys somewhere, so the agreement covers each of them.
    for (const rule of DEFAULT_BLOCKING_RULES) {
      expect(typescript.some((keys) => [...keys].some((k) => k.startsWith(`${rule.id}|`)))).toBe(
        true,
      );
    }
  });
});
