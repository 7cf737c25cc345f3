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
/** A reply whose question is this many questions older than the one waited for was abandoned. */
const ABANDONED_AFTER = 64;

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
  /** Questions posted and replies received so far: replies come in the order of the questions. */
  private asked = 0;
  private answered = 0;
  /** Replies received before their question was taken, by question number. */
  private readonly early = new Map<number, TitleReply>();

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
    return this.begin(text, scopeKeys, limit)();
  }

  /**
   * Posts a question now and returns what takes its answer: the worker searches the titles on
   * the other core while this thread goes on (search runs its full-text queries meanwhile).
   * The answer holds every change posted before the question, as `query`'s does.
   */
  begin(text: string, scopeKeys: string[] | null, limit: number): () => TitleMatch[] {
    const asked = this.send({ type: 'query', text, scopeKeys, limit });
    return () => {
      const reply = this.take(asked);
      if (!('rels' in reply)) throw new TitleWorkerFailed('the title worker answered a query with no matches list');
      return reply.rels.map((rel, i) => ({ rel, score: reply.scores[i]!, matchedTerms: reply.matched[i]! }));
    };
  }

  get size(): number {
    const reply = this.take(this.send({ type: 'size' }));
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

  /** Posts a question; returns its number, which `take` waits for. */
  private send(request: TitleRequest): number {
    if (this.failure !== null) throw new TitleWorkerFailed(this.failure);
    this.post(request);
    return this.asked++;
  }

  /**
   * Waits on this thread for the answer to question `number`. Replies come in the order the
   * questions were posted; one that arrives while a later question is waited for (or before an
   * earlier one is taken) is kept until its own `take`.
   */
  private take(number: number): TitleReply & { ok: true } {
    const started = Date.now();
    for (;;) {
      const early = this.early.get(number);
      if (early !== undefined) {
        this.early.delete(number);
        return this.checked(early);
      }
      const seen = Atomics.load(this.signal, REPLIES);
      const received = receiveMessageOnPort(this.replies) as { message: TitleReply } | undefined;
      if (received) {
        const answered = this.answered++;
        if (answered === number) return this.checked(received.message);
        // A question never taken (its search failed in between) must not hold its reply for good.
        if (answered > number - ABANDONED_AFTER) this.early.set(answered, received.message);
        continue;
      }
      if (this.failure !== null) throw new TitleWorkerFailed(this.failure);
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

  private checked(reply: TitleReply): TitleReply & { ok: true } {
    if (!reply.ok) throw new TitleWorkerFailed(reply.message);
    return reply;
  }
}
