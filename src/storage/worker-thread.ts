import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Starts a worker thread on the module `name` (without its extension) beside the module at
 * `beside` (its `import.meta.url`): the `.js` file when running the build, the `.ts` source
 * under tsx or the tests, where the worker registers the tsx loader before importing it.
 * @param beside - `import.meta.url` of the module starting the worker
 * @param name - the worker module's file name without extension (`search-worker`)
 * @param workerData - handed to the worker as `workerData`
 * @param resourceLimits - the worker's heap limits (V8's `--max-semi-space-size`, when the
 *   process is started with it, overrides `maxYoungGenerationSizeMb`)
 */
export function startWorker(
  beside: string,
  name: string,
  workerData?: unknown,
  resourceLimits?: ResourceLimits,
): Worker {
  const isTypeScript = beside.endsWith('.ts');
  const entry = new URL(`./${name}${isTypeScript ? '.ts' : '.js'}`, beside);
  const limits = resourceLimits === undefined ? {} : { resourceLimits };
  if (!isTypeScript) {
    return new Worker(entry, { workerData, ...limits });
  }
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData, ...limits });
}
