import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker script named `name` next to `beside` (an `import.meta.url`), compiled or
 * not: running from TypeScript sources (tests, benchmarks), Node 20 does not apply the parent's
 * `--import tsx` to workers, so the worker registers tsx itself before loading the script.
 */
export function startModuleWorker(beside: string, name: string, workerData?: unknown): Worker {
  const script = new URL(`./${name}${extname(fileURLToPath(beside))}`, beside);
  if (script.pathname.endsWith('.js')) return new Worker(script, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(script.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}
