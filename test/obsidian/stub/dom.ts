/**
 * A tiny element tree standing in for Obsidian's augmented HTMLElement (createEl, createDiv,
 * empty, setText...). Only what the plugin calls, plus queries and click() for the tests.
 */
export interface ElementInfo {
  text?: string;
  cls?: string | string[];
  attr?: Record<string, string | number | boolean | null>;
  title?: string;
  value?: string;
  type?: string;
  placeholder?: string;
}

type Listener = (event: FakeEvent) => unknown;

export interface FakeEvent {
  type: string;
  target: FakeElement;
  defaultPrevented: boolean;
  preventDefault(): void;
  stopPropagation(): void;
}

export class FakeElement {
  readonly tagName: string;
  children: FakeElement[] = [];
  parent: FakeElement | null = null;
  readonly classes = new Set<string>();
  readonly attrs = new Map<string, string>();
  /** Test-side back references (the Setting an element belongs to, for instance). */
  readonly data: Record<string, unknown> = {};
  value = '';
  type = 'text';
  placeholder = '';
  disabled = false;
  private ownText = '';
  private readonly listeners = new Map<string, Listener[]>();

  constructor(tag: string) {
    this.tagName = tag.toUpperCase();
  }

  get textContent(): string {
    return this.ownText + this.children.map((child) => child.textContent).join('');
  }

  set textContent(text: string) {
    this.setText(text);
  }

  get innerText(): string {
    return this.textContent;
  }

  createEl(tag: string, info?: ElementInfo | string, callback?: (el: FakeElement) => void): FakeElement {
    const el = new FakeElement(tag);
    if (typeof info === 'string') el.addClass(info);
    else if (info) el.apply(info);
    el.parent = this;
    this.children.push(el);
    callback?.(el);
    return el;
  }

  createDiv(info?: ElementInfo | string, callback?: (el: FakeElement) => void): FakeElement {
    return this.createEl('div', info, callback);
  }

  createSpan(info?: ElementInfo | string, callback?: (el: FakeElement) => void): FakeElement {
    return this.createEl('span', info, callback);
  }

  private apply(info: ElementInfo): void {
    if (info.text !== undefined) this.ownText = info.text;
    if (info.cls !== undefined) this.addClass(...(Array.isArray(info.cls) ? info.cls : info.cls.split(/\s+/)));
    for (const [key, value] of Object.entries(info.attr ?? {})) if (value !== null && value !== false) this.setAttr(key, String(value));
    if (info.title !== undefined) this.setAttr('title', info.title);
    if (info.value !== undefined) this.value = info.value;
    if (info.type !== undefined) this.type = info.type;
    if (info.placeholder !== undefined) this.placeholder = info.placeholder;
  }

  empty(): void {
    for (const child of this.children) child.parent = null;
    this.children = [];
    this.ownText = '';
  }

  setText(text: string): void {
    this.empty();
    this.ownText = text;
  }

  appendText(text: string): void {
    this.createEl('#text', { text });
  }

  addClass(...names: string[]): void {
    for (const name of names) if (name) this.classes.add(name);
  }

  removeClass(...names: string[]): void {
    for (const name of names) this.classes.delete(name);
  }

  toggleClass(name: string, value: boolean): void {
    if (value) this.classes.add(name);
    else this.classes.delete(name);
  }

  hasClass(name: string): boolean {
    return this.classes.has(name);
  }

  setAttr(name: string, value: string | number | boolean | null): void {
    if (value === null) this.attrs.delete(name);
    else this.attrs.set(name, String(value));
  }

  getAttr(name: string): string | null {
    return this.attrs.get(name) ?? null;
  }

  setAttribute(name: string, value: string): void {
    this.setAttr(name, value);
  }

  getAttribute(name: string): string | null {
    return this.getAttr(name);
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, (this.listeners.get(type) ?? []).filter((l) => l !== listener));
  }

  /** Runs the listeners and waits for any promise they return (Obsidian would not; tests do). */
  async dispatch(type: string): Promise<FakeEvent> {
    const event: FakeEvent = {
      type,
      target: this,
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
      stopPropagation() {},
    };
    await Promise.all((this.listeners.get(type) ?? []).map((listener) => listener(event)));
    return event;
  }

  click(): Promise<FakeEvent> {
    return this.dispatch('click');
  }

  remove(): void {
    if (!this.parent) return;
    this.parent.children = this.parent.children.filter((child) => child !== this);
    this.parent = null;
  }

  detach(): void {
    this.remove();
  }

  focus(): void {}

  /** Every element below this one (depth first) that matches. */
  findAll(match: (el: FakeElement) => boolean): FakeElement[] {
    const found: FakeElement[] = [];
    for (const child of this.children) {
      if (match(child)) found.push(child);
      found.push(...child.findAll(match));
    }
    return found;
  }

  byClass(name: string): FakeElement[] {
    return this.findAll((el) => el.classes.has(name));
  }

  byTag(tag: string): FakeElement[] {
    return this.findAll((el) => el.tagName === tag.toUpperCase());
  }

  /** The first button (or link) whose text is exactly `text`. */
  button(text: string): FakeElement {
    const found = this.findAll((el) => (el.tagName === 'BUTTON' || el.tagName === 'A') && el.textContent === text);
    if (!found[0]) throw new Error(`no button "${text}" in: ${this.textContent}`);
    return found[0];
  }
}
