import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../store/module-worker.js';
import { lazy } from '../../core/lazy.js';
import { escapeHtml } from './html.js';
import type { WikilinkResolver } from './markdown.js';

// unified, remark and rehype are ~200 modules: they load with the first page view, not before the
// server may listen.
const markdown = lazy(() => import('./markdown.js'));

/** Loads the renderer ahead of the first page view (the server calls this once it is idle). */
export async function preloadMarkdown(): Promise<void> {
  await markdown();
}

type Target = { href: string; title: string } | null;
export type RenderRequest = { id: number; body: string; targets: Array<[string, Target]>; title: string | undefined };
export type RenderReply = { id: number; markup: string } | { id: number; error: string } | { ready: true };

export interface MarkdownRendererOptions {
  /** Bodies up to this many characters render on the calling thread (fast, no hand-off). */
  inlineChars?: number;
  /** Longest a worker may spend on one page before it is shown as plain text. */
  timeoutMs?: number;
  /** An idle worker is stopped after this long, so nothing lingers between page views. */
  idleMs?: number;
}

/**
 * Markdown parsing (micromark) is superlinear on some inputs: 20 kB of `*_` takes over a
 * second and 200 kB several minutes, and even a large ordinary page takes about a second. On
 * the server's thread that would stall hook capture and every other request, so bodies above a
 * few kilobytes are rendered in a worker, one at a time, and a page that takes too long is
 * shown as plain text instead (the worker is replaced).
 */
export function createMarkdownRenderer(options: MarkdownRendererOptions = {}) {
  const inlineChars = options.inlineChars ?? 8 * 1024;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const idleMs = options.idleMs ?? 30_000;
  type Job = { request: RenderRequest; done: (markup: string) => void };
  const queue: Job[] = [];
  let worker: Worker | undefined;
  let ready = false;
  let running: { job: Job; timer?: NodeJS.Timeout } | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let nextId = 1;

  function ensureWorker(): Worker {
    if (worker) return worker;
    const started = startModuleWorker(import.meta.url, 'markdown-worker');
    started.unref();
    started.on('message', (reply: RenderReply) => {
      if (worker !== started) return;
      if ('ready' in reply) {
        ready = true;
        if (running) startClock();
        return;
      }
      if (!running || reply.id !== running.job.request.id) return;
      finishRunning('markup' in reply ? reply.markup : plainTextFallback(running.job.request.body, 'it could not be rendered'));
    });
    // A worker that dies (out of memory on a huge page) takes its job with it; the next job
    // gets a fresh worker.
    started.on('error', () => undefined);
    started.on('exit', () => {
      if (worker !== started) return;
      worker = undefined;
      if (running) finishRunning(plainTextFallback(running.job.request.body, 'rendering it failed'));
    });
    worker = started;
    ready = false;
    return started;
  }

  function finishRunning(markup: string): void {
    const job = running!.job;
    clearTimeout(running!.timer);
    running = undefined;
    job.done(markup);
    next();
  }

  function next(): void {
    if (running) return;
    const job = queue.shift();
    if (!job) {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(stop, idleMs).unref();
      return;
    }
    clearTimeout(idleTimer);
    running = { job };
    ensureWorker().postMessage(job.request);
    if (ready) startClock();
  }

  /** The time limit covers rendering, not the start of a fresh worker. */
  function startClock(): void {
    const job = running!.job;
    running!.timer = setTimeout(() => {
      const stuck = worker;
      worker = undefined;
      void stuck?.terminate();
      finishRunning(plainTextFallback(job.request.body, `rendering it took longer than ${Number((timeoutMs / 1000).toFixed(1))} s`));
    }, timeoutMs);
  }

  function stop(): void {
    const idle = worker;
    worker = undefined;
    void idle?.terminate();
  }

  async function render(body: string, targets: ReadonlyMap<string, Target>, title?: string): Promise<string> {
    if (body.length <= inlineChars) {
      const resolve: WikilinkResolver = (target) => targets.get(target) ?? null;
      const { renderMarkdown } = await markdown();
      return renderMarkdown(body, resolve, title).value;
    }
    return new Promise((done) => {
      queue.push({ request: { id: nextId++, body, targets: [...targets], title }, done });
      next();
    });
  }

  return { render, stop };
}

function plainTextFallback(body: string, why: string): string {
  return `<p class="render-notice">Shown as plain text: ${escapeHtml(why)}.</p><pre class="plain-page">${escapeHtml(body)}</pre>`;
}
