import { Notice, Plugin, TFile, type TAbstractFile } from 'obsidian';
import type { ScopeRef } from '../../lib/core/contract.js';
import { Connection } from './connection.js';
import { describeError } from './errors.js';
import type { PluginHost } from './host.js';
import { indexStateLabel, indexStateOf, type IndexState } from './index-state.js';
import { McpClient } from './mcp-client.js';
import { MemoryApi } from './memory-api.js';
import { Notifier } from './notifier.js';
import { defaultSaveForm } from './save-memory.js';
import { defaultScope, normalizeSettings, type AiMemorySettings } from './settings.js';
import { requestUrlTransport, type Transport } from './transport.js';
import { pageRefOf, scopeOfVaultPath, vaultPathOf, type PageRef } from './vault-paths.js';
import { HISTORY_VIEW, PageHistoryView } from './views/history-view.js';
import { MemoryPanelView, PANEL_VIEW } from './views/panel-view.js';
import { SaveMemoryModal } from './views/save-modal.js';
import { MemorySearchModal } from './views/search-modal.js';
import { AiMemorySettingTab } from './views/settings-tab.js';

const NOTICE_MS = 8000;
/** After a save, the server's watcher indexes within about a second; check a little later. */
const INDEX_CHECK_DELAY_MS = 1500;
const INDEX_RECHECKS = 8;
/** How long to wait for Obsidian to notice a page the server just wrote. */
const FILE_APPEAR_MS = 3000;

export default class AiMemoryPlugin extends Plugin implements PluginHost {
  override settings: AiMemorySettings = normalizeSettings(null);
  api!: MemoryApi;
  notifier!: Notifier;
  /** How requests travel: requestUrl inside Obsidian; another transport (fetch) may be set before onload. */
  transport: Transport = requestUrlTransport;
  /** The index state last shown for the open note. */
  indexState: IndexState | null = null;
  private statusEl: HTMLElement | null = null;
  private indexTimer: ReturnType<typeof setTimeout> | null = null;
  private indexRechecks = 0;

  override async onload(): Promise<void> {
    await this.loadSettings();
    if (this.settings.authToken) void this.keepDataOutOfGit();
    const connection = new Connection(() => this.settings, this.transport);
    this.api = new MemoryApi(connection, new McpClient(connection, this.manifest.version));
    this.notifier = new Notifier((message) => new Notice(message, NOTICE_MS));

    this.registerView(PANEL_VIEW, (leaf) => new MemoryPanelView(leaf, this));
    this.registerView(HISTORY_VIEW, (leaf) => new PageHistoryView(leaf, this));
    this.addRibbonIcon('brain-circuit', 'Open the AI Memory panel', () => void this.openPanel());
    this.addCommands();
    this.addSettingTab(new AiMemorySettingTab(this.app, this, this));
    this.statusEl = this.addStatusBarItem();
    this.statusEl.addClass('ai-memory-status');

    this.registerEvent(this.app.workspace.on('file-open', (file) => void this.onFileOpen(file)));
    this.registerEvent(this.app.vault.on('modify', (file) => this.onModify(file)));
    this.register(() => this.clearIndexTimer());
  }

  private addCommands(): void {
    this.addCommand({ id: 'open-panel', name: 'Open project memory panel', callback: () => void this.openPanel() });
    this.addCommand({ id: 'search', name: 'Search memory (this project)', callback: () => new MemorySearchModal(this, this.currentScope()).open() });
    this.addCommand({ id: 'search-all', name: 'Search memory (every project)', callback: () => new MemorySearchModal(this, null).open() });
    this.addCommand({
      id: 'page-history',
      name: 'Show page history',
      checkCallback: (checking) => {
        const ref = this.currentPage();
        if (!ref) return false;
        if (!checking) void this.openHistory(ref);
        return true;
      },
    });
    this.addCommand({
      id: 'save-as-memory',
      name: 'Save as durable memory',
      editorCheckCallback: (checking, editor, ctx) => {
        const file = ctx.file;
        if (!file || file.extension !== 'md') return false;
        // The editor's text, not the file: it may hold changes not saved yet.
        if (!checking) void this.openSaveModal(file, editor.getSelection(), editor.getValue());
        return true;
      },
    });
    this.addCommand({ id: 'check-indexed', name: 'Check whether the server has indexed this note', callback: () => void this.reportIndexState() });
  }

  async loadSettings(): Promise<void> {
    this.settings = normalizeSettings(await this.loadData());
  }

  async saveSettings(): Promise<void> {
    await this.saveData(this.settings);
    await this.keepDataOutOfGit();
  }

  /**
   * The vault is a git repository; a `git add -A` there must not commit the token, so the
   * plugin's folder gets a .gitignore naming its data file.
   */
  private async keepDataOutOfGit(): Promise<void> {
    const dir = this.manifest.dir;
    if (!dir) return;
    const path = `${dir}/.gitignore`;
    try {
      if (!(await this.app.vault.adapter.exists(path))) await this.app.vault.adapter.write(path, 'data.json\n');
    } catch (error) {
      console.warn('ai-memory: could not write', path, error);
    }
  }

  currentScope(): ScopeRef | null {
    const file = this.app.workspace.getActiveFile();
    return (file ? scopeOfVaultPath(file.path, this.settings.wikiFolder) : null) ?? defaultScope(this.settings);
  }

  currentPage(): PageRef | null {
    const file = this.app.workspace.getActiveFile();
    return file ? pageRefOf(file.path, this.settings.wikiFolder) : null;
  }

  async openPage(ref: PageRef): Promise<void> {
    const path = vaultPathOf(ref, this.settings.wikiFolder);
    const file = await this.waitForFile(path);
    if (!file) {
      this.notifier.info(`ai-memory: ${path} is not in this vault. Open the wiki folder as the vault, or set the wiki folder in Settings → AI Memory.`);
      return;
    }
    await this.app.workspace.getLeaf(false).openFile(file);
  }

