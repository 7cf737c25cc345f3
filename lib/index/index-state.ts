import type { FileInfo } from '../store/wiki-files.js';
import { Catalog } from './catalog.js';
import type { DerivedIndex } from './derived-index.js';
import type { FtsStore } from './fts-store.js';
import { FullTextIndex } from './full-text-index.js';
import type { IndexedPage } from './indexed-page.js';
import { LinkGraph } from './link-graph.js';
import { contentHash, fileIdentity, parseWikiFile } from './parse-file.js';
import { TitleIndex } from './title-index.js';

/** A full build ready to be served: from a build in this process, a build child or an image. */
export interface InstallableBuild {
  fts: FtsStore;
  catalog: Catalog;
  manifestFiles: Map<string, IndexedPage['file']>;
  nextId: number;
  /** The saved catalog the pages were decoded from, when they come from one. */
  catalogFile?: string;
}

/**
 * What indexing one file did: `touched` is the same content with a new stat (nothing to report,
 * but the image is out of date); `unknown` is a removal of something never indexed.
 */
export type FileOutcome = 'updated' | 'touched' | 'ignored' | 'removed' | 'unknown';

/**
 * Everything the index holds in memory: the catalog (page records and project manifests) and
 * the indexes derived from its pages, kept in step one file at a time. Only MemoryIndex and its
 * helpers in lib/index see this; everyone else reads through MemoryIndex's queries.
 */
export class IndexState {
  readonly catalog = new Catalog();
  /** File identities of project manifests, which are not pages but are watched like them. */
  readonly manifestFiles = new Map<string, IndexedPage['file']>();
  readonly fullText = new FullTextIndex();
  readonly graph = new LinkGraph();
  // If its worker fails, the title index rebuilds from the catalog, which every change reaches first.
  readonly titles = new TitleIndex({ currentPages: () => this.catalog.all() });
  /** Every index derived from the pages, in the order they are updated: a new one goes here. */
  private readonly derived: readonly DerivedIndex[] = [this.fullText, this.graph, this.titles];
  private nextId = 1;
  private installed = false;

  /**
   * Drops the page records and every in-memory index built from them, keeping the full-text
   * database open until `install` replaces it. A rebuild calls this synchronously right before
   * the new build is decoded, so that the old structures are garbage while the new ones are
   * allocated (the heap then peaks at one index, not two) and no query sees the empty state.
   */
  release(): void {
    if (!this.installed) return;
    this.catalog.clear();
    const fts = this.fullText.store;
    for (const index of this.derived) if (index !== this.fullText) index.load({ pages: [], fts });
  }

  /** Replaces everything with a full build. */
  install(built: InstallableBuild): void {
    this.catalog.replaceWith(built.catalog);
    for (const manifest of built.catalog.allManifests()) this.catalog.setManifest(manifest);
    this.manifestFiles.clear();
    for (const [rel, file] of built.manifestFiles) this.manifestFiles.set(rel, file);
    const pages = [...this.catalog.all()];
    for (const index of this.derived) index.load({ pages, fts: built.fts, linkKeys: built.catalog.linkKeys, ...(built.catalogFile ? { catalogFile: built.catalogFile } : {}) });
    this.nextId = built.nextId;
    this.installed = true;
  }

  /** Stops what runs beside the main thread (the title worker); the full-text database is closed by its owner. */
  close(): void {
    this.titles.close();
  }

  /** True when the file on disk may differ from what was indexed (size or times changed). */
  isStale(file: FileInfo): boolean {
    const known = this.indexedFile(file.rel);
    return !known || known.size !== file.size || known.mtimeMs !== file.mtimeMs || known.ctimeMs !== file.ctimeMs;
  }

  /**
   * True when only the file's inode change time differs from what was indexed: same size, same
   * modification time. A copy or restore that keeps times (`cp -a`, `rsync -a`, a backup tool)
   * does that to every file; an edit almost never does.
   */
  onlyChangeTimeDiffers(file: FileInfo): boolean {
    const known = this.indexedFile(file.rel);
    return known !== undefined && known.size === file.size && known.mtimeMs === file.mtimeMs && known.ctimeMs !== file.ctimeMs;
  }

  /** What was recorded of the file when it was indexed: a page's or a project manifest's. */
  private indexedFile(rel: string): IndexedPage['file'] | undefined {
    return this.catalog.get(rel)?.file ?? this.manifestFiles.get(rel);
  }

  /**
   * Records the file's new stat when its content hash is the one indexed; false (nothing
   * recorded) when the content differs or the file is not indexed.
   */
  touch(info: FileInfo, hash: string): boolean {
    const existing = this.catalog.get(info.rel);
    if (existing) {
      if (existing.file.hash !== hash) return false;
      this.catalog.set({ ...existing, file: fileIdentity(info, hash) });
      return true;
    }
    const manifest = this.manifestFiles.get(info.rel);
    if (manifest?.hash !== hash) return false;
    this.manifestFiles.set(info.rel, fileIdentity(info, hash));
    return true;
  }

  /** Indexes a file's current content: a page, a project manifest, or neither. */
  upsert(info: FileInfo, text: string): FileOutcome {
    const hash = contentHash(text);
    const existing = this.catalog.get(info.rel);
    // Same content, new stat (our own write echoed by the watcher, a touch): no re-parse.
    if (existing && this.touch(info, hash)) return 'touched';
    const parsed = parseWikiFile(info, text, () => existing?.id ?? this.nextId++, hash);
    if (parsed === null) return 'ignored';
    if (parsed.type === 'manifest') {
      this.catalog.setManifest(parsed.manifest);
      this.manifestFiles.set(info.rel, parsed.file);
      return 'updated';
    }
    this.catalog.set(parsed.page);
    for (const index of this.derived) index.upsert(parsed.page, parsed.body);
    return 'updated';
  }

  /** Forgets a file that is gone (or no longer readable). */
  remove(rel: string): FileOutcome {
    if (this.manifestFiles.has(rel)) {
      this.catalog.deleteManifest(rel.split('/').slice(0, 2).join('/'));
      this.manifestFiles.delete(rel);
      return 'removed';
    }
    const page = this.catalog.delete(rel);
    if (!page) return 'unknown';
    for (const index of this.derived) index.remove(rel, page);
    return 'removed';
  }
}
