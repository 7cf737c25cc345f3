import type { ReindexResponse, StatusResponse } from '../core/contract.js';
import type { Progress } from '../index/memory-index.js';
import type { ServiceDeps } from './deps.js';
import { pendingSummaries } from './pending-handoffs.js';

export function createStatusService(deps: ServiceDeps, externalPending: () => number) {
  const { store, index } = deps;

  async function status(): Promise<StatusResponse> {
    const head = await store.git.head();
    const response: StatusResponse = {
      version: deps.version,
      data_dir: store.layout.root,
      wiki_dir: store.layout.wiki,
      projects: index.projects(),
      index: index.status(),
      watcher: { live: deps.watcher?.live ?? false, pending_external_commits: externalPending() },
      git: {},
      pending_handoffs: pendingSummaries(index.allPages()),
    };
    if (deps.watcher?.error) response.watcher.error = deps.watcher.error;
    if (head) response.git.head = head;
    const providers = deps.providers?.health() ?? [];
    if (providers.length > 0) response.providers = providers;
    return response;
  }

  /** Rebuilds every derived structure from the files and the git history. */
  async function reindex(progress?: Progress): Promise<ReindexResponse> {
    // The history is walked in the build child too, so its memory goes with the child.
    const { pages, ms } = await index.rebuild(progress, { history: true });
    await index.persist();
    return { pages, ms, revision: index.revision };
  }

  return { status, reindex };
}
