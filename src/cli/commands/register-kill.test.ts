import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFhirPatient } from '../../formats/fhir-patient.js';
import { openDuckDbRegisterStore } from '../../storage/duckdb/duckdb-register-store.js';
import { upsertPeople } from '../../storage/register-store-ops.js';
import { fixturePerson, testNhsNumber } from '../../storage/test-support/register-people.js';

/**
 * Proves imports are atomic with a real `kill -9`: the import runs as a child process on a file
 * big enough to take a few seconds, is killed at a chosen moment, and the register reopened
 * afterwards must hold exactly the state before the import or exactly the state after it.
 */

const BEFORE = 500;
const AFTER = 15_000;
const mainTs = fileURLToPath(new URL('../main.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

let folder = '';
let file = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'register-kill-'));
  file = join(folder, 'after.ndjson');
  const lines: string[] = [];
  for (let i = 0; i < AFTER; i += 1) {
    const person = fixturePerson(testNhsNumber(i), {
      names: [{ use: 'usual', given: ['Bart'], family: 'After' }],
    });
    lines.push(JSON.stringify(toFhirPatient(person)));
  }
  await writeFile(file, `${lines.join('\n')}\n`);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function registerBefore(db: string): Promise<void> {
  const store = await openDuckDbRegisterStore({ path: db });
  const people = Array.from({ length: BEFORE }, (_, i) =>
    fixturePerson(testNhsNumber(i), {
      names: [{ use: 'usual', given: ['Lisa'], family: 'Before' }],
    }),
  );
  await upsertPeople(store, people);
  await store.close();
}

/** Starts `register import`, and SIGKILLs it `delayMs` after stderr first matches `when`. */
function importAndKill(db: string, when: RegExp, delayMs: number): Promise<NodeJS.Signals | null> {
  const code = `const { main } = await import(${JSON.stringify(mainTs)});
    process.exitCode = await main(['node', 'nhs-trace', ...process.argv.slice(1)]);`;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      code,
      '--',
      'register',
      'import',
      file,
      '--db',
      db,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let seen = '';
  child.stderr.on('data', (chunk: Buffer) => {
    seen += chunk.toString();
    if (when.test(seen)) {
      seen = '';
      when = /$^/;
      setTimeout(() => child.kill('SIGKILL'), delayMs);
    }
  });
  return new Promise((resolve) => {
    child.on('exit', (_code, signal) => {
      resolve(signal);
    });
  });
}

async function registerState(db: string): Promise<string> {
  const store = await openDuckDbRegisterStore({ path: db });
  try {
    const stats = await store.stats();
    const families = stats.common.familyName.map((v) => `${v.value}:${v.count}`).join(',');
    return `${stats.people} people, ${families}`;
  } finally {
    await store.close();
  }
}

describe('register import under kill -9', () => {
  const before = `${BEFORE} people, Before:${BEFORE}`;
  const after = `${AFTER} people, After:${AFTER}`;

  it('leaves the register as it was when killed while reading', async () => {
    const db = join(folder, 'reading.duckdb');
    await registerBefore(db);
    expect(await importAndKill(db, /reading [3-9]\d%/, 0)).toBe('SIGKILL');
    expect(await registerState(db)).toBe(before);
  });

  it('leaves the register before or after, never between, when killed while committing', async () => {
    const db = join(folder, 'committing.duckdb');
    await registerBefore(db);
    const signal = await importAndKill(db, /committing/, 150);
    expect([before, after]).toContain(await registerState(db));
    // A run that finished before the kill landed is fine too; one that was killed must not show a mix.
    expect([null, 'SIGKILL']).toContain(signal);
  });
});
