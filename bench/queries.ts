import { spawnSync } from 'node:child_process';
import { prepareFtsQuery } from '../lib/core/search-query.js';
import { generateCorpus } from './corpus.js';
import { median } from './stats.js';

/** Natural-language queries over words that occur in the generated corpus (titles and bodies). */
export function buildQueries(count: number, pages: number): string[] {
  const words: string[] = [];
  let n = 0;
  for (const page of generateCorpus({ pages: Math.min(pages, 400), seed: 42 })) {
    if (n++ % 4 !== 0) continue;
    const body = page.text.split('\n---\n')[1] ?? '';
    const candidates = body.match(/\b[a-z]{5,}\b/g) ?? [];
    words.push(candidates[7] ?? 'postgres', candidates[23] ?? 'cache', candidates[41] ?? 'index');
  }
  const forms = [
    (a: string) => a,
    (a: string, b: string) => `${a} ${b}`,
    (a: string, b: string) => `how does the ${a} handle ${b}?`,
    (a: string, b: string, c: string) => `where did we leave the ${a} ${b} ${c} work`,
  ];
  return Array.from({ length: count }, (_, i) => forms[i % forms.length]!(words[i % words.length]!, words[(i * 7 + 3) % words.length]!, words[(i * 13 + 5) % words.length]!));
}

/** Median time of `rg -l` / `grep -rl` over the same words a query searches; null when missing. */
export function grepBaseline(tool: 'rg' | 'grep', queries: string[], dir: string): number | null {
  const available = spawnSync(tool, ['--version'], { encoding: 'utf8' }).status === 0;
  if (!available) return null;
  const times: number[] = [];
  for (const q of queries) {
    const terms = prepareFtsQuery(q).terms;
    const patterns = terms.flatMap((t) => ['-e', t]);
    const argv = tool === 'rg' ? ['-l', '-i', '-w', ...patterns, dir] : ['-rliw', ...patterns, dir];
    const started = performance.now();
    spawnSync(tool, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    times.push(performance.now() - started);
  }
  return median(times);
}
