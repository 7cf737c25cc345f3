import { FakeElement } from './dom.js';
import type { App, Plugin } from './obsidian.js';

/** A modal: open() registers it with the app (tests find it there), close() removes it. */
export class Modal {
  readonly modalEl = new FakeElement('div');
  readonly titleEl: FakeElement;
  readonly contentEl: FakeElement;
  isOpen = false;

  constructor(readonly app: App) {
    this.titleEl = this.modalEl.createDiv({ cls: 'modal-title' });
    this.contentEl = this.modalEl.createDiv({ cls: 'modal-content' });
  }

  open(): void {
    this.isOpen = true;
    this.app.modals.push(this);
    void this.onOpen();
  }

  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.app.modals.splice(this.app.modals.indexOf(this), 1);
    void this.onClose();
  }

  onOpen(): void | Promise<void> {}
  onClose(): void | Promise<void> {}

  setTitle(title: string): this {
    this.titleEl.setText(title);
    return this;
  }
}

/** Obsidian drives getSuggestions/renderSuggestion/onChooseSuggestion from the input; tests call them. */
export abstract class SuggestModal<T> extends Modal {
  readonly inputEl = new FakeElement('input');
  limit = 100;
  emptyStateText = 'No results.';

  setPlaceholder(placeholder: string): void {
    this.inputEl.placeholder = placeholder;
  }

  abstract getSuggestions(query: string): T[] | Promise<T[]>;
  abstract renderSuggestion(value: T, el: FakeElement): void;
  abstract onChooseSuggestion(item: T, evt: unknown): void;
}

export class PluginSettingTab {
  readonly containerEl = new FakeElement('div');

  constructor(
    readonly app: App,
    readonly plugin: Plugin,
  ) {}

  display(): void {}
  hide(): void {}
}

class ValueComponent<T> {
  protected value: T;
  private handlers: Array<(value: T) => unknown> = [];

  constructor(initial: T) {
    this.value = initial;
  }

  getValue(): T {
    return this.value;
  }

  setValue(value: T): this {
    this.value = value;
    return this;
  }

  onChange(handler: (value: T) => unknown): this {
    this.handlers.push(handler);
    return this;
  }

  setDisabled(_disabled: boolean): this {
    return this;
  }

  /** As if the user changed the value: set it and run the change handlers. */
  async userSets(value: T): Promise<void> {
    this.setValue(value);
    await Promise.all(this.handlers.map((handler) => handler(value)));
  }
}

export class TextComponent extends ValueComponent<string> {
  readonly inputEl = new FakeElement('input');

  constructor() {
    super('');
  }

  override setValue(value: string): this {
    this.inputEl.value = value;
    return super.setValue(value);
  }

  setPlaceholder(placeholder: string): this {
    this.inputEl.placeholder = placeholder;
    return this;
  }
}

export class DropdownComponent extends ValueComponent<string> {
  readonly options: Array<{ value: string; label: string }> = [];

  constructor() {
    super('');
  }

  addOption(value: string, label: string): this {
    this.options.push({ value, label });
    return this;
  }

  addOptions(options: Record<string, string>): this {
    for (const [value, label] of Object.entries(options)) this.addOption(value, label);
    return this;
  }
}

export class ToggleComponent extends ValueComponent<boolean> {
  constructor() {
    super(false);
  }
}

export class ButtonComponent {
  readonly buttonEl: FakeElement;
  private handlers: Array<() => unknown> = [];

  constructor(parent: FakeElement) {
    this.buttonEl = parent.createEl('button');
    this.buttonEl.addEventListener('click', () => Promise.all(this.handlers.map((handler) => handler())));
  }

  setButtonText(text: string): this {
    this.buttonEl.setText(text);
    return this;
  }

  setCta(): this {
    this.buttonEl.addClass('mod-cta');
    return this;
  }

  setDisabled(disabled: boolean): this {
    this.buttonEl.disabled = disabled;
    return this;
  }

  onClick(handler: () => unknown): this {
    this.handlers.push(handler);
    return this;
  }
}

export type SettingComponent = TextComponent | DropdownComponent | ToggleComponent | ButtonComponent;

/** One row of a settings form; its element points back to it (`data.setting`) for the tests. */
export class Setting {
  readonly settingEl: FakeElement;
  readonly nameEl: FakeElement;
  readonly descEl: FakeElement;
  readonly controlEl: FakeElement;
  readonly components: SettingComponent[] = [];

  constructor(containerEl: FakeElement) {
    this.settingEl = containerEl.createDiv({ cls: 'setting-item' });
    this.settingEl.data.setting = this;
    this.nameEl = this.settingEl.createDiv({ cls: 'setting-item-name' });
    this.descEl = this.settingEl.createDiv({ cls: 'setting-item-description' });
    this.controlEl = this.settingEl.createDiv({ cls: 'setting-item-control' });
  }

  setName(name: string): this {
    this.nameEl.setText(name);
    return this;
  }

  setDesc(desc: string): this {
    this.descEl.setText(desc);
    return this;
  }

  setHeading(): this {
    return this;
  }

  addText(callback: (component: TextComponent) => unknown): this {
    return this.add(new TextComponent(), callback);
  }

  addDropdown(callback: (component: DropdownComponent) => unknown): this {
    return this.add(new DropdownComponent(), callback);
  }

  addToggle(callback: (component: ToggleComponent) => unknown): this {
    return this.add(new ToggleComponent(), callback);
  }

  addButton(callback: (component: ButtonComponent) => unknown): this {
    return this.add(new ButtonComponent(this.controlEl), callback);
  }

  private add<C extends SettingComponent>(component: C, callback: (component: C) => unknown): this {
    this.components.push(component);
    callback(component);
    return this;
  }
}
