import { describe, expect, it } from 'vitest';
import { isPostgresUrl, parsePostgresUrl, redactPostgresUrl } from './postgres-url.js';

describe('PostgreSQL register URLs', () => {
  it('takes the schema out of the URL and keeps the other parameters', () => {
    expect(
      parsePostgresUrl('postgres://me@db.example:6543/nhs?schema=reg&sslmode=require'),
    ).toEqual({
      success: true,
      data: {
        connectionString: 'postgres://me@db.example:6543/nhs?sslmode=require',
        schema: 'reg',
      },
    });
    expect(parsePostgresUrl('postgresql://me@localhost/nhs')).toMatchObject({
      success: true,
      data: { schema: 'public' },
    });
  });

  it('refuses a schema that is not a plain lower-case name, and a URL with no host', () => {
    expect(parsePostgresUrl('postgres://h/db?schema=a;drop')).toMatchObject({
      success: false,
      issues: [{ code: 'invalid-schema', path: 'schema' }],
    });
    expect(parsePostgresUrl('postgres:///db')).toMatchObject({
      success: false,
      issues: [{ code: 'invalid-url' }],
    });
  });

  it('tells URLs from file paths and hides passwords', () => {
    expect(isPostgresUrl('PostgreSQL://h/db')).toBe(true);
    expect(isPostgresUrl('./postgres.duckdb')).toBe(false);
    expect(redactPostgresUrl('postgres://me:secret@h:5432/db?schema=x')).toBe(
      'postgres://me:***@h:5432/db?schema=x',
    );
    expect(redactPostgresUrl('postgres://me@h/db')).toBe('postgres://me@h/db');
    expect(redactPostgresUrl('postgres://me:se cret@h:x/db')).not.toContain('se cret');
  });
});
