import type { Logger } from '../core/logger.js';
import type { MemoryIndex } from '../index/memory-index.js';
import type { WikiStore } from '../store/wiki-store.js';
import type { Providers } from './llm/providers.js';

/** What every use case may depend on; built once by the server's composition root. */
export interface ServiceDeps {
  store: WikiStore;
  index: MemoryIndex;
  logger: Logger;
  version: string;
  /** Injected so tests can move time (expiry, as_of, decay). */
  now?: () => Date;
  /** Read-only view of the watcher for status; absent when the server runs without one. */
  watcher?: { readonly live: boolean; readonly error: string | undefined };
  /** Opt-in LLM and embedding providers; absent or empty means rule-based only. */
  providers?: Providers;
}
