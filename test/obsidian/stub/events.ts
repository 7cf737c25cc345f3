/** Obsidian's Events and Component: handlers, and cleanups run at unload. */
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
