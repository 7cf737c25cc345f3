import { ItemView, MarkdownRenderer, type WorkspaceLeaf } from 'obsidian';
import type { HistoryEntry, PageResponse } from '../../../lib/core/contract.js';
import type { PluginHost } from '../host.js';
import { diffCounts, lineDiff, restoreVersion, versionText, type DiffLine } from '../page-history.js';
import { vaultPathOf, type PageRef } from '../vault-paths.js';
import { ConfirmModal } from './confirm-modal.js';
import { button, errorBox, shortDate } from './render.js';

export const HISTORY_VIEW = 'ai-memory-history';
/** A page edited for years has thousands of commits; the newest are the ones worth a click. */
const MAX_SHOWN = 100;

/** "Page history": the open note's commits from the server; read, diff or restore any version. */
export class PageHistoryView extends ItemView {
  private ref: PageRef | null = null;
  private commits: HistoryEntry[] = [];
  private detailEl: HTMLElement | null = null;
  private generation = 0;
  /** Settles when the latest load or action has rendered. */
  rendered: Promise<void> = Promise.resolve();

  constructor(
    leaf: WorkspaceLeaf,
    private readonly host: PluginHost,
  ) {
    super(leaf);
  }

  getViewType(): string {
    return HISTORY_VIEW;
  }

  getDisplayText(): string {
    return this.ref ? `History: ${this.ref.path}` : 'Page history';
  }

  override getIcon(): string {
    return 'history';
  }

  override async onOpen(): Promise<void> {
    await this.show(this.host.currentPage());
  }

  /** Shows the history of `ref` (the open note); null shows how to get one. */
  show(ref: PageRef | null): Promise<void> {
    this.ref = ref;
    const generation = ++this.generation;
    this.rendered = this.render(generation);
    return this.rendered;
  }

  get page(): PageRef | null {
    return this.ref;
  }

  private async render(generation: number): Promise<void> {
    const root = this.contentEl;
    root.empty();
    root.addClass('ai-memory-history');
    const ref = this.ref;
    if (!ref) {
      root.createEl('p', { text: 'Open a memory page (a note inside <workspace>/<project>/) to see its history.', cls: 'ai-memory-empty' });
      return;
    }
    const header = root.createDiv({ cls: 'ai-memory-header' });
    header.createEl('h3', { text: ref.path });
    button(header, 'Refresh', () => this.show(this.ref));
    const status = root.createEl('p', { text: 'Loading history...', cls: 'ai-memory-loading' });
    try {
      this.commits = (await this.host.api.history(ref)).commits;
    } catch (error) {
      if (generation !== this.generation) return;
      status.remove();
      errorBox(root, error, 'loading the history', () => void this.show(this.ref));
      this.host.notifier.error(error, `loading the history of ${ref.path}`, { quiet: true });
      return;
    }
    if (generation !== this.generation) return;
    status.remove();
    if (this.commits.length === 0) root.createEl('p', { text: 'No commits yet: the server has not committed this note.', cls: 'ai-memory-empty' });
    const list = root.createDiv({ cls: 'ai-memory-commits' });
    this.commits.slice(0, MAX_SHOWN).forEach((entry, i) => this.renderEntry(list, ref, entry, i));
    if (this.commits.length > MAX_SHOWN) {
      root.createEl('p', { text: `${this.commits.length - MAX_SHOWN} older commits: git log -- ${vaultPathOf(ref, this.host.settings.wikiFolder)}`, cls: 'ai-memory-empty' });
    }
    this.detailEl = root.createDiv({ cls: 'ai-memory-detail' });
  }

