import { ItemView, type WorkspaceLeaf } from 'obsidian';
import type { ScopeRef } from '../../../lib/core/contract.js';
import { isServerError } from '../errors.js';
import type { PluginHost } from '../host.js';
import type { BriefingPage, HandoffView } from '../memory-api.js';
import { handoffPath, loadPanelData, type PanelData } from '../panel-data.js';
import { sameScope, scopeLabel } from '../vault-paths.js';
import { button, errorBox, pageLink, section, shortDate } from './render.js';

export const PANEL_VIEW = 'ai-memory-panel';

/** The side panel: the open note's project, its pending handoff, recent sessions, rules and pins. */
export class MemoryPanelView extends ItemView {
  private project: ScopeRef | null = null;
  // Each refresh renders only if no later one started (switching notes quickly).
  private generation = 0;
  /** Settles when the latest refresh has rendered; tests and callers may await it. */
  rendered: Promise<void> = Promise.resolve();

  constructor(
    leaf: WorkspaceLeaf,
    private readonly host: PluginHost,
  ) {
    super(leaf);
  }

  getViewType(): string {
    return PANEL_VIEW;
  }

  getDisplayText(): string {
    return 'AI Memory';
  }

  override getIcon(): string {
    return 'brain-circuit';
  }

  override async onOpen(): Promise<void> {
    this.project = this.host.currentScope();
    await this.refresh();
  }

  /** Shows `scope` (or keeps the current project when null), loading it afresh. */
  show(scope: ScopeRef | null): Promise<void> {
    if (scope) this.project = scope;
    return this.refresh();
  }

  /** Follows the open note: a note of another project switches the panel to it. */
  async follow(scope: ScopeRef | null): Promise<void> {
    if (scope === null || sameScope(scope, this.project)) return this.rendered;
    this.project = scope;
    return this.refresh();
  }

  refresh(): Promise<void> {
    const generation = ++this.generation;
    this.rendered = this.render(generation);
    return this.rendered;
  }

  private async render(generation: number): Promise<void> {
    const root = this.contentEl;
    const scope = this.project;
    root.empty();
    root.addClass('ai-memory-panel');
    const header = root.createDiv({ cls: 'ai-memory-header' });
    header.createEl('h3', { text: scope ? scopeLabel(scope) : 'AI Memory' });
    button(header, 'Refresh', () => this.refresh());
    if (!scope) {
      root.createEl('p', { text: 'Open a note inside a project folder (<workspace>/<project>/...) or set a default project in the settings.', cls: 'ai-memory-empty' });
      return;
    }
    const status = root.createEl('p', { text: 'Loading...', cls: 'ai-memory-loading' });
    let data: PanelData;
    try {
      data = await loadPanelData(this.host.api, scope);
    } catch (error) {
      if (generation !== this.generation) return;
      status.remove();
      if (isServerError(error, 'not_found')) {
        root.createEl('p', { text: `No memory in ${scopeLabel(scope)} yet: the server has no pages in this project.`, cls: 'ai-memory-empty' });
        return;
      }
      errorBox(root, error, 'loading the project', () => void this.refresh());
      this.host.notifier.error(error, `loading ${scopeLabel(scope)}`, { quiet: true });
      return;
    }
    if (generation !== this.generation) return;
    status.remove();
    this.renderData(root, data);
  }

  private renderData(root: HTMLElement, data: PanelData): void {
    const handoffs = section(root, 'Pending handoff');
    if (data.handoffs.length === 0) handoffs.createEl('p', { text: 'No pending handoff.', cls: 'ai-memory-empty' });
    for (const handoff of data.handoffs) this.renderHandoff(handoffs, data.scope, handoff);
    this.renderPages(root, 'Recent sessions', data.scope, data.sessions, 'No sessions yet.');
    this.renderPages(root, 'Rules', data.scope, data.rules, 'No rules.');
    this.renderPages(root, 'Pinned', data.scope, data.pinned, 'Nothing pinned.');
    const { pages, sessions, decisions } = data.counts;
    root.createEl('p', { text: `${pages} pages, ${sessions} sessions, ${decisions} decisions`, cls: 'ai-memory-counts' });
  }

  private renderHandoff(parent: HTMLElement, scope: ScopeRef, handoff: HandoffView): void {
    const box = parent.createDiv({ cls: 'ai-memory-handoff' });
    const meta = [shortDate(handoff.created), handoff.agent, handoff.manual ? 'left on purpose' : undefined].filter(Boolean).join(' · ');
    pageLink(this.host, box.createDiv(), { ...scope, path: handoffPath(handoff) }, handoff.title ? `${handoff.title} · ${meta}` : `Handoff ${meta}`);
    // Same order as the block the next agent gets: where it stopped first, the summary last.
    const where = [handoff.last_prompt ? `Last request: ${handoff.last_prompt}` : '', handoff.last_reply ? `Last reply: ${handoff.last_reply}` : ''].filter(Boolean);
    list(box, 'Where it stopped', where);
    list(box, 'Next steps', handoff.next_steps);
    list(box, 'Open questions', handoff.open_questions);
    list(box, 'Failures not fixed', handoff.unfixed_failures);
    list(box, handoff.manual ? 'Files touched' : 'Files changed', handoff.files_touched);
    list(box, 'Decisions', handoff.decisions);
    box.createEl('p', { text: handoff.summary, cls: 'ai-memory-handoff-summary' });
  }

  private renderPages(root: HTMLElement, title: string, scope: ScopeRef, pages: BriefingPage[], empty: string): void {
    const el = section(root, title);
    if (pages.length === 0) {
      el.createEl('p', { text: empty, cls: 'ai-memory-empty' });
      return;
    }
    const ul = el.createEl('ul', { cls: 'ai-memory-pages' });
    for (const page of pages) {
      const li = ul.createEl('li');
      pageLink(this.host, li, { ...scope, path: page.path }, page.title);
      li.createSpan({ text: ` ${shortDate(page.updated)}`, cls: 'ai-memory-date' });
    }
  }
}

function list(parent: HTMLElement, title: string, items: string[] | undefined): void {
  if (!items || items.length === 0) return;
  parent.createEl('div', { text: title, cls: 'ai-memory-list-title' });
  const ul = parent.createEl('ul');
  for (const item of items) ul.createEl('li', { text: item });
}
