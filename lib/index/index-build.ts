import type { Logger } from '../core/logger.js';
import type { WikiFiles } from '../store/wiki-files.js';
import { Catalog } from './catalog.js';
import { createFtsBuilder } from './fts-builder.js';
import type { FtsStore } from './fts-store.js';
import type { IndexedPage } from './indexed-page.js';
import { LinkGraph } from './link-graph.js';
import { parseWikiFile, type ParsedFile } from './parse-file.js';
import { pagesWithVocabulary, writeVocabulary } from './vocabulary.js';
import type { Progress } from '../core/progress.js';

export type { Progress };

/** Everything a full build produces before it is either served or written out as an image. */
export interface BuiltIndex {
  fts: FtsStore;
  catalog: Catalog;
  manifests: Array<Extract<ParsedFile, { type: 'manifest' }>>;
  /** File identities of project manifests, as the catalog image stores them. */
  manifestFiles: Map<string, IndexedPage['file']>;
  nextId: number;
}

const READ_BATCH = 64;

/**
 * Scans, reads and parses every wiki file and builds the full-text store. Files are read ahead
 * while the previous batch is parsed, and FTS5 insertion runs in a worker thread, so the three
 * overlap. Runs in a build child process (build-child-main.ts) so that the serving process never
 * holds the build's peak; the server calls it directly only when no child can be started.
 */
export async function buildIndex(files: WikiFiles, logger: Logger, progress?: Progress): Promise<BuiltIndex> {
  const started = performance.now();
  const found = await files.scan();
  const builder = createFtsBuilder(logger);
  const catalog = new Catalog();
  const manifests: BuiltIndex['manifests'] = [];
  let nextId = 1;
  const id = () => nextId++;
  for (let start = 0; start < found.length; start += READ_BATCH) {
    // Synchronous reads: ~10 µs a page against ~70 µs through fs/promises, and a batch
    // blocks the event loop for about a millisecond at most.
    const texts = found.slice(start, start + READ_BATCH).map((f) => files.readNow(f.rel));
    texts.forEach((text, i) => {
      if (text === null) return;
      const parsed = parseWikiFile(found[start + i]!, text, id);
      if (parsed?.type === 'page') {
        catalog.set(parsed.page);
        builder.add(parsed.page, parsed.body);
      } else if (parsed?.type === 'manifest') {
        manifests.push(parsed);
      }
    });
    progress?.(Math.min(found.length, start + READ_BATCH), found.length);
    // Let the event loop breathe between batches (signals, a reindex's progress stream).
    await new Promise((resolve) => setImmediate(resolve));
  }
  const parsedAt = performance.now();
  const fts = await builder.finish();
  for (const m of manifests) catalog.setManifest(m.manifest);
  // Link words describe their target, known only once every page is in a link graph; most
  // wikis have few labelled links, so the graph is built here only when some page has any.
  const pages = [...catalog.all()];
  if (pages.some((page) => page.labels || page.aliases)) {
    const graph = new LinkGraph();
    graph.bulkLoad(pages);
    fts.db.transaction(() => writeVocabulary(fts, catalog, graph, pagesWithVocabulary(pages, graph)));
  }
  logger.info(
    `index: built ${catalog.size} pages in ${Math.round(performance.now() - started)} ms ` +
      `(read+parse ${Math.round(parsedAt - started)}, waiting for full-text ${Math.round(performance.now() - parsedAt)})`,
  );
  return { fts, catalog, manifests, manifestFiles: new Map(manifests.map((m) => [m.rel, m.file])), nextId };
}
