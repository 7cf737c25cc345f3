import { diffLines } from 'diff';
import type { HistoryEntry, HistoryResponse } from '../core/contract.js';
import { notFound } from '../core/errors.js';
import { LruCache } from '../core/lru.js';
import { parsePagePath, scopeKey, wikiPath } from '../core/paths.js';
import type { ServiceDeps } from './deps.js';
import { requireExistingProject, requireScope, type ScopeInput } from './scope.js';

export interface HistoryOptions {
  limit?: number;
  /** Lines added and removed by each commit in this page (one blob diff per commit). */
  stats?: boolean;
}

/** Line counts per (commit, previous commit, page): commits never change, so neither do these. */
const STATS_KEPT = 5000;

export function createHistoryService({ store, index }: ServiceDeps) {
  const stats = new LruCache<{ added: number; removed: number }>(STATS_KEPT);

  /** A page's commits, newest first, from the derived history index (brought up to HEAD first). */
  async function pageHistory(input: ScopeInput & { path: string }, options: HistoryOptions = {}): Promise<HistoryResponse> {
    const scope = requireExistingProject(index, requireScope(input));
    const path = parsePagePath(input.path);
    const rel = wikiPath(scope, path);
    await index.history.update();
    const all = index.history.entries(rel);
    if (all.length === 0 && !(await store.files.info(rel))) {
      throw notFound(`no page ${path} in ${scopeKey(scope)}, now or in its history`, { path });
    }
    const commits = options.limit ? all.slice(0, options.limit) : all;
    if (options.stats) {
      // The previous commit that touched the page holds the content this commit changed; each
      // version is one commit's "after" and the next one's "before", so it is read once.
      const versions = new Map<string, Promise<string | null>>();
      const readAt = (commit: string) => {
        let text = versions.get(commit);
        if (!text) versions.set(commit, (text = store.git.readAt(commit, rel)));
        return text;
      };
      await Promise.all(commits.map(async (entry, i) => {
        entry.stat = await diffStat(rel, all[i + 1], entry, readAt);
      }));
    }
    return { workspace: scope.workspace, project: scope.project, path, commits };
  }

  async function diffStat(
    rel: string,
    before: HistoryEntry | undefined,
    after: HistoryEntry,
    readAt: (commit: string) => Promise<string | null>,
  ): Promise<{ added: number; removed: number }> {
    const key = `${after.commit}:${before?.commit ?? ''}:${rel}`;
    const kept = stats.get(key);
    if (kept) return { ...kept };
    const [old, now] = await Promise.all([before ? readAt(before.commit) : null, readAt(after.commit)]);
    let added = 0;
    let removed = 0;
    for (const part of diffLines(old ?? '', now ?? '')) {
      if (part.added) added += part.count ?? 0;
      if (part.removed) removed += part.count ?? 0;
    }
    stats.set(key, { added, removed });
    return { added, removed };
  }

  return { pageHistory };
}
