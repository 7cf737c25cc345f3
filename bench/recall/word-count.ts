import { STOPWORDS } from '../../lib/core/stopwords.js';

/**
 * The baseline: plain word counting, the way an agent searches a memory with substring tools
 * (one lookup per query word, pages ranked by how many of the words they contain, then by how
 * often). No stemming, no weighting, no dates, no links.
 */
export function wordCountRanking(query: string, pages: ReadonlyMap<string, string>, limit = 10): string[] {
  const words = [...new Set(query.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [])].filter((w) => !STOPWORDS.has(w));
  const scored: Array<{ path: string; distinct: number; total: number }> = [];
  for (const [path, text] of pages) {
    const lower = text.toLowerCase();
    let distinct = 0;
    let total = 0;
    for (const word of words) {
      const count = lower.split(word).length - 1;
      if (count > 0) distinct += 1;
      total += count;
    }
    if (distinct > 0) scored.push({ path, distinct, total });
  }
  scored.sort((a, b) => b.distinct - a.distinct || b.total - a.total || a.path.localeCompare(b.path));
  return scored.slice(0, limit).map((s) => s.path);
}
