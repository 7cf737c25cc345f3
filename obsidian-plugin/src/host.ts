import type { App } from 'obsidian';
import type { ScopeRef } from '../../lib/core/contract.js';
import type { MemoryApi } from './memory-api.js';
import type { Notifier } from './notifier.js';
import type { AiMemorySettings } from './settings.js';
import type { PageRef } from './vault-paths.js';

/** What views and modals need from the plugin; an interface so they do not import it. */
export interface PluginHost {
  readonly app: App;
  readonly api: MemoryApi;
  readonly notifier: Notifier;
  readonly settings: AiMemorySettings;
  /** The project of the open note, else the default project from the settings. */
  currentScope(): ScopeRef | null;
  /** The page the open note is, if it is one. */
  currentPage(): PageRef | null;
  /** Opens a page of the wiki in the editor. */
  openPage(ref: PageRef): Promise<void>;
}
