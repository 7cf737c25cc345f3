import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { round } from './stats.js';

/** Result files and generated blocks of docs/performance.md, as bench/run.ts writes them. */
export const ROOT = new URL('..', import.meta.url).pathname;

export function machine() {
  return { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memory_gb: round(totalmem() / 2 ** 30, 0), node: process.version };
}

export async function saveResults(name: string, results: { date: string }): Promise<void> {
  await mkdir(join(ROOT, 'bench/results'), { recursive: true });
  const stamp = results.date.replace(/[:.]/g, '-');
  const text = `${JSON.stringify(results, null, 2)}\n`;
  await writeFile(join(ROOT, `bench/results/${name}-${stamp}.json`), text);
  await writeFile(join(ROOT, `bench/results/${name}-latest.json`), text);
}

/** Replaces the `<!-- bench:<name>:start/end -->` block of `doc` (docs/performance.md by default), or appends it. */
export async function updateDocBlock(name: string, table: string, doc_ = 'docs/performance.md'): Promise<void> {
  const path = join(ROOT, doc_);
  const doc = existsSync(path) ? await readFile(path, 'utf8') : '';
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${table}\n${end}`;
  const next = doc.includes(start) ? doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), () => block) : `${doc.trimEnd()}\n\n${block}\n`;
  await writeFile(path, next);
}

export function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

export function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}
