import { splitPage } from '../../core/frontmatter.js';
import { plainText } from '../../core/markdown.js';
import { MemoryError } from '../../core/errors.js';
import type { EmbedReport } from '../../core/maintenance/reports.js';
import type { Progress } from '../../index/memory-index.js';
import { VectorStore } from '../../index/vector-store.js';
import type { ServiceDeps } from '../deps.js';
import { isLintPage } from '../maintenance/targets.js';
import type { createSearchService } from '../search.js';
import { keepVectorsCurrent } from './embedding-refresh.js';

type SearchService = ReturnType<typeof createSearchService>;

const BATCH = 32;
const TEXT_CHARS = 6000;
/** The vector stream counts a little less than full text, like the title stream. */
const WEIGHT_VECTOR = 0.8;
const QUERY_TIMEOUT_MS = 5000;
const MIN_SIMILARITY = 0.3;
const RELATIVE_FLOOR = 0.6;

/**
 * `ai-memory embed` and the vector stream of search. Vectors live in a derived side index
 * (see index/vector-store.ts); a query embeds its text once and adds the nearest pages as one
 * more list to the rank fusion. Any embedding failure at query time leaves the search as it
 * would be without vectors.
 */
export function createEmbeddingService(deps: ServiceDeps) {
  let opened: Promise<VectorStore> | undefined;
  const store = () => {
    const client = deps.providers?.embeddings;
    if (!client) return undefined;
    opened ??= (async () => {
      const vectors = new VectorStore(deps.store.layout.index, { provider: client.provider, model: client.model });
      await vectors.load();
      if (vectors.discarded) deps.logger.warn(`vector index not used (${vectors.discarded}); run ai-memory embed`);
      return vectors;
    })();
    return opened;
  };

  // One embed at a time: the automatic refresh and `ai-memory embed` would otherwise pay for
  // the same pages twice and race to save the file.
  let queue: Promise<unknown> = Promise.resolve();
  function embed(options: { force?: boolean; dry_run?: boolean }, progress: Progress = () => {}): Promise<EmbedReport> {
    const run = queue.then(() => embedNow(options, progress));
    queue = run.catch(() => undefined);
    return run;
  }

  async function embedNow(options: { force?: boolean; dry_run?: boolean }, progress: Progress): Promise<EmbedReport> {
    const client = deps.providers?.embeddings;
    const opening = store();
    if (!client || !opening) throw new MemoryError('NOT_AVAILABLE', 'embeddings need a provider: no embedding provider is configured on the server (set AI_MEMORY_EMBEDDING_PROVIDER; see docs/llm.md)');
    const vectors = await opening;
    if (options.force && !options.dry_run) vectors.clear();
    const pages = [...deps.index.allPages()].filter((p) => !isLintPage(p));
    const live = new Set(pages.map((p) => p.rel));
    const stale = pages.filter((p) => options.force || vectors.hashOf(p.rel) !== p.file.hash);
    const gone = vectors.rels().filter((rel) => !live.has(rel));
    const report: EmbedReport = {
      dry_run: options.dry_run === true,
      provider: client.provider,
      model: client.model,
      pages: pages.length,
      embedded: stale.length,
      removed: gone.length,
      unchanged: pages.length - stale.length,
      dimension: vectors.dimension,
    };
    if (options.dry_run) return report;
    for (const rel of gone) vectors.delete(rel);
    progress(0, stale.length);
    for (let i = 0; i < stale.length; i += BATCH) {
      const batch = stale.slice(i, i + BATCH);
      const texts = batch.map((p) => {
        const body = plainText(splitPage(deps.store.files.readNow(p.rel) ?? '').body);
        return `${p.title}\n${p.summary ?? ''}\n${body}`.slice(0, TEXT_CHARS);
      });
      const got = await client.embed(texts, 'document');
      batch.forEach((page, j) => vectors.set(page.rel, page.file.hash, got[j]!));
      // Saved after every batch: an interrupted run keeps what it paid for.
      await vectors.save();
      progress(Math.min(i + BATCH, stale.length), stale.length);
    }
    if (stale.length === 0 && gone.length > 0) await vectors.save();
    report.dimension = vectors.dimension;
    return report;
  }

  /** Wraps search so queries add the vector stream when vectors exist. */
  function withVectors(search: SearchService): SearchService {
    return {
      ...search,
      async search(input) {
        const client = deps.providers?.embeddings;
        const opening = store();
        if (!client || !opening || input.extraStream) return search.search(input);
        const vectors = await opening;
        if (vectors.size === 0) return search.search(input);
        let query: number[] | undefined;
        try {
          query = (await Promise.race([
            client.embed([input.q], 'query'),
            new Promise<never>((_, reject) => setTimeout(() => reject(new Error('query embedding timed out')), QUERY_TIMEOUT_MS).unref()),
          ]))[0];
        } catch (error) {
          deps.logger.warn(`vector stream skipped: ${(error as Error).message}`);
          return search.search(input);
        }
        const keys = input.scopes === 'all' ? null : input.scopes.map((s) => `${s.workspace}/${s.project}/`);
        const global = input.withGlobalScope ? 'default/_global/' : null;
        const accept = (rel: string) => keys === null || keys.some((k) => rel.startsWith(k)) || (global !== null && rel.startsWith(global));
        const limit = Math.min(400, Math.max(40, (input.limit ?? 10) * 4));
        const nearest = vectors.nearest(query ?? [], limit, accept);
        // Every page has some similarity to every query: only close neighbours join the fusion,
        // or each query would "match" the whole wiki and the raw-event fallback would never run.
        const floor = Math.max(MIN_SIMILARITY, (nearest[0]?.score ?? 0) * RELATIVE_FLOOR);
        const rels = nearest.filter((n) => n.score >= floor).map((n) => n.rel);
        return search.search({ ...input, extraStream: { rels, weight: WEIGHT_VECTOR } });
      },
    };
  }

  const stopRefreshing = keepVectorsCurrent(
    deps,
    () => embed({}),
    async () => ((await store()?.then((vectors) => vectors.size)) ?? 0) > 0,
  );

  return { embed, withVectors, stopRefreshing };
}