  /** A page the server just wrote may reach Obsidian's file list a moment later. */
  private async waitForFile(path: string): Promise<TFile | null> {
    const deadline = Date.now() + FILE_APPEAR_MS;
    for (;;) {
      const file = this.app.vault.getAbstractFileByPath(path);
      if (file instanceof TFile) return file;
      if (Date.now() >= deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Opens the panel, or brings it forward and reloads it when it is already open. */
  async openPanel(): Promise<MemoryPanelView | null> {
    const { view, created } = await this.revealView(PANEL_VIEW);
    if (!(view instanceof MemoryPanelView)) return null;
    await (created ? view.rendered : view.show(this.currentScope()));
    return view;
  }

  async openHistory(ref: PageRef): Promise<PageHistoryView | null> {
    const { view, created } = await this.revealView(HISTORY_VIEW);
    if (!(view instanceof PageHistoryView)) return null;
    const same = view.page?.path === ref.path && view.page.project === ref.project && view.page.workspace === ref.workspace;
    await (created && same ? view.rendered : view.show(ref));
    return view;
  }

  private async revealView(type: string): Promise<{ view: unknown; created: boolean }> {
    const { workspace } = this.app;
    let leaf = workspace.getLeavesOfType(type)[0] ?? null;
    const created = leaf === null;
    if (!leaf) {
      leaf = workspace.getRightLeaf(false);
      if (!leaf) return { view: null, created };
      await leaf.setViewState({ type, active: true });
    }
    await workspace.revealLeaf(leaf);
    return { view: leaf.view, created };
  }

  async openSaveModal(file: TFile, selection: string, text?: string): Promise<SaveMemoryModal> {
    const noteText = text ?? (await this.app.vault.read(file));
    const modal = new SaveMemoryModal(this, defaultSaveForm({ notePath: file.path, noteText, selection, settings: this.settings }));
    modal.open();
    return modal;
  }

  private views<T>(type: string, cls: abstract new (...args: never[]) => T): T[] {
    return this.app.workspace
      .getLeavesOfType(type)
      .map((leaf) => leaf.view)
      .filter((view): view is T & typeof view => view instanceof cls);
  }

  private async onFileOpen(file: TFile | null): Promise<void> {
    const path = file?.path ?? null;
    const scope = path ? scopeOfVaultPath(path, this.settings.wikiFolder) : null;
    const page = path ? pageRefOf(path, this.settings.wikiFolder) : null;
    const updates: Array<Promise<void>> = [];
    for (const panel of this.views(PANEL_VIEW, MemoryPanelView)) updates.push(panel.follow(scope));
    for (const history of this.views(HISTORY_VIEW, PageHistoryView)) if (page) updates.push(history.show(page));
    this.indexRechecks = 0;
    this.scheduleIndexCheck(0);
    await Promise.all(updates);
  }

  private onModify(file: TAbstractFile): void {
    if (file.path !== this.app.workspace.getActiveFile()?.path) return;
    this.indexRechecks = 0;
    this.scheduleIndexCheck(INDEX_CHECK_DELAY_MS);
  }

  private scheduleIndexCheck(delay: number): void {
    this.clearIndexTimer();
    this.indexTimer = setTimeout(() => void this.checkIndex(), delay);
  }

  private clearIndexTimer(): void {
    if (this.indexTimer !== null) clearTimeout(this.indexTimer);
    this.indexTimer = null;
  }

  /** Compares the open note with the server's index and shows the result in the status bar. */
  async checkIndex(): Promise<IndexState | null> {
    const file = this.app.workspace.getActiveFile();
    const ref = file ? pageRefOf(file.path, this.settings.wikiFolder) : null;
    if (!file || !ref) {
      this.showIndexState(null);
      return null;
    }
    // A timed re-check can find the note deleted or moved since it was scheduled.
    const text = await this.app.vault.read(file).catch(() => null);
    if (text === null) {
      this.showIndexState(null);
      return null;
    }
    const state = await indexStateOf(this.api, ref, text);
    if (this.app.workspace.getActiveFile()?.path !== file.path) return state;
    this.showIndexState(state);
    // The watcher catches up within a second or two; look again a few times.
    if (state.state === 'pending' && this.indexRechecks++ < INDEX_RECHECKS) this.scheduleIndexCheck(INDEX_CHECK_DELAY_MS);
    return state;
  }

  private showIndexState(state: IndexState | null): void {
    this.indexState = state;
    if (!this.statusEl) return;
    this.statusEl.setText(state ? indexStateLabel(state) : '');
    const detail = state === null ? '' : state.state === 'pending' ? state.reason : state.state === 'indexed' ? 'The server has indexed this version of the note.' : state.message;
    this.statusEl.setAttr('aria-label', detail);
  }

  private async reportIndexState(): Promise<void> {
    const state = await this.checkIndex();
    if (!state) {
      this.notifier.info('ai-memory: this note is not a memory page (it is not inside <workspace>/<project>/).');
      return;
    }
    const detail = state.state === 'pending' ? state.reason : state.state === 'indexed' ? 'this version of the note is indexed' : state.message;
    this.notifier.info(`${indexStateLabel(state)}: ${detail}.`);
  }

  /** For the settings tab: a message saying whether the URL and token work. */
  async testConnection(): Promise<string> {
    try {
      const { version } = await this.api.health();
      const workspaces = await this.api.workspaces();
      return `Connected to ai-memory ${version}; ${workspaces.length} workspace${workspaces.length === 1 ? '' : 's'}.`;
    } catch (error) {
      return describeError(error, 'connecting');
    }
  }
}
