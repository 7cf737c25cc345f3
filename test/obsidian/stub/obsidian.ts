/**
 * A stand-in for the `obsidian` module (which ships types only: the app provides the code).
 * tsx maps `obsidian` here for the tests (paths in the root tsconfig.json). It implements the
 * part of the API the plugin uses, over real files: the vault is a folder on disk.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FakeElement, type FakeEvent } from './dom.js';
import { Component } from './events.js';
import type { Modal, PluginSettingTab } from './ui.js';
import { Vault, type TFile } from './vault.js';
import { Workspace, type ViewCreator } from './workspace.js';

export { FakeElement } from './dom.js';
export { Component, Events, type EventRef } from './events.js';
export { DataAdapter, TAbstractFile, TFile, Vault } from './vault.js';
export { ItemView, MarkdownRenderer, View, Workspace, WorkspaceLeaf, type ViewCreator } from './workspace.js';
export { Modal, SuggestModal, PluginSettingTab, Setting } from './ui.js';
export { requestUrl, requestLog } from './request-url.js';

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

export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/\/+/g, '/').replace(/^\/|\/$/g, '');
}

export function setIcon(_el: FakeElement, _icon: string): void {}
