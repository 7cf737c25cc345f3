import { spawnSync } from 'node:child_process';
import { prepareFtsQuery } from '../lib/core/search-query.js';
import { generateCorpus } from './corpus.js';
import { median } from './stats.js';

/**
 * Natural-language queries over words that occur in the generated corpus (titles and bodies).
 * The first list of words (300 from 400 pages) gives the first 300 queries, as it always has;
 * past that each further list takes other words of other pages. A query equal to an earlier one
 * is skipped (none among the first 200, the core bench's set), so bench:scale's 500 are all
 * distinct: a cache of answers or rows is never flattered by repeats.
 */
export function buildQueries(count: number, pages: number): string[] {
  const corpus = [...generateCorpus({ pages: Math.min(pages, 400), seed: 42 })];
  const lists: string[][] = [];
  const listFor = (k: number) => (lists[k] ??= wordList(corpus, k));
  const forms = [
    (a: string) => a,
    (a: string, b: string) => `${a} ${b}`,
    (a: string, b: string) => `how does the ${a} handle ${b}?`,
    (a: string, b: string, c: string) => `where did we leave the ${a} ${b} ${c} work`,
  ];
  const queries: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; queries.length < count; i += 1) {
    const words = listFor(Math.floor(i / listFor(0).length));
    const query = forms[i % forms.length]!(words[i % words.length]!, words[(i * 7 + 3) % words.length]!, words[(i * 13 + 5) % words.length]!);
    if (seen.has(query)) continue;
    seen.add(query);
    queries.push(query);
  }
  return queries;
}

/** List k: three words from every fourth page (shifted by k) at word positions moved along by k. */
function wordList(corpus: ReadonlyArray<{ text: string }>, k: number): string[] {
  const words: string[] = [];
  corpus.forEach((page, n) => {
    if (n % 4 !== (2 * k) % 4) return;
    const body = page.text.split('\n---\n')[1] ?? '';
    const candidates = body.match(/\b[a-z]{5,}\b/g) ?? [];
    words.push(candidates[7 + 4 * k] ?? 'postgres', candidates[23 + 8 * k] ?? 'cache', candidates[41 + 12 * k] ?? 'index');
  });
  return words;
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
