import type { Logger } from '../core/logger.js';
import { bulkVocabulary } from './bulk-vocabulary.js';
import type { WikiFiles } from '../store/wiki-files.js';
import { Catalog } from './catalog.js';
import { createFtsBuilder } from './fts-builder.js';
import type { FtsStore } from './fts-store.js';
import type { IndexedPage } from './indexed-page.js';
import { parseWikiFile, type ParsedFile } from './parse-file.js';
import type { Progress } from '../core/progress.js';

export type { Progress };

/** Everything a full build produces, before it is served or its catalog is saved. */
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
 * Scans, reads and parses every wiki file and builds the full-text store in the new database
 * file `database` (in memory if null). Files are read ahead while the previous batch is parsed,
 * and FTS5 insertion runs in a worker thread, so the three overlap. Runs in a build child process (build-child-main.ts) so that the serving process never
 * holds the build's peak; the server calls it directly only when no child can be started.
 */
export async function buildIndex(
  files: WikiFiles,
  logger: Logger,
  database: string | null,
  progress?: Progress,
  /**
   * Called once the catalog is complete, while the worker may still be inserting: the build child
   * encodes the catalog then, on the thread that would otherwise wait for the worker.
   */
  whileInserting?: (parsed: Pick<BuiltIndex, 'catalog' | 'manifestFiles'>) => void,
): Promise<BuiltIndex> {
  const started = performance.now();
  const found = await files.scan();
  const builder = createFtsBuilder(logger, database);
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
  // Link words describe their target, known only once every page is parsed; computed here
  // while the worker is still inserting pages, and inserted after them.
  const pages = [...catalog.all()];
  if (pages.some((page) => page.labels || page.aliases)) builder.addVocabulary(bulkVocabulary(pages));
  const linkedAt = performance.now();
  for (const m of manifests) catalog.setManifest(m.manifest);
  const manifestFiles = new Map(manifests.map((m) => [m.rel, m.file]));
  whileInserting?.({ catalog, manifestFiles });
  const fts = await builder.finish();
  logger.info(
    `index: built ${catalog.size} pages in ${Math.round(performance.now() - started)} ms ` +
      `(read+parse ${Math.round(parsedAt - started)}, link words ${Math.round(linkedAt - parsedAt)}, ` +
      `waiting for full-text ${Math.round(performance.now() - linkedAt)})`,
  );
  return { fts, catalog, manifests, manifestFiles, nextId };
}
