import type { Logger } from '../core/logger.js';
import { createGitRepo } from '../store/git-repo.js';
import { createWikiFiles } from '../store/wiki-files.js';
import type { BuildChildMessage, BuildRequest } from './build-protocol.js';
import { HistoryIndex } from './history-index.js';
import { buildIndex } from './index-build.js';
import { newGeneration, saveCatalog, saveHistory } from './persist.js';

/**
 * The index build child: builds the whole index from the wiki files into a new database file,
 * saves its catalog and makes the pair the persisted index (persist.ts), then exits. A cold
 * build peaks at several times the memory the finished index needs (file texts, parse garbage,
 * the WebAssembly heap of the FTS5 inserts, which never shrinks); done here, all of it goes back
 * to the system when this process ends, and the server only opens the file and reads the catalog.
 */
const send = (message: BuildChildMessage) => process.send?.(message);
/** Sends and waits until the message is handed to the channel, so disconnecting cannot drop it. */
const sendLast = (message: BuildChildMessage) => new Promise<void>((resolve) => (process.send ? process.send(message, undefined, {}, () => resolve()) : resolve()));

const logger: Logger = {
  info: (message) => send({ type: 'log', level: 'info', message }),
  warn: (message) => send({ type: 'log', level: 'warn', message }),
  error: (message) => send({ type: 'log', level: 'error', message }),
};

process.once('message', (request: BuildRequest) => {
  void build(request).then(
    () => process.disconnect?.(),
    async (error: unknown) => {
      await sendLast({ type: 'failed', message: (error as Error).message });
      process.disconnect?.();
    },
  );
});
// The parent going away (a killed server) ends the build too.
process.once('disconnect', () => process.exit(0));

async function build(request: BuildRequest): Promise<void> {
  let last = 0;
  // The catalog is encoded while the FTS worker finishes its inserts (at 50k pages ~2 s each,
  // one after the other before). Nothing changes the catalog once buildIndex hands it over.
  let encoding: Promise<Uint8Array> | undefined;
  const progress = (done: number, total: number) => {
    const now = Date.now();
    if (done !== total && now - last < 100) return;
    last = now;
    send({ type: 'progress', done, total });
  };
  const built = await buildIndex(createWikiFiles(request.wikiDir), logger, request.database, progress, ({ catalog, manifestFiles }) => {
    encoding = catalog.serialize(manifestFiles);
    // Awaited below; a failure must not surface as an unhandled rejection meanwhile.
    encoding.catch(() => undefined);
  });
  const generation = newGeneration();
  built.fts.markSaved(generation);
  built.fts.db.close();
  const catalog = await (encoding ?? built.catalog.serialize(built.manifestFiles));
  const { savedAt } = await saveCatalog(request.indexDir, request.schema, request.database, catalog, generation);
  // The server opens the index while this process goes on hashing files for the commit check.
  send({ type: 'done', pages: built.catalog.size, savedAt });
  if (request.history) await sendLast({ type: 'history', saved: await walkHistory(request) });
  if (!request.uncommitted) return;
  try {
    await sendLast({ type: 'uncommitted', paths: await createGitRepo(request.wikiDir).uncommittedMarkdown() });
  } catch (error) {
    // Without the list the server checks for itself; it must not fail the build.
    logger.warn(`could not check for uncommitted edits in the build process: ${(error as Error).message}`);
  }
}

async function walkHistory(request: BuildRequest): Promise<boolean> {
  try {
    const history = new HistoryIndex(createGitRepo(request.wikiDir));
    await history.update();
    await saveHistory(request.indexDir, history.snapshot());
    return true;
  } catch (error) {
    // The server then walks the history itself.
    logger.warn(`could not read the git history in the build process: ${(error as Error).message}`);
    return false;
  }
}
