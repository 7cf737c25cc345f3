import { handoffAbout } from '../core/capture/handoff.js';
import type { PendingHandoffs } from '../core/contract.js';
import type { IndexedPage } from '../index/indexed-page.js';

/**
 * The handoffs waiting for the next agent, as the index knows them (frontmatter `state: open`),
 * grouped by project, newest first in each. Search and status read them; delivering one reads
 * the file again in a write job (capture/handoffs.ts).
 */
export function pendingByProject(pages: Iterable<IndexedPage>): Map<string, IndexedPage[]> {
  const byProject = new Map<string, IndexedPage[]>();
  for (const page of pages) {
    if (page.kind !== 'handoff' || page.handoff?.state !== 'open' || !page.path.startsWith('handoffs/')) continue;
    const key = `${page.workspace}/${page.project}`;
    const list = byProject.get(key);
    if (list) list.push(page);
    else byProject.set(key, [page]);
  }
  for (const list of byProject.values()) list.sort((a, b) => b.handoff!.created.localeCompare(a.handoff!.created));
  return byProject;
}

/** One entry per project with a pending handoff, projects in name order. */
export function pendingSummaries(pages: Iterable<IndexedPage>): PendingHandoffs[] {
  return [...pendingByProject(pages).entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, list]) => {
      const newest = list[0]!;
      const id = newest.path.slice('handoffs/'.length, -'.md'.length);
      return { workspace: newest.workspace, project: newest.project, count: list.length, newest: { id, title: handoffAbout(newest.title), created: newest.handoff!.created } };
    });
}
