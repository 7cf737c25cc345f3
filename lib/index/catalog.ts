import { scopeKey, type Scope } from '../core/paths.js';
import { decodeCatalog, encodeCatalog, type LinkKeyNumbers, type ManifestRecord, type OwnKeysOf } from './catalog-codec.js';
import type { IndexedPage } from './indexed-page.js';


export interface ProjectManifest {
  workspace: string;
  project: string;
  /** Human name; the folder is its slug. */
  name: string;
  id?: string;
  created?: string;
}

/**
 * The in-memory view of every indexed page and project manifest, for listings and lookups
 * that need no full-text search. Keyed by wiki-relative path.
 */
export class Catalog {
  private pages = new Map<string, IndexedPage>();
  private byId = new Map<number, IndexedPage>();
  private readonly manifests = new Map<string, ProjectManifest>();
  /** projects() scans every page; every request checks its project, so the answer is kept until pages or manifests come or go. */
  private projectList: Array<{ workspace: string; project: string; pages: number }> | null = null;
  /**
   * The same pages grouped by project, so a project's listing costs its own size, not the
   * whole wiki's (the web UI lists a project on every page view).
   */
  private byScope = new Map<string, Map<string, IndexedPage>>();
  /** Bumped whenever a project's pages change; derived views of a project are kept while it holds. */
  private readonly scopeVersions = new Map<string, number>();
  private versionCounter = 0;
  /** The links by number of the catalog this was read from, for the link graph's load (set by deserialize only). */
  linkKeys: LinkKeyNumbers | undefined;

  get size(): number {
    return this.pages.size;
  }

  get(rel: string): IndexedPage | undefined {
    return this.pages.get(rel);
  }

  byRowId(id: number): IndexedPage | undefined {
    return this.byId.get(id);
  }

  set(page: IndexedPage): void {
    const previous = this.pages.get(page.rel);
    // Same rel, same project: the project's map keeps the page where it was, as `pages` does.
    if (previous) this.byId.delete(previous.id);
    else this.projectList = null;
    this.pages.set(page.rel, page);
    this.byId.set(page.id, page);
    this.scopeMap(page).set(page.rel, page);
  }

  delete(rel: string): IndexedPage | undefined {
    const page = this.pages.get(rel);
    if (page) {
      this.projectList = null;
      this.pages.delete(rel);
      this.byId.delete(page.id);
      this.scopeMap(page).delete(rel);
    }
    return page;
  }

  /**
   * A number that changes whenever a page of the project is added, replaced or removed (never
   * reused, even across clear()), so callers can keep views derived from `inScope`.
   */
  scopeVersion(scope: Scope): number {
    const key = scopeKey(scope);
    let version = this.scopeVersions.get(key);
    if (version === undefined) this.scopeVersions.set(key, (version = ++this.versionCounter));
    return version;
  }

  /** The project's page map, its version bumped: every caller is about to change it. */
  private scopeMap(page: Pick<IndexedPage, 'workspace' | 'project'>): Map<string, IndexedPage> {
    const key = `${page.workspace}/${page.project}`;
    this.scopeVersions.set(key, ++this.versionCounter);
    let map = this.byScope.get(key);
    if (!map) this.byScope.set(key, (map = new Map()));
    return map;
  }

  /**
   * Takes over the pages of a catalog built elsewhere (a rebuild, a warm start); manifests are
   * the caller's. Its maps are adopted, not copied (at 50k pages a copy was ~0.3 s of a warm
   * start and a second set of maps to collect): `other` may still be read, not changed.
   */
  replaceWith(other: Catalog): void {
    this.clear();
    this.pages = other.pages;
    this.byId = other.byId;
    this.byScope = other.byScope;
    // Views kept for a project (scopeVersion) must not look current with these pages.
    for (const key of this.byScope.keys()) this.scopeVersions.set(key, ++this.versionCounter);
  }

