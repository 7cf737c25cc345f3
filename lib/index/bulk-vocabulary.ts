import { pageLookupKeys } from '../core/links.js';
import { GLOBAL_PROJECT } from '../core/paths.js';
import { scopeOf, type IndexedPage } from './indexed-page.js';
import { LABELLED_BACKLINKS } from './vocabulary.js';

/** One page's vocabulary row: what `setVocabulary` stores for it. */
export interface VocabularyRow {
  id: number;
  scopeKey: string;
  words: string;
}

/**
 * The vocabulary rows of a full build, in one pass over the links: exactly what `vocabularyOf`
 * (vocabulary.ts) gives for each page, with the same words in the same order, but without a
 * link graph and without asking each page for its backlinks. That per-page way resolved every
 * link of every linking page once per page it links to, and its maps grew past the CPU caches:
 * at 50k pages it took minutes of a cold start, 60x its time at 10k.
 *
 * `pages` must be in the order a link graph built from them would hold them (the catalog's
 * order): the first few hundred backlinks of a hub page, which carry its vocabulary, are taken
 * in that order.
 */
export function bulkVocabulary(pages: readonly IndexedPage[]): VocabularyRow[] {
  const resolver = new BulkResolver(pages);
  const links = resolveAll(pages, resolver);
  const incoming = collectIncoming(pages, resolver, links);
  const labelled = collectLabels(pages, links);
  const rows: VocabularyRow[] = [];
  pages.forEach((page, t) => {
    const words = new Set(page.aliases ?? []);
    const labels = labelled[t];
    if (labels) {
      for (const s of firstSources(incoming[t], 2 * resolver.keys[t]!.length)) {
        for (let k = 0; k < labels.length; k += 2) if (labels[k] === s) words.add(pages[s]!.labels![labels[k + 1]!]![1]);
      }
    }
    if (words.size > 0) rows.push({ id: page.id, scopeKey: `${page.workspace}/${page.project}`, words: [...words].join('\n') });
  });
  return rows;
}

/** For each target page, the labelled links to it as flat pairs (source, index into its `labels`), in page and label order. */
function collectLabels(pages: readonly IndexedPage[], links: ResolvedLinks): Array<number[] | undefined> {
  const labelled = new Array<number[] | undefined>(pages.length).fill(undefined);
  pages.forEach((source, s) => {
    source.labels?.forEach(([i], k) => {
      const t = links.targets[links.start[s]! + i]!;
      if (t !== -1) (labelled[t] ??= []).push(s, k);
    });
  });
  return labelled;
}

/** Every link's target page (-1: none); page p's links are at [start[p], start[p + 1]). */
interface ResolvedLinks {
  start: Int32Array;
  targets: Int32Array;
}

function resolveAll(pages: readonly IndexedPage[], resolver: BulkResolver): ResolvedLinks {
  const start = new Int32Array(pages.length + 1);
  pages.forEach((page, p) => (start[p + 1] = start[p]! + page.out.length));
  const targets = new Int32Array(start[pages.length]!);
  pages.forEach((page, p) => page.out.forEach((key, i) => (targets[start[p]! + i] = resolver.resolve(key, page.workspace))));
  return { start, targets };
}

/**
 * For each target page, its incoming links as flat pairs (position, source), one per link:
 * `position` orders them as LinkGraph.backlinks finds them (by which of the target's lookup keys
 * matched, exactly before by bare name). Sources are visited in page order and their links in
 * their order, so a stable walk by position gives the order of backlinks.
 */
function collectIncoming(pages: readonly IndexedPage[], resolver: BulkResolver, links: ResolvedLinks): Array<number[] | undefined> {
  const incoming = new Array<number[] | undefined>(pages.length).fill(undefined);
  pages.forEach((source, s) => {
    source.out.forEach((key, i) => {
      const t = links.targets[links.start[s]! + i]!;
      if (t === -1 || t === s) return;
      const position = candidatePosition(resolver.keys[t]!, key);
      if (position === -1) return; // backlinks would never find it
      (incoming[t] ??= []).push(position, s);
    });
  });
  return incoming;
}
/** Where LinkGraph's candidate walk meets a link with `key` to a page with `targetKeys`, or -1. */
function candidatePosition(targetKeys: readonly string[], key: string): number {
  const name = key.startsWith('n:') ? bareName(key) : null;
  for (let j = 0; j < targetKeys.length; j++) {
    if (targetKeys[j] === key) return 2 * j;
    if (name !== null && targetKeys[j]!.startsWith('n:') && bareName(targetKeys[j]!) === name) return 2 * j + 1;
  }
  return -1;
}

/**
 * The sources of a page's first LABELLED_BACKLINKS backlinks, in the order vocabularyOf visits
 * them. Counting links one by one stops where counting them per (source, link key) as backlinks
 * does would: the links of one pair share their position and source.
 */
function firstSources(pairs: number[] | undefined, positions: number): number[] {
  const sources: number[] = [];
  if (!pairs) return sources;
  const seen = new Set<number>();
  let backlinks = 0;
  for (let position = 0; position < positions; position++) {
    for (let k = 0; k < pairs.length; k += 2) {
      if (pairs[k] !== position) continue;
      if (backlinks >= LABELLED_BACKLINKS) return sources;
      backlinks += 1;
      const s = pairs[k + 1]!;
      if (!seen.has(s)) {
        seen.add(s);
        sources.push(s);
      }
    }
  }
  return sources;
}

/**
 * Link resolution by the rules of LinkGraph.resolveKey (the page answering the key, the
 * shortest path among several; an unqualified name no page in its project answers falls back
 * to `_global`, then to the only page by that name in the workspace), to page indexes, with
 * each (workspace, key) resolved once.
 */
class BulkResolver {
  readonly keys: string[][];
  private readonly byKey = new Map<string, number[]>();
  private readonly byName = new Map<string, number[]>();
  private readonly memo = new Map<string, Map<string, number>>();

  constructor(private readonly pages: readonly IndexedPage[]) {
    this.keys = pages.map((page) => pageLookupKeys(scopeOf(page), page.path, page.title));
    this.keys.forEach((keys, i) => {
      for (const key of keys) {
        push(this.byKey, key, i);
        if (key.startsWith('n:')) push(this.byName, bareName(key), i);
      }
    });
  }

  resolve(key: string, workspace: string): number {
    let known = this.memo.get(workspace);
    if (!known) this.memo.set(workspace, (known = new Map()));
    let target = known.get(key);
    if (target === undefined) known.set(key, (target = this.resolveNow(key, workspace)));
    return target;
  }

  private resolveNow(key: string, workspace: string): number {
    const direct = this.pick(this.byKey.get(key));
    if (direct !== -1 || !key.startsWith('n:')) return direct;
    const name = bareName(key);
    const global = this.pick(this.byKey.get(`n:default/${GLOBAL_PROJECT}:${name}`));
    if (global !== -1) return global;
    let only = -1;
    for (const i of this.byName.get(name) ?? []) {
      if (!this.pages[i]!.rel.startsWith(`${workspace}/`)) continue;
      if (only !== -1) return -1; // several projects have a page by that name
      only = i;
    }
    return only;
  }

  private pick(candidates: number[] | undefined): number {
    let best = -1;
    for (const i of candidates ?? []) {
      const rel = this.pages[i]!.rel;
      const bestRel = best === -1 ? null : this.pages[best]!.rel;
      if (bestRel === null || rel.length < bestRel.length || (rel.length === bestRel.length && rel < bestRel)) best = i;
    }
    return best;
  }
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function bareName(key: string): string {
  return key.slice(key.indexOf(':', 2) + 1);
}
