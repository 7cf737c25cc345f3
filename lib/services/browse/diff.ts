import { diffLines } from 'diff';
import type { DiffHunk, DiffLine, DiffResponse } from '../../core/contract-browse.js';
import { notFound } from '../../core/errors.js';
import { parsePagePath, scopeKey, wikiPath } from '../../core/paths.js';
import type { ServiceDeps } from '../deps.js';
import { requireExistingProject, requireScope, type ScopeInput } from '../scope.js';

/** Unchanged lines kept around each change, as `git diff` does. */
const CONTEXT = 3;
/** Beyond this many lines a side, the diff is cut (a person cannot read more anyway). */
const MAX_LINES = 5000;

/**
 * What one commit changed in a page: the page at `rev` against the page at the previous commit
 * that touched it (the page's own history, not the commit's git parent, which may not touch it).
 */
export async function pageDiff(deps: ServiceDeps, input: ScopeInput & { path: string }, rev: string): Promise<DiffResponse> {
  const { store, index } = deps;
  const scope = requireExistingProject(index, requireScope(input));
  const path = parsePagePath(input.path);
  const rel = wikiPath(scope, path);
  const commit = await store.git.resolveRev(rev);
  await index.history.update();
  const entries = index.history.entries(rel);
  const at = entries.findIndex((e) => e.commit === commit);
  if (at === -1) throw notFound(`commit ${commit.slice(0, 7)} did not change ${path} in ${scopeKey(scope)}; see its history`, { path });
  const entry = entries[at]!;
  const parent = entries[at + 1] ?? null;
  const [before, after] = await Promise.all([parent ? store.git.readAt(parent.commit, rel) : null, store.git.readAt(commit, rel)]);
  const { hunks, stat } = lineDiff(before ?? '', after ?? '');
  return {
    workspace: scope.workspace,
    project: scope.project,
    path,
    rev: commit,
    parent: parent?.commit ?? null,
    date: entry.date,
    message: entry.message,
    author: entry.author,
    stat,
    hunks,
    deleted: after === null,
  };
}

/** A unified line diff as hunks with context, plus added/removed counts. */
export function lineDiff(before: string, after: string): { hunks: DiffHunk[]; stat: { added: number; removed: number } } {
  const lines: DiffLine[] = [];
  let oldNo = 1;
  let newNo = 1;
  const stat = { added: 0, removed: 0 };
  for (const part of diffLines(clip(before), clip(after))) {
    if (part.value === '') continue;
    const texts = part.value.replace(/\n$/, '').split('\n');
    for (const text of texts) {
      if (part.added) {
        lines.push({ op: '+', text, new: newNo++ });
        stat.added += 1;
      } else if (part.removed) {
        lines.push({ op: '-', text, old: oldNo++ });
        stat.removed += 1;
      } else {
        lines.push({ op: ' ', text, old: oldNo++, new: newNo++ });
      }
    }
  }
  return { hunks: toHunks(lines), stat };
}

function clip(text: string): string {
  const lines = text.split('\n');
  return lines.length > MAX_LINES ? `${lines.slice(0, MAX_LINES).join('\n')}\n` : text;
}

function toHunks(lines: DiffLine[]): DiffHunk[] {
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((line, i) => {
    if (line.op === ' ') return;
    for (let j = Math.max(0, i - CONTEXT); j <= Math.min(lines.length - 1, i + CONTEXT); j += 1) keep[j] = true;
  });
  const hunks: DiffHunk[] = [];
  let current: DiffHunk | null = null;
  lines.forEach((line, i) => {
    if (!keep[i]) {
      current = null;
      return;
    }
    if (!current) {
      current = { old_start: line.old ?? lastOld(lines, i) + 1, new_start: line.new ?? lastNew(lines, i) + 1, lines: [] };
      hunks.push(current);
    }
    current.lines.push(line);
  });
  return hunks;
}

function lastOld(lines: DiffLine[], i: number): number {
  for (let j = i - 1; j >= 0; j -= 1) if (lines[j]!.old !== undefined) return lines[j]!.old!;
  return 0;
}

function lastNew(lines: DiffLine[], i: number): number {
  for (let j = i - 1; j >= 0; j -= 1) if (lines[j]!.new !== undefined) return lines[j]!.new!;
  return 0;
}