  clear(): void {
    this.projectList = null;
    this.pages.clear();
    this.byId.clear();
    this.manifests.clear();
    this.byScope.clear();
    // Versions are not reset: a view kept from before the clear must not look current.
    for (const key of this.scopeVersions.keys()) this.scopeVersions.set(key, ++this.versionCounter);
  }

  all(): IterableIterator<IndexedPage> {
    return this.pages.values();
  }

  rels(): IterableIterator<string> {
    return this.pages.keys();
  }

  inScope(scope: Scope): IndexedPage[] {
    const pages = this.byScope.get(scopeKey(scope));
    return pages ? [...pages.values()] : [];
  }

  setManifest(manifest: ProjectManifest): void {
    this.projectList = null;
    this.manifests.set(`${manifest.workspace}/${manifest.project}`, manifest);
  }

  deleteManifest(key: string): void {
    this.projectList = null;
    this.manifests.delete(key);
  }

  manifest(scope: Scope): ProjectManifest | undefined {
    return this.manifests.get(scopeKey(scope));
  }

  allManifests(): ProjectManifest[] {
    return [...this.manifests.values()];
  }

  /** The catalog as bytes for the persisted index (catalog-codec.ts); `manifestFiles` travel with it. */
  serialize(manifestFiles: Map<string, IndexedPage['file']>, ownKeysOf?: OwnKeysOf): Promise<Uint8Array> {
    const manifests: ManifestRecord[] = [...manifestFiles].map(([rel, file]) => ({ rel, file, manifest: this.manifests.get(rel.split('/').slice(0, 2).join('/'))! }));
    return encodeCatalog([...this.pages.values()], manifests, ownKeysOf);
  }

  static deserialize(bytes: Uint8Array): { catalog: Catalog; manifestFiles: Map<string, IndexedPage['file']> } {
    const catalog = new Catalog();
    const manifestFiles = new Map<string, IndexedPage['file']>();
    // `set` without a page to replace, and the project's map looked up once per run of its pages
    // (a catalog lists a project's pages one after another) instead of once per page: at 50k
    // pages that was 50k key strings built and hashed, ~0.1 s of a warm start.
    let into: { workspace: string; project: string; pages: Map<string, IndexedPage> } | null = null;
    let decoded = 0;
    const { manifests, linkKeys } = decodeCatalog(bytes, (page) => {
      if (into === null || into.workspace !== page.workspace || into.project !== page.project) {
        into = { workspace: page.workspace, project: page.project, pages: catalog.scopeMap(page) };
      }
      catalog.pages.set(page.rel, page);
      catalog.byId.set(page.id, page);
      into.pages.set(page.rel, page);
      decoded += 1;
    });
    // A saved catalog lists each page once; a rel or id seen twice would leave the maps disagreeing.
    if (catalog.pages.size !== decoded || catalog.byId.size !== decoded) throw new Error('the catalog lists a page twice (corrupt)');
    catalog.linkKeys = linkKeys;
    for (const { rel, file, manifest } of manifests) {
      if (!manifest) continue;
      catalog.setManifest(manifest);
      manifestFiles.set(rel, file);
    }
    return { catalog, manifestFiles };
  }

  /** The highest page id in use, so new pages get fresh FTS row ids. */
  maxId(): number {
    let max = 0;
    for (const id of this.byId.keys()) if (id > max) max = id;
    return max;
  }

  /** Every project that has a manifest or at least one page, with its page count. */
  projects(): Array<{ workspace: string; project: string; pages: number }> {
    this.projectList ??= this.countProjects();
    return this.projectList.map((p) => ({ ...p }));
  }

  private countProjects(): Array<{ workspace: string; project: string; pages: number }> {
    const counts = new Map<string, number>();
    for (const key of this.manifests.keys()) counts.set(key, 0);
    for (const page of this.pages.values()) {
      const key = `${page.workspace}/${page.project}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts.entries()]
      .map(([key, pages]) => {
        const [workspace, project] = key.split('/') as [string, string];
        return { workspace, project, pages };
      })
      .sort((a, b) => a.workspace.localeCompare(b.workspace) || a.project.localeCompare(b.project));
  }
}