  private renderEntry(parent: HTMLElement, ref: PageRef, entry: HistoryEntry, i: number): void {
    const row = parent.createDiv({ cls: 'ai-memory-commit', attr: { 'data-commit': entry.commit } });
    row.createDiv({ text: `${entry.short} · ${shortDate(entry.date)} · ${entry.author}${i === 0 ? ' · current' : ''}`, cls: 'ai-memory-commit-meta' });
    row.createDiv({ text: entry.message, cls: 'ai-memory-commit-message' });
    const actions = row.createDiv({ cls: 'ai-memory-buttons' });
    button(actions, 'View', () => this.act(() => this.viewVersion(ref, entry)));
    button(actions, 'Diff with current', () => this.act(() => this.diffWithCurrent(ref, entry)));
    const previous = this.commits[i + 1];
    if (previous) button(actions, 'Changes', () => this.act(() => this.diffVersions(ref, previous, entry)));
    if (i > 0) button(actions, 'Restore this version', () => this.confirmRestore(ref, entry));
  }

  private act(action: () => Promise<void>): Promise<void> {
    this.rendered = action().catch((error: unknown) => {
      const detail = this.detail();
      errorBox(detail, error, 'reading the version', () => void this.act(action));
      this.host.notifier.error(error, 'reading the version', { quiet: true });
    });
    return this.rendered;
  }

  private detail(): HTMLElement {
    const el = this.detailEl ?? this.contentEl.createDiv({ cls: 'ai-memory-detail' });
    this.detailEl = el;
    el.empty();
    return el;
  }

  async viewVersion(ref: PageRef, entry: HistoryEntry): Promise<void> {
    const page = await this.host.api.readPage(ref, entry.commit);
    const el = this.detail();
    el.createEl('h4', { text: `${ref.path} at ${entry.short} (${shortDate(entry.date)})` });
    const body = el.createDiv({ cls: 'ai-memory-version markdown-rendered' });
    await MarkdownRenderer.render(this.app, page.body, body, vaultPathOf(ref, this.host.settings.wikiFolder), this);
  }

  async diffWithCurrent(ref: PageRef, entry: HistoryEntry): Promise<void> {
    const [old, current] = await Promise.all([this.host.api.readPage(ref, entry.commit), this.host.api.readPage(ref)]);
    this.renderDiff(`${entry.short} → current`, old, current);
  }

  async diffVersions(ref: PageRef, before: HistoryEntry, after: HistoryEntry): Promise<void> {
    const [old, next] = await Promise.all([this.host.api.readPage(ref, before.commit), this.host.api.readPage(ref, after.commit)]);
    this.renderDiff(`${before.short} → ${after.short}`, old, next);
  }

  private renderDiff(title: string, before: PageResponse, after: PageResponse): void {
    const lines = lineDiff(versionText(before), versionText(after));
    const { added, removed } = diffCounts(lines);
    const el = this.detail();
    el.createEl('h4', { text: `${title}: +${added} −${removed}` });
    renderDiffLines(el, lines);
  }

  private confirmRestore(ref: PageRef, entry: HistoryEntry): void {
    const message = `Write ${ref.path} as it was at ${entry.short} (${shortDate(entry.date)}) through the server? The restore is a new commit; nothing in the history is lost.`;
    new ConfirmModal(this.app, 'Restore this version?', message, 'Restore', () => this.restore(ref, entry)).open();
  }

  /** Writes the old version back through the server, then shows the new history. */
  async restore(ref: PageRef, entry: HistoryEntry): Promise<void> {
    try {
      const result = await restoreVersion(this.host.api, ref, entry.commit);
      const what = result.status === 'unchanged' ? 'already matches' : `restored to ${entry.short}`;
      this.host.notifier.info(`ai-memory: ${ref.path} ${what}${result.commit ? ` (commit ${result.commit.slice(0, 7)})` : ''}.`);
      await this.show(ref);
    } catch (error) {
      this.host.notifier.error(error, `restoring ${ref.path}`);
    }
  }
}

const DIFF_PREFIX: Record<DiffLine['type'], string> = { added: '+ ', removed: '- ', same: '  ' };

function renderDiffLines(parent: HTMLElement, lines: DiffLine[]): void {
  const pre = parent.createEl('pre', { cls: 'ai-memory-diff' });
  for (const line of lines) pre.createDiv({ text: `${DIFF_PREFIX[line.type]}${line.text}`, cls: `ai-memory-diff-${line.type}` });
}
