import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import type { RegisterPerson } from '../../core/person.js';
import { fromFhirPatient } from '../../formats/fhir-patient.js';
import { PDS_MESH_REQUEST_COLUMNS } from '../../formats/pds-mesh-columns.js';
import { ERROR_RATES } from '../../synthetic/requests/error-rates.js';
import { generateRequests } from '../../synthetic/requests/generate-requests.js';
import { GROUND_TRUTH_COLUMNS, groundTruthRow } from '../../synthetic/requests/ground-truth.js';
import { RegisterPools } from '../../synthetic/requests/register-pools.js';
import { createRng } from '../../synthetic/rng.js';
import { CliError } from '../exit-codes.js';
import { parseCount } from './parse-count.js';

/** File names written by `generate requests`. */
export const REQUESTS_FILE = 'requests.csv';
export const GROUND_TRUTH_FILE = 'ground-truth.csv';

/**
 * Adds `requests` to the `generate` command: a PDS MESH request CSV as a council would export
 * it, with realistic errors, and the ground truth beside it.
 * @param generate - the `generate` command
 */
export function addGenerateRequestsCommand(generate: Command): void {
  generate
    .command('requests')
    .description(
      'Write a messy PDS MESH request CSV drawn from a generated register, and its ground truth',
    )
    .requiredOption('--register <dir>', 'folder holding register.ndjson (from generate population)')
    .requiredOption('--requests <n>', 'number of request rows')
    .option('--seed <s>', 'random seed (same seed, same files)', '1')
    .requiredOption('--out <dir>', `output folder for ${REQUESTS_FILE} and ${GROUND_TRUTH_FILE}`)
    .action(async (opts: { register: string; requests: string; seed: string; out: string }) => {
      await writeRequests({
        registerFile: join(opts.register, 'register.ndjson'),
        requests: parseCount(opts.requests, '--requests'),
        seed: parseCount(opts.seed, '--seed'),
        outDir: opts.out,
      });
    });
}

interface WriteRequestsOptions {
  readonly registerFile: string;
  readonly requests: number;
  readonly seed: number;
  readonly outDir: string;
}

async function writeRequests(options: WriteRequestsOptions): Promise<void> {
  if (!existsSync(options.registerFile)) {
    throw new CliError(`${options.registerFile}: no such file (run 'generate population' first)`);
  }
  const rng = createRng(options.seed);
  const pools = new RegisterPools(rng);
  for await (const person of readRegister(options.registerFile)) {
    pools.observe(person);
  }
  if (pools.size === 0) {
    throw new CliError(`${options.registerFile}: the register is empty`);
  }
  const inRegisterRows =
    options.requests - Math.round(options.requests * ERROR_RATES.notInRegister);
  if (inRegisterRows > 2 * pools.targets) {
    throw new CliError(
      `--requests ${String(options.requests)} is too many for a register of ${String(pools.targets)} people (invalidated records are never requested)`,
    );
  }
  await mkdir(options.outDir, { recursive: true });
  const requestsPath = join(options.outDir, REQUESTS_FILE);
  const truthPath = join(options.outDir, GROUND_TRUTH_FILE);
  const requests = createWriteStream(`${requestsPath}.partial`);
  const truth = createWriteStream(`${truthPath}.partial`);
  await write(requests, stringify([PDS_MESH_REQUEST_COLUMNS]));
  await write(truth, stringify([GROUND_TRUTH_COLUMNS]));
  const generated = generateRequests(readRegister(options.registerFile), {
    requests: options.requests,
    rates: ERROR_RATES,
    rng,
    pools,
  });
  for await (const { row, truth: t } of generated) {
    await write(requests, stringify([PDS_MESH_REQUEST_COLUMNS.map((c) => row[c])]));
    await write(truth, stringify([groundTruthRow(t)]));
  }
  await Promise.all([close(requests), close(truth)]);
  await rename(`${requestsPath}.partial`, requestsPath);
  await rename(`${truthPath}.partial`, truthPath);
  process.stdout.write(`wrote ${String(options.requests)} requests to ${requestsPath}\n`);
  process.stdout.write(`wrote their ground truth to ${truthPath}\n`);
}

async function* readRegister(path: string): AsyncGenerator<RegisterPerson> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') {
      continue;
    }
    const parsed = fromFhirPatient(parseJson(line));
    if (!parsed.success) {
      const first = parsed.issues[0];
      throw new CliError(
        `${path}:${String(lineNumber)}: not a register Patient (${first?.path ?? ''} ${first?.message ?? ''})`,
      );
    }
    yield parsed.data;
  }
}

async function write(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) {
    await once(stream, 'drain');
  }
}

async function close(stream: Writable): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}
