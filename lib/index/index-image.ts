import type { Logger } from '../core/logger.js';
import { Catalog } from './catalog.js';
import { createFtsStore, SCHEMA_VERSION } from './fts-store.js';
import type { InstallableBuild } from './index-state.js';
import { openPersisted } from './persist.js';
import { openSqlDatabase } from './sql-engine.js';

/** No usable persisted index (missing, older schema): a normal reason to build, not corruption. */
export class NoImage extends Error {}

/**
 * Opens the persisted index (persist.ts: the database file named by the meta, and its catalog)
 * as a build ready to install. A database changed after its catalog was saved (the server was
 * killed) is checked, and may hold rows of pages the catalog does not know: they are dropped
 * (`behindCatalog`), and the reconcile that follows a warm start re-reads every page changed
 * since. Throws NoImage when there is no usable index, and any other error when it is corrupt.
 */
export async function readIndexImage(
  indexDir: string,
  logger: Logger,
  hooks: {
    /** Called once the metadata checked out, with the size of the catalog about to be read (its page count is not known yet). */
    onOpened?: (catalogBytes: number) => void;
    /** Called with the catalog's bytes once read and checked, before they are decoded (TitleIndex.preload). */
    onCatalog?: (file: string, bytes: Uint8Array) => void;
    /** Called after the last await, right before the catalog is decoded (see IndexState.release). */
    beforeDecode?: () => void;
  } = {},
): Promise<InstallableBuild & { savedAt: string; behindCatalog: boolean }> {
  const persisted = await openPersisted(indexDir, SCHEMA_VERSION);
  if (!persisted.ok) throw new NoImage(persisted.reason);
  hooks.onOpened?.(persisted.catalogBytes);
  // The catalog (~60 MB at 50k pages) is read on the thread pool while the database opens on
  // this thread (WebAssembly, synchronous file access). Awaited below; when the open fails
  // first, its error is the one reported.
  const reading = persisted.readCatalog();
  reading.catch(() => undefined);
  const db = openSqlDatabase(persisted.database, { mustExist: true });
  try {
    const fts = createFtsStore(db);
    if (fts.getMeta('schema') !== String(SCHEMA_VERSION)) throw new Error('schema marker missing');
    const bytes = await reading;
    hooks.onCatalog?.(persisted.catalogFile, bytes);
    hooks.beforeDecode?.();
    const { catalog, manifestFiles } = Catalog.deserialize(bytes);
    const behindCatalog = fts.savedGeneration() !== persisted.generation;
    if (behindCatalog) {
      // The server stopped without saving: perhaps the machine lost power in a write, which
      // (without fsync) can tear the file. Reading it all once costs far less than a rebuild.
      const damage = fts.damage();
      if (damage !== null) throw new Error(`the database failed its integrity check (${damage})`);
      const dropped = fts.keepOnly(new Set([...catalog.all()].map((page) => page.id)));
      logger.info(`index: the last server did not save its catalog; dropped ${dropped} pages unknown to it, re-reading changed files`);
    }
    return { fts, catalog, catalogFile: persisted.catalogFile, manifestFiles, nextId: catalog.maxId() + 1, savedAt: persisted.savedAt, behindCatalog };
  } catch (error) {
    db.close();
    throw error;
  }
}
