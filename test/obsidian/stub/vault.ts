import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { Events } from './events.js';

/** The vault over a real folder: files are read and written on disk. */
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
