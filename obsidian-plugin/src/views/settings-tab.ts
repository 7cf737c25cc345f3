import { PluginSettingTab, Setting, type App, type Plugin } from 'obsidian';
import type { AiMemorySettings } from '../settings.js';

export interface SettingsOwner {
  settings: AiMemorySettings;
  saveSettings(): Promise<void>;
  /** Checks the URL and token; resolves to a message for the user. */
  testConnection(): Promise<string>;
}

export class AiMemorySettingTab extends PluginSettingTab {
  constructor(
    app: App,
    plugin: Plugin,
    private readonly owner: SettingsOwner,
  ) {
    super(app, plugin);
  }

  override display(): void {
    const el = this.containerEl;
    el.empty();
    const { settings } = this.owner;
    const save = () => void this.owner.saveSettings();
    new Setting(el)
      .setName('Server URL')
      .setDesc('Where "ai-memory serve" listens.')
      .addText((text) =>
        text.setPlaceholder('http://127.0.0.1:49374').setValue(settings.serverUrl).onChange((value) => {
          settings.serverUrl = value.trim();
          save();
        }),
      );
    new Setting(el)
      .setName('Auth token')
      .setDesc("The server's AI_MEMORY_AUTH_TOKEN or a user token. Kept in this plugin's data file, never in a note.")
      .addText((text) => {
        text.inputEl.type = 'password';
        text.setPlaceholder('none').setValue(settings.authToken).onChange((value) => {
          settings.authToken = value.trim();
          save();
        });
      });
    new Setting(el)
      .setName('Default workspace')
      .setDesc('Used when the open note is not inside a project folder.')
      .addText((text) =>
        text.setPlaceholder('default').setValue(settings.defaultWorkspace).onChange((value) => {
          settings.defaultWorkspace = value.trim();
          save();
        }),
      );
    new Setting(el)
      .setName('Default project')
      .setDesc('Shown in the panel and searched when no project note is open.')
      .addText((text) =>
        text.setValue(settings.defaultProject).onChange((value) => {
          settings.defaultProject = value.trim();
          save();
        }),
      );
    new Setting(el)
      .setName('Wiki folder')
      .setDesc('The wiki inside this vault; leave empty when the vault is the wiki folder (<data>/wiki).')
      .addText((text) =>
        text.setValue(settings.wikiFolder).onChange((value) => {
          settings.wikiFolder = value.trim();
          save();
        }),
      );
    const check = new Setting(el).setName('Connection').setDesc('Check the URL and the token.');
    check.addButton((button) =>
      button.setButtonText('Test connection').onClick(async () => {
        check.setDesc(await this.owner.testConnection());
      }),
    );
  }
}
