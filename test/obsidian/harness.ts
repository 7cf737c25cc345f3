import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';
import type { App as ObsidianApp, PluginManifest } from 'obsidian';
import AiMemoryPlugin from '../../obsidian-plugin/src/main.js';
import type { AiMemorySettings } from '../../obsidian-plugin/src/settings.js';
import { waitFor } from '../helpers/wait.js';
import { App, FakeElement, Notice, type Command } from './stub/obsidian.js';
import type { Setting } from './stub/ui.js';

const MANIFEST = JSON.parse(readFileSync(new URL('../../obsidian-plugin/manifest.json', import.meta.url), 'utf8')) as PluginManifest;
export const PLUGIN_DIR = '.obsidian/plugins/ai-memory';

export interface Harness {
  app: App;
  plugin: AiMemoryPlugin;
  vaultDir: string;
}

/**
 * Loads the plugin as Obsidian would, on a vault folder (normally the server's wiki dir), with
 * the given settings already saved in its data file. Unloaded when the calling test ends.
 */
export async function loadPlugin(vaultDir: string, settings: Partial<AiMemorySettings>, options: { unloadAfter?: boolean } = {}): Promise<Harness> {
  const app = new App(vaultDir);
  mkdirSync(join(vaultDir, PLUGIN_DIR), { recursive: true });
  writeFileSync(join(vaultDir, PLUGIN_DIR, 'data.json'), JSON.stringify(settings));
  const plugin = new AiMemoryPlugin(app as unknown as ObsidianApp, { ...MANIFEST, dir: PLUGIN_DIR });
  await plugin.load();
  if (options.unloadAfter !== false) after(() => plugin.unload());
  return { app, plugin, vaultDir };
}

/** Opens a note in the editor (the file must exist in the vault). */
export async function openNote(h: Harness, path: string): Promise<void> {
  const file = h.app.vault.getAbstractFileByPath(path);
  if (!file) throw new Error(`no file ${path} in the vault`);
  await h.app.workspace.getLeaf(false).openFile(file);
}

/** Runs a command the way the palette does; returns false when the command is not available. */
export async function runCommand(h: Harness, id: string, options: { selection?: string } = {}): Promise<boolean> {
  const command: Command | undefined = h.app.commands.get(`ai-memory:${id}`);
  if (!command) throw new Error(`no command ai-memory:${id}`);
  if (command.callback) {
    await command.callback();
    return true;
  }
  if (command.checkCallback) {
    if (!command.checkCallback(true)) return false;
    command.checkCallback(false);
    return true;
  }
  if (command.editorCheckCallback) {
    const file = h.app.workspace.getActiveFile();
    const text = file ? await h.app.vault.read(file) : '';
    const editor = { getSelection: () => options.selection ?? '', getValue: () => text };
    if (!command.editorCheckCallback(true, editor, { file })) return false;
    command.editorCheckCallback(false, editor, { file });
    return true;
  }
  throw new Error(`command ai-memory:${id} has no callback`);
}

/** The element behind an HTMLElement handed out by the stub. */
export function fake(el: HTMLElement | FakeElement): FakeElement {
  if (!(el instanceof FakeElement)) throw new Error('not a stub element');
  return el;
}

/** The notices shown since the last call. */
export function takeNotices(): string[] {
  return Notice.shown.splice(0);
}

/** A settings row by its name, inside a modal or a settings tab. */
export function settingNamed(root: FakeElement, name: string): Setting {
  const el = root.byClass('setting-item').find((item) => item.byClass('setting-item-name')[0]?.textContent === name);
  if (!el) throw new Error(`no setting "${name}"`);
  return el.data.setting as Setting;
}

/** The newest open modal of a class. */
export async function waitForModal<T>(h: Harness, cls: abstract new (...args: never[]) => T): Promise<T> {
  const modal = await waitFor(() => [...h.app.modals].reverse().find((m) => m instanceof cls), `an open ${cls.name}`);
  return modal as unknown as T;
}

/** Whether a modal is still open. */
export function isOpen(h: Harness, modal: object): boolean {
  return (h.app.modals as object[]).includes(modal);
}
