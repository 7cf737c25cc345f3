import { FakeElement } from './dom.js';
import { Component, Events } from './events.js';
import type { App } from './obsidian.js';
import type { TFile } from './vault.js';

/** Leaves, views and the workspace: enough to open notes and side views. */
export type ViewCreator = (leaf: WorkspaceLeaf) => View;

export class WorkspaceLeaf {
  view: View | null = null;

  constructor(readonly app: App) {}

  async setViewState(state: { type: string; active?: boolean }): Promise<void> {
    const creator = this.app.viewRegistry.get(state.type);
    if (!creator) throw new Error(`no view registered for ${state.type}`);
    this.view = creator(this);
    await this.view.load();
    await this.view.onOpen();
  }

  /** Opening a file in a leaf makes it the active file, as in the editor. */
  async openFile(file: TFile): Promise<void> {
    this.app.workspace.activeFile = file;
    this.app.workspace.opened.push(file.path);
    this.app.workspace.trigger('file-open', file);
  }

  detach(): void {
    void this.view?.onClose();
    this.view?.unload();
    this.app.workspace.sideLeaves = this.app.workspace.sideLeaves.filter((leaf) => leaf !== this);
  }
}

export class Workspace extends Events {
  activeFile: TFile | null = null;
  /** Every path opened in the editor, in order (tests read it). */
  opened: string[] = [];
  sideLeaves: WorkspaceLeaf[] = [];
  private readonly mainLeaf: WorkspaceLeaf;

  constructor(readonly app: App) {
    super();
    this.mainLeaf = new WorkspaceLeaf(app);
  }

  getActiveFile(): TFile | null {
    return this.activeFile;
  }

  getLeaf(_newLeaf?: boolean): WorkspaceLeaf {
    return this.mainLeaf;
  }

  getRightLeaf(_split: boolean): WorkspaceLeaf {
    const leaf = new WorkspaceLeaf(this.app);
    this.sideLeaves.push(leaf);
    return leaf;
  }

  getLeavesOfType(type: string): WorkspaceLeaf[] {
    return this.sideLeaves.filter((leaf) => leaf.view?.getViewType() === type);
  }

  async revealLeaf(_leaf: WorkspaceLeaf): Promise<void> {}

  detachLeavesOfType(type: string): void {
    for (const leaf of this.getLeavesOfType(type)) leaf.detach();
  }
}

export abstract class View extends Component {
  readonly app: App;
  readonly containerEl = new FakeElement('div');

  constructor(readonly leaf: WorkspaceLeaf) {
    super();
    this.app = leaf.app;
  }

  abstract getViewType(): string;
  abstract getDisplayText(): string;

  getIcon(): string {
    return '';
  }

  async onOpen(): Promise<void> {}
  async onClose(): Promise<void> {}
}

export abstract class ItemView extends View {
  readonly contentEl: FakeElement;

  constructor(leaf: WorkspaceLeaf) {
    super(leaf);
    this.containerEl.createDiv({ cls: 'view-header' });
    this.contentEl = this.containerEl.createDiv({ cls: 'view-content' });
  }
}

export class MarkdownRenderer {
  /** Stands in for rendering: the markdown as text in a div. */
  static async render(_app: App, markdown: string, el: FakeElement, _sourcePath: string, _component: Component): Promise<void> {
    el.createDiv({ text: markdown, cls: 'stub-rendered-markdown' });
  }
}
