import type { IndexedPage } from './indexed-page.js';
import type { LinkGraph } from './link-graph.js';

/**
 * A page's vocabulary: the names the wiki itself gives it. Its frontmatter `aliases`, and the
 * words other pages link to it with (`[[decisions/0007|why we left Fly]]` describes decision
 * 0007 in words it may never use itself). Indexed as a field of the target page, so a query
 * worded the way the wiki's authors talk about a page finds it.
 */
export function vocabularyOf(rel: string, pages: { get(rel: string): IndexedPage | undefined }, graph: LinkGraph): string {
  const page = pages.get(rel);
  if (!page) return '';
  const words = new Set(page.aliases ?? []);
  const seen = new Set<string>();
  for (const link of graph.backlinks(rel, LABELLED_BACKLINKS)) {
    if (seen.has(link.from)) continue;
    seen.add(link.from);
    const source = pages.get(link.from);
    if (!source?.labels) continue;
    const resolved = graph.links(link.from);
    for (const [i, label] of source.labels) if (resolved[i]?.to === rel) words.add(label);
  }
  return [...words].join('\n');
}

// A hub page can have thousands of backlinks; the first few hundred carry its vocabulary.
export const LABELLED_BACKLINKS = 500;

/**
 * The pages whose vocabulary a change to `page` can alter: itself (its aliases) and every
 * page one of its labelled links points to.
 */
export function vocabularyTargets(page: IndexedPage | undefined, graph: LinkGraph): string[] {
  if (!page) return [];
  const targets = new Set([page.rel]);
  if (page.labels) {
    const resolved = graph.links(page.rel);
    for (const [i] of page.labels) {
      const to = resolved[i]?.to;
      if (to) targets.add(to);
    }
  }
  return [...targets];
}

/** Rewrites the vocabulary rows of the given pages (a page no longer in `pages` has had its row removed with it). */
export function writeVocabulary(
  fts: { setVocabulary(id: number, scopeKey: string, words: string): void },
  pages: { get(rel: string): IndexedPage | undefined },
  graph: LinkGraph,
  rels: Iterable<string>,
): void {
  for (const rel of rels) {
    const page = pages.get(rel);
    if (page) fts.setVocabulary(page.id, `${page.workspace}/${page.project}`, vocabularyOf(rel, pages, graph));
  }
}

/**
 * The pages whose vocabulary a batch of changes can alter: each changed page is noted before and
 * after its change (its links' targets then and now), and their rows are rewritten once at the end.
 */
export class VocabularyChanges {
  private readonly targets = new Set<string>();

  constructor(
    private readonly pages: { get(rel: string): IndexedPage | undefined },
    private readonly graph: LinkGraph,
  ) {}

  note(rel: string): void {
    for (const target of vocabularyTargets(this.pages.get(rel), this.graph)) this.targets.add(target);
  }

  write(fts: { setVocabulary(id: number, scopeKey: string, words: string): void }): void {
    writeVocabulary(fts, this.pages, this.graph, this.targets);
  }
}
