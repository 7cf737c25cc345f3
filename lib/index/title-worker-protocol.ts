import type { MessagePort } from 'node:worker_threads';
import type { TitleDoc } from './title-search.js';

/**
 * Messages between TitleIndex (main thread) and the title worker (title-worker.ts). Changes go
 * one way and are applied in order; `query` and `size` are answered on the `replies` port, which
 * the main thread reads synchronously (receiveMessageOnPort) while it waits on `signal`.
 */
export type TitleRequest =
  | { type: 'init'; signal: Int32Array; replies: MessagePort }
  /** A full load as three parallel lists: cheaper to copy between threads than 50k objects. */
  | { type: 'load'; rels: string[]; titles: string[]; aliases: string[] }
  /** A full load from a saved catalog's bytes, decoded by the worker itself (catalog-codec.ts `eachPageHead`). */
  | { type: 'loadCatalog'; bytes: Uint8Array }
  /** The main thread's page count for the last load: a different count marks the index broken. */
  | { type: 'expect'; count: number }
  | { type: 'upsert'; doc: TitleDoc }
  | { type: 'remove'; rel: string }
  | { type: 'query'; text: string; scopeKeys: string[] | null; limit: number }
  | { type: 'size' };

/** Matches as parallel lists (up to 2,000 of them per query), for the same reason. */
export type TitleReply =
  | { ok: true; rels: string[]; scores: Float64Array; matched: Uint16Array }
  | { ok: true; size: number }
  | { ok: false; message: string };

/** Slots of the shared `signal`: a reply counter the worker bumps after each reply, and a flag set once it runs. */
export const REPLIES = 0;
export const ONLINE = 1;
