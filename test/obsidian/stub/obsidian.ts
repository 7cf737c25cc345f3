/**
 * A stand-in for the `obsidian` module (which ships types only: the app provides the code).
 * tsx maps `obsidian` here for the tests (paths in the root tsconfig.json). It implements the
 * part of the API the plugin uses, over real files: the vault is a folder on disk.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { FakeElement } from './dom.js';

export { FakeElement } from './dom.js';

// ---- events and components ----

export interface EventRef {
  events: Events;
  name: string;
  callback: (...args: never[]) => unknown;
}

export class Events {
  private handlers = new Map<string, EventRef[]>();

  on(name: string, callback: (...args: never[]) => unknown): EventRef {
    const ref: EventRef = { events: this, name, callback };
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), ref]);
    return ref;
  }

  offref(ref: EventRef): void {
    this.handlers.set(ref.name, (this.handlers.get(ref.name) ?? []).filter((r) => r !== ref));
  }

  trigger(name: string, ...args: unknown[]): void {
    for (const ref of this.handlers.get(name) ?? []) (ref.callback as (...a: unknown[]) => unknown)(...args);
  }
}

export class Component {
  private cleanups: Array<() => unknown> = [];
  private loaded = false;

  async load(): Promise<void> {
    this.loaded = true;
    await this.onload();
  }

  onload(): void | Promise<void> {}

  unload(): void {
    if (!this.loaded) return;
    this.loaded = false;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.onunload();
  }

  onunload(): void {}

  register(cleanup: () => unknown): void {
    this.cleanups.push(cleanup);
  }

  registerEvent(ref: EventRef): void {
    this.register(() => ref.events.offref(ref));
  }

  registerInterval(id: number): number {
    this.register(() => clearInterval(id));
    return id;
  }

  addChild<T extends Component>(child: T): T {
    void child.load();
    return child;
  }
}

// ---- files and the vault ----

export abstract class TAbstractFile {
  constructor(
    readonly vault: Vault,
    public path: string,
  ) {}

  get name(): string {
    return basename(this.path);
  }
}

export class TFile extends TAbstractFile {
  get basename(): string {
    return basename(this.path, extname(this.path));
  }

  get extension(): string {
    return extname(this.path).slice(1);
  }

  get stat() {
    const stat = statSync(join(this.vault.root, this.path));
    return { ctime: stat.ctimeMs, mtime: stat.mtimeMs, size: stat.size };
  }
}

export class DataAdapter {
  constructor(private readonly root: string) {}

  async exists(path: string): Promise<boolean> {
    return existsSync(join(this.root, path));
  }

  async read(path: string): Promise<string> {
    return readFile(join(this.root, path), 'utf8');
  }

  async write(path: string, data: string): Promise<void> {
    await mkdir(dirname(join(this.root, path)), { recursive: true });
    await writeFile(join(this.root, path), data);
  }
}

export class Vault extends Events {
  readonly adapter: DataAdapter;
  readonly configDir = '.obsidian';
  private files = new Map<string, TFile>();

  constructor(readonly root: string) {
    super();
    this.adapter = new DataAdapter(root);
  }

  getName(): string {
    return basename(this.root);
  }

  getAbstractFileByPath(path: string): TFile | null {
    const full = join(this.root, path);
    if (!existsSync(full) || !statSync(full).isFile()) return null;
    let file = this.files.get(path);
    if (!file) {
      file = new TFile(this, path);
      this.files.set(path, file);
    }
    return file;
  }

  async read(file: TFile): Promise<string> {
    return readFile(join(this.root, file.path), 'utf8');
  }

  cachedRead(file: TFile): Promise<string> {
    return this.read(file);
  }

  /** Saves like Obsidian's editor does, then tells listeners. */
  async modify(file: TFile, data: string): Promise<void> {
    await writeFile(join(this.root, file.path), data);
    this.trigger('modify', file);
  }

  async create(path: string, data: string): Promise<TFile> {
    mkdirSync(dirname(join(this.root, path)), { recursive: true });
    writeFileSync(join(this.root, path), data);
    const file = this.getAbstractFileByPath(path)!;
    this.trigger('create', file);
    return file;
  }
}

// ---- workspace, leaves and views ----

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

// ---- the app ----

export interface Command {
  id: string;
  name: string;
  callback?: () => unknown;
  checkCallback?: (checking: boolean) => boolean | void;
  editorCheckCallback?: (checking: boolean, editor: Editor, ctx: { file: TFile | null }) => boolean | void;
  editorCallback?: (editor: Editor, ctx: { file: TFile | null }) => unknown;
}

export interface Editor {
  getSelection(): string;
  getValue(): string;
}

export class App {
  readonly vault: Vault;
  readonly workspace: Workspace;
  readonly viewRegistry = new Map<string, ViewCreator>();
  readonly commands = new Map<string, Command>();
  readonly modals: Modal[] = [];
  readonly settingTabs: PluginSettingTab[] = [];
  readonly statusBarItems: FakeElement[] = [];

  constructor(vaultRoot: string) {
    this.vault = new Vault(vaultRoot);
    this.workspace = new Workspace(this);
  }
}

// ---- plugins ----

export interface PluginManifest {
  id: string;
  name: string;
  version: string;
  minAppVersion: string;
  description: string;
  author: string;
  isDesktopOnly?: boolean;
  dir?: string;
}

export class Plugin extends Component {
  constructor(
    readonly app: App,
    readonly manifest: PluginManifest,
  ) {
    super();
  }

  private get dataPath(): string {
    return join(this.app.vault.root, this.manifest.dir ?? `.obsidian/plugins/${this.manifest.id}`, 'data.json');
  }

  async loadData(): Promise<unknown> {
    return existsSync(this.dataPath) ? JSON.parse(readFileSync(this.dataPath, 'utf8')) : null;
  }

  async saveData(data: unknown): Promise<void> {
    mkdirSync(dirname(this.dataPath), { recursive: true });
    writeFileSync(this.dataPath, JSON.stringify(data, null, 2));
  }

  registerView(type: string, creator: ViewCreator): void {
    this.app.viewRegistry.set(type, creator);
    this.register(() => this.app.viewRegistry.delete(type));
  }

  addCommand(command: Command): Command {
    const full = { ...command, id: `${this.manifest.id}:${command.id}` };
    this.app.commands.set(full.id, full);
    return full;
  }

  addRibbonIcon(_icon: string, title: string, callback: (evt: FakeEvent) => unknown): FakeElement {
    const el = new FakeElement('div');
    el.setAttr('aria-label', title);
    el.addEventListener('click', callback);
    return el;
  }

  addStatusBarItem(): FakeElement {
    const el = new FakeElement('div');
    this.app.statusBarItems.push(el);
    return el;
  }

  addSettingTab(tab: PluginSettingTab): void {
    this.app.settingTabs.push(tab);
  }
}

type FakeEvent = import('./dom.js').FakeEvent;

export class Notice {
  /** Every notice shown, oldest first (tests read and clear it). */
  static readonly shown: string[] = [];
  readonly messageEl = new FakeElement('div');

  constructor(message: string, _duration?: number) {
    this.messageEl.setText(message);
    Notice.shown.push(message);
  }

  setMessage(message: string): this {
    this.messageEl.setText(message);
    return this;
  }

  hide(): void {}
}

export { Modal, SuggestModal, PluginSettingTab, Setting } from './ui.js';
import type { Modal, PluginSettingTab } from './ui.js';

export { requestUrl, requestLog } from './request-url.js';

export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/\/+/g, '/').replace(/^\/|\/$/g, '');
}

export function setIcon(_el: FakeElement, _icon: string): void {}
