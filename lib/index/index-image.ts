import { Catalog } from './catalog.js';
import { createFtsStore, SCHEMA_VERSION } from './fts-store.js';
import type { InstallableBuild } from './index-state.js';
import { openImage } from './persist.js';
import { openSqlDatabase } from './sql-engine.js';

/** No usable persisted index (missing, older schema): a normal reason to build, not corruption. */
export class NoImage extends Error {}

/**
 * Reads the persisted index image (persist.ts) into a build ready to install. The database
 * image is loaded and dropped before the catalog is read (a lower peak). Throws NoImage when
 * there is no usable image, and any other error when the image is corrupt.
 */
export async function readIndexImage(indexDir: string): Promise<InstallableBuild & { savedAt: string }> {
  const image = await openImage(indexDir, SCHEMA_VERSION);
  if (!image.ok) throw new NoImage(image.reason);
  const fts = createFtsStore(await openSqlDatabase(await image.read('database')));
  try {
    if (fts.getMeta('schema') !== String(SCHEMA_VERSION)) throw new Error('schema marker missing');
    const { catalog, manifestFiles } = Catalog.deserialize(await image.read('catalog'));
    return { fts, catalog, manifestFiles, nextId: catalog.maxId() + 1, savedAt: image.savedAt };
  } catch (error) {
    fts.db.close();
    throw error;
  }
}
