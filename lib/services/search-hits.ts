import type { PageHit } from '../core/contract.js';
import { parseFrontmatter, splitPage } from '../core/frontmatter.js';
import { firstParagraph } from '../core/first-paragraph.js';
import { plainText } from '../core/markdown.js';
import { emptySignals, isDirectMatch, matchReason, type HitSignals, type RelatedHow } from '../core/match-reason.js';
import { matchedFields } from '../core/matched-fields.js';
import { describe, highlight, snippetFor } from '../core/snippet.js';
import { RELEVANCE } from '../core/ranking.js';
import type { IndexedPage } from '../index/indexed-page.js';
import type { MemoryIndex } from '../index/memory-index.js';

/** A page the ranking kept, best first. */
export interface RankedPage {
  page: IndexedPage;
  score: number;
  superseded: boolean;
  expired: boolean;
}

/** What each retrieval stream found, to tell a page that matched from one brought in by a link. */
export interface MatchEvidence {
  /** The query's words, as highlighting uses them. */
  terms: readonly string[];
  /** Full-text matches, best first (the pages whose neighbours were pulled in). */
  fullText: readonly string[];
  /** Pages the fuzzy title index matched (title, file name or tags, by prefix or near spelling). */
  titleMatches: ReadonlySet<string>;
  /** Pages the vector stream brought in, when embeddings are configured. */
  similar: ReadonlySet<string>;
  /** Signals the ranking decided on its own (time filter, supersession), by page rel. */
  ranking?: ReadonlyMap<string, Partial<HitSignals>>;
}

// How far along a page's list of links a neighbour counts as listed beside (as search.ts ranks).
const CO_CITED_WINDOW = 3;

/**
 * The ranked pages as hits a person or an agent can trust: each says why it matched in one
 * `reason`, and a page that holds none of the query's words (a link neighbour of a match) is
 * marked `related_from` and moved after every direct match, keeping score order within each
 * group. A page that matched by its title alone gets its first paragraph as the snippet.
 */
export function shapeHits(index: MemoryIndex, ranked: readonly RankedPage[], evidence: MatchEvidence, fileText: (rel: string) => string | null): PageHit[] {
  const full = new Set(evidence.fullText);
  const shaped = ranked.map((entry) => {
    const text = fileText(entry.page.rel) ?? '';
    const { yaml, body: markdown } = splitPage(text);
    const body = withoutTitleHeading(markdown, entry.page.title);
    const bodySnippet = snippetFor(body, evidence.terms);
    const signals = emptySignals();
    // The fields named, not a spread of the page: a spread reads every property, its link
    // labels too, which a page decoded from the catalog parses from JSON on first read.
    const { title, path, tags, summary } = entry.page;
    signals.fields = matchedFields({ title, path, tags, summary, aliases: aliasesOf(yaml) }, evidence.terms);
    if (bodySnippet !== null) signals.fields.push('body');
    // FTS5 stems with porter and knows irregular forms; when it matched words the highlighter
    // does not recognise, they are most likely in the body.
    else if (signals.fields.length === 0 && full.has(entry.page.rel)) signals.fields.push('body');
    if (signals.fields.length === 0 && evidence.titleMatches.has(entry.page.rel)) signals.fuzzyTitle = true;
    if (signals.fields.length === 0 && evidence.similar.has(entry.page.rel)) signals.similar = true;
    if (entry.superseded) signals.supersededBy = successorTitle(index, entry.page.rel);
    if (entry.page.supersedes.length > 0) signals.supersedes = predecessorTitle(index, entry.page.rel);
    Object.assign(signals, evidence.ranking?.get(entry.page.rel));
    const snippet = bodySnippet ?? highlight(firstParagraph(body) || describe('', entry.page.summary), evidence.terms);
    return { entry, signals, snippet };
  });
  const direct = shaped.filter((s) => isDirectMatch(s.signals));
  const related = shaped.filter((s) => !isDirectMatch(s.signals));
  if (related.length > 0) {
    const ties = relatedTies(index, direct.map((s) => s.entry.page.rel), evidence.fullText);
    for (const hit of related) hit.signals.related = ties(hit.entry.page.rel);
  }
  return [...direct, ...related].map(({ entry, signals, snippet }) => toHit(entry, signals, snippet));
}

