import { parentPort, type MessagePort } from 'node:worker_threads';
import { eachPageHead } from './catalog-codec.js';
import { collectGarbageNow } from './full-collection.js';
import { createTitleSearch, removeTitle, searchTitles, toTitleDoc, upsertTitle, type TitleDoc } from './title-search.js';
import { ONLINE, REPLIES, type TitleReply, type TitleRequest } from './title-worker-protocol.js';

/**
 * Holds the title index of a large wiki on its own thread (title-worker-client.ts): at a warm
 * start of 50k pages it decodes the titles of the saved catalog (the same bytes, shared) while
 * the main thread decodes, links and scans, and spends its ~1.3 s of MiniSearch inserts on the
 * other core.
 */
let search = createTitleSearch();
let signal: Int32Array | null = null;
let replies: MessagePort | null = null;
/** Why the index can no longer be trusted (a change failed): every question gets it as its answer. */
let broken: string | null = null;

/**
 * Drops the index before a full load fills a new one, and collects it at once: left to itself,
 * this thread's heap would grow to hold the old index and the new one (a `reindex` at 50k pages
 * took the server from a peak of ~600 MB to ~860 MB), where collected now the new index reuses
 * the old one's pages.
 */
function replaceIndex(): void {
  search = createTitleSearch();
  broken = null;
  collectGarbageNow();
}

/**
 * The inserts of a full load leave garbage (~20 MB at 50k pages) that V8 would keep for a long
 * time; a full collection frees it but pauses this thread for 80-190 ms, and a question that
 * comes meanwhile waits. So it runs once the worker has had no message for `QUIET_MS`: every
 * message moves it later.
 */
const QUIET_MS = 1000;
let quietCollection: NodeJS.Timeout | null = null;

function collectWhenQuiet(): void {
  if (quietCollection !== null) clearTimeout(quietCollection);
  quietCollection = setTimeout(() => {
    quietCollection = null;
    collectGarbageNow();
  }, QUIET_MS);
}

function reply(message: TitleReply): void {
  const transfer = 'scores' in message ? [message.scores.buffer as ArrayBuffer, message.matched.buffer as ArrayBuffer] : [];
  replies!.postMessage(message, transfer);
  // After the post: once the counter moves, the reply is on the port.
  Atomics.add(signal!, REPLIES, 1);
  Atomics.notify(signal!, REPLIES);
}

function answer(request: TitleRequest): TitleReply | null {
  switch (request.type) {
    case 'load':
      replaceIndex();
      for (let i = 0; i < request.rels.length; i++) search.add({ rel: request.rels[i]!, title: request.titles[i]!, aliases: request.aliases[i]! });
      return null;
    case 'loadCatalog': {
      replaceIndex();
      const docs: TitleDoc[] = [];
      eachPageHead(request.bytes, (page) => docs.push(toTitleDoc(page)));
      // The catalog's bytes (shared with the main thread, ~60 MB at 50k pages) are freed only
      // once this thread lets go of them too. Let go and collected here, before the inserts,
      // the collection walks only the titles (~20 ms at 50k pages); collected after them it
      // walked the whole MiniSearch index (80-190 ms), and a search right after a warm start
      // waited for it. The inserts' own garbage is collected when the worker is quiet.
      delete (request as { bytes?: Uint8Array }).bytes;
      collectGarbageNow();
      for (const doc of docs) search.add(doc);
      collectWhenQuiet();
      return null;
    }
    case 'expect':
      if (broken === null && search.documentCount !== request.count) broken = `the title index holds ${search.documentCount} pages, the catalog ${request.count}`;
      return null;
    case 'upsert':
      upsertTitle(search, request.doc);
      return null;
    case 'remove':
      removeTitle(search, request.rel);
      return null;
    case 'query': {
      if (broken !== null) return { ok: false, message: broken };
      const matches = searchTitles(search, request.text, request.scopeKeys, request.limit);
      return { ok: true, rels: matches.map((m) => m.rel), scores: Float64Array.from(matches, (m) => m.score), matched: Uint16Array.from(matches, (m) => m.matchedTerms) };
    }
    case 'size':
      return broken !== null ? { ok: false, message: broken } : { ok: true, size: search.documentCount };
    case 'init':
      return null;
  }
}

parentPort!.on('message', (request: TitleRequest) => {
  if (request.type === 'init') {
    ({ signal, replies } = request);
    Atomics.store(signal, ONLINE, 1);
    return;
  }
  if (quietCollection !== null) collectWhenQuiet();
  let result: TitleReply | null;
  try {
    result = answer(request);
  } catch (error) {
    const message = `title index ${request.type} failed: ${(error as Error).message}`;
    if (request.type !== 'query' && request.type !== 'size') broken = message;
    result = request.type === 'query' || request.type === 'size' ? { ok: false, message } : null;
  }
  if (result !== null) reply(result);
});
