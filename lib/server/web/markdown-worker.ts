import { parentPort } from 'node:worker_threads';
import { renderMarkdown } from './markdown.js';
import type { RenderReply, RenderRequest } from './markdown-renderer.js';

/** Renders markdown off the main thread, one page at a time (see markdown-renderer.ts). */
const port = parentPort!;

port.on('message', (request: RenderRequest) => {
  const targets = new Map(request.targets);
  let reply: RenderReply;
  try {
    reply = { id: request.id, markup: renderMarkdown(request.body, (target) => targets.get(target) ?? null, request.title).value };
  } catch (error) {
    reply = { id: request.id, error: (error as Error)?.message ?? String(error) };
  }
  port.postMessage(reply);
});
// Loading unified takes a moment (longer from TypeScript sources); the time limit starts now.
port.postMessage({ ready: true });