function toHit({ page, score, superseded, expired }: RankedPage, signals: HitSignals, snippet: string): PageHit {
  const hit: PageHit = {
    workspace: page.workspace,
    project: page.project,
    path: page.path,
    title: page.title,
    kind: page.kind,
    snippet,
    score: Math.round(score * 1e6) / 1e6,
    reason: matchReason(signals),
  };
  if (page.pinned) hit.pinned = true;
  if (superseded) hit.superseded = true;
  if (expired) hit.expired = true;
  if (!isDirectMatch(signals) && signals.related) hit.related_from = signals.related.path;
  return hit;
}

/**
 * For a related hit, the matching page it is tied to and how: the first seed (the best
 * full-text matches, whose neighbours the ranking pulled in; those shown above first) that links
 * to it or that it links to, else one it is listed beside. Each seed's links and co-citations
 * are looked up once, and only the seeds the ranking walked are walked here.
 */
function relatedTies(index: MemoryIndex, shown: readonly string[], fullText: readonly string[]): (rel: string) => HitSignals['related'] {
  const top = fullText.slice(0, RELEVANCE.seeds);
  const topSet = new Set(top);
  const seeds = [...new Set([...shown.filter((rel) => topSet.has(rel)), ...top])];
  const coCitedSeeds = new Set(fullText.slice(0, RELEVANCE.coCitedSeeds));
  const linksOf = memo((rel: string) => new Set(index.links(rel).map((l) => l.to)));
  const listedBeside = memo((rel: string) => new Set(index.coCited(rel, CO_CITED_WINDOW).map((n) => n.rel)));
  const tie = (seed: string, rel: string, how: RelatedHow) => {
    const page = index.page(seed);
    return page ? { path: seedPath(page, index.page(rel)), title: page.title, how } : undefined;
  };
  return (rel) => {
    for (const seed of seeds) {
      if (linksOf(seed).has(rel)) return tie(seed, rel, 'linked-from');
      if (linksOf(rel).has(seed)) return tie(seed, rel, 'links-to');
    }
    for (const seed of seeds) if (coCitedSeeds.has(seed) && listedBeside(seed).has(rel)) return tie(seed, rel, 'listed-beside');
    return undefined;
  };
}

function memo<T>(compute: (rel: string) => T): (rel: string) => T {
  const cache = new Map<string, T>();
  return (rel) => {
    if (!cache.has(rel)) cache.set(rel, compute(rel));
    return cache.get(rel)!;
  };
}

/**
 * A seed's path as the hit's own project reads it; in another project, in the cross-project
 * wikilink form `workspace/project:path` (a page path never holds a colon).
 */
function seedPath(seed: IndexedPage, hit: IndexedPage | undefined): string {
  return hit && hit.workspace === seed.workspace && hit.project === seed.project ? seed.path : `${seed.workspace}/${seed.project}:${seed.path}`;
}

function successorTitle(index: MemoryIndex, rel: string): string | undefined {
  const newer = index.backlinks(rel, 50).find((l) => l.kind === 'supersedes');
  return newer ? index.page(newer.from)?.title : undefined;
}

/**
 * The body without a leading `# heading` that repeats the title: the hit shows the title
 * already, and a word only there is a title match, not a body match.
 */
function withoutTitleHeading(body: string, title: string): string {
  const heading = /^\s*#[ \t]+([^\n]*?)[ \t#]*(?:\n|$)/.exec(body);
  if (!heading) return body;
  // Most headings repeat the title as it is: equal before plain-text folding is equal after.
  if (heading[1] === title) return body.slice(heading[0].length);
  const same = (text: string) => plainText(text).replace(/\s+/g, ' ').trim().toLowerCase();
  return same(heading[1]!) === same(title) ? body.slice(heading[0].length) : body;
}

/** The title of a page this one declares it supersedes: a reader sees the hit is the current word. */
function predecessorTitle(index: MemoryIndex, rel: string): string | undefined {
  const older = index.links(rel).find((l) => l.kind === 'supersedes' && l.to !== null);
  return older?.to ? index.page(older.to)?.title : undefined;
}

/** Frontmatter `aliases` (a list or one string); parsed only when the page has the key. */
function aliasesOf(yaml: string | null): string[] {
  if (yaml === null || !/^aliases\s*:/m.test(yaml)) return [];
  const value = parseFrontmatter(yaml).data.aliases;
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
