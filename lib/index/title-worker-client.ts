import { MessageChannel, receiveMessageOnPort, type MessagePort, type TransferListItem, type Worker } from 'node:worker_threads';
import { startModuleWorker } from '../store/module-worker.js';
import type { IndexedPage } from './indexed-page.js';
import { toTitleDoc, type TitleMatch } from './title-search.js';
import { ONLINE, REPLIES, type TitleReply, type TitleRequest } from './title-worker-protocol.js';

/** The worker stopped answering (did not start, failed, or took too long): the caller takes over. */
export class TitleWorkerFailed extends Error {}

/** How long a question waits for a worker that has not started yet. */
const START_LIMIT_MS = 15_000;
/** How long a question waits behind the worker's queue (a 50k-page load on a loaded machine takes seconds). */
const ANSWER_LIMIT_MS = 120_000;

/**
 * The main thread's side of the title worker (title-worker.ts). Changes are posted and applied
 * there in order; a question is posted behind them and this thread blocks until it is answered
 * (Atomics.wait on a shared counter, then receiveMessageOnPort), so search stays synchronous and
 * every answer includes every change made before it, like the index held on this thread.
 */
export class TitleWorkerClient {
  private readonly worker: Worker;
  private readonly signal = new Int32Array(new SharedArrayBuffer(8));
  private readonly replies: MessagePort;
  private failure: string | null = null;

  constructor() {
    const channel = new MessageChannel();
    this.replies = channel.port1;
    this.worker = startModuleWorker(import.meta.url, 'title-worker');
    // Never what keeps a process alive; its failures are noted and surface at the next use.
    this.worker.unref();
    this.worker.on('error', (error) => (this.failure ??= `title worker failed: ${error.message}`));
    this.worker.on('exit', (code) => (this.failure ??= `title worker exited (${code})`));
    this.post({ type: 'init', signal: this.signal, replies: channel.port2 }, [channel.port2]);
  }

  load(pages: readonly IndexedPage[]): void {
    const rels: string[] = new Array(pages.length);
    const titles: string[] = new Array(pages.length);
    const aliases: string[] = new Array(pages.length);
    for (let i = 0; i < pages.length; i++) {
      const doc = toTitleDoc(pages[i]!);
      rels[i] = doc.rel;
      titles[i] = doc.title;
      aliases[i] = doc.aliases;
    }
    this.post({ type: 'load', rels, titles, aliases });
  }

  /** A full load from a saved catalog's bytes, which the worker decodes itself (shared, not copied, when in shared memory). */
  loadCatalog(bytes: Uint8Array): void {
    this.post({ type: 'loadCatalog', bytes });
  }

  /** Tells the worker how many pages the last load should have given it (see TitleRequest). */
  expect(count: number): void {
    this.post({ type: 'expect', count });
  }

  upsert(page: IndexedPage): void {
    this.post({ type: 'upsert', doc: toTitleDoc(page) });
  }

  remove(rel: string): void {
    this.post({ type: 'remove', rel });
  }

  query(text: string, scopeKeys: string[] | null, limit: number): TitleMatch[] {
    const reply = this.ask({ type: 'query', text, scopeKeys, limit });
    if (!('rels' in reply)) throw new TitleWorkerFailed('the title worker answered a query with no matches list');
    return reply.rels.map((rel, i) => ({ rel, score: reply.scores[i]!, matchedTerms: reply.matched[i]! }));
  }

  get size(): number {
    const reply = this.ask({ type: 'size' });
    if (!('size' in reply)) throw new TitleWorkerFailed('the title worker answered a size question with no size');
    return reply.size;
  }

  close(): void {
    this.failure ??= 'title worker closed';
    void this.worker.terminate();
  }

  private post(request: TitleRequest, transfer: TransferListItem[] = []): void {
    if (this.failure !== null) return;
    this.worker.postMessage(request, transfer);
  }

  /** Posts a question and waits for its answer on this thread. */
  private ask(request: TitleRequest): TitleReply & { ok: true } {
    if (this.failure !== null) throw new TitleWorkerFailed(this.failure);
    const started = Date.now();
    this.post(request);
    for (;;) {
      const seen = Atomics.load(this.signal, REPLIES);
      const received = receiveMessageOnPort(this.replies) as { message: TitleReply } | undefined;
      if (received) {
        if (!received.message.ok) throw new TitleWorkerFailed(received.message.message);
        return received.message;
      }
      const waited = Date.now() - started;
      const online = Atomics.load(this.signal, ONLINE) === 1;
      if (waited > (online ? ANSWER_LIMIT_MS : START_LIMIT_MS)) {
        this.close();
        throw new TitleWorkerFailed(`the title worker did not answer within ${Math.round(waited / 1000)} s`);
      }
      // Short waits: a worker that never started cannot wake this thread.
      Atomics.wait(this.signal, REPLIES, seen, 250);
    }
  }
}
