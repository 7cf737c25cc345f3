import type { PageSummary } from '../../../core/contract.js';
import { html, trusted, type SafeHtml } from '../html.js';
import { webUrl } from '../urls.js';

interface Folder {
  name: string;
  folders: Map<string, Folder>;
  pages: PageSummary[];
  count: number;
  /** The first FOLDER_MAX page links, rendered once (none marked active): most of the sidebar's markup. */
  items?: string[];
}

/** Folders open by default when the project is small enough to show at a glance. */
const OPEN_ALL_BELOW = 150;
/**
 * Above this many pages only the folders on the way to the current page list their pages;
 * the others link to a listing, so a 10k-page project does not put 10k links in every page.
 */
const FULL_TREE_MAX = 400;
const FOLDER_MAX = 300;

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * Built trees, per listing: the pages service hands out the same frozen listing until one of
 * the project's pages changes, so the folders are built and sorted once per change, not per
 * page view. A new listing is a new key; the old tree goes with the old listing.
 */
const built = new WeakMap<readonly PageSummary[], Folder>();

/** The project's pages as a folder tree; the active page's folders are open and it is marked. */
export function folderTree(pages: readonly PageSummary[], scope: { workspace: string; project: string }, activePath?: string): SafeHtml {
  let root = built.get(pages);
  if (!root) built.set(pages, (root = buildTree(pages)));
  const context: TreeContext = { scope, activePath, openAll: pages.length < OPEN_ALL_BELOW, full: pages.length <= FULL_TREE_MAX };
  return html`<ul class="tree">${renderFolder(root, '', context)}</ul>`;
}

/** Folders and their pages, each level sorted (folders by name, pages by title). */
function buildTree(pages: readonly PageSummary[]): Folder {
  const root: Folder = { name: '', folders: new Map(), pages: [], count: 0 };
  for (const page of pages) {
    const parts = page.path.split('/');
    let folder = root;
    folder.count += 1;
    for (const name of parts.slice(0, -1)) {
      let next = folder.folders.get(name);
      if (!next) folder.folders.set(name, (next = { name, folders: new Map(), pages: [], count: 0 }));
      next.count += 1;
      folder = next;
    }
    folder.pages.push(page);
  }
  sortFolder(root);
  return root;
}

function sortFolder(folder: Folder): void {
  folder.folders = new Map([...folder.folders].sort(([a], [b]) => collator.compare(a, b)));
  folder.pages.sort((a, b) => collator.compare(a.title, b.title));
  for (const child of folder.folders.values()) sortFolder(child);
}

interface TreeContext {
  scope: { workspace: string; project: string };
  activePath: string | undefined;
  openAll: boolean;
  full: boolean;
}

function renderFolder(folder: Folder, prefix: string, context: TreeContext): SafeHtml {
  const folders = [...folder.folders.values()];
  const pages = folder.pages;
  const browse = (path: string) => webUrl.search({ scope: `${context.scope.workspace}/${context.scope.project}`, folder: path.replace(/\/$/, '') });
  return html`${folders.map((child) => {
    const path = `${prefix}${child.name}/`;
    const onPath = context.activePath !== undefined && context.activePath.startsWith(path);
    const open = context.openAll || onPath;
    const inner = context.full || onPath ? renderFolder(child, path, context) : html`<li><a class="more" href="${browse(path)}">Browse ${child.count} pages…</a></li>`;
    return html`<li><details${open ? html` open` : ''}><summary>${child.name} <span class="count">${child.count}</span></summary><ul>${inner}</ul></details></li>`;
  })}${pageItems(folder, context.activePath)}${pages.length > FOLDER_MAX ? html`<li><a class="more" href="${browse(prefix)}">${pages.length - FOLDER_MAX} more…</a></li>` : ''}`;
}

function pageItems(folder: Folder, activePath: string | undefined): SafeHtml {
  folder.items ??= folder.pages.slice(0, FOLDER_MAX).map((page) => pageItem(page, false));
  const active = activePath === undefined ? -1 : folder.pages.findIndex((page) => page.path === activePath);
  if (active === -1 || active >= FOLDER_MAX) return trusted(folder.items.join(''));
  const items = [...folder.items];
  items[active] = pageItem(folder.pages[active]!, true);
  return trusted(items.join(''));
}

function pageItem(page: PageSummary, active: boolean): string {
  return html`<li><a href="${webUrl.page(page)}" title="${page.title}\n${page.path}"${active ? html` class="active" aria-current="page"` : ''}><span class="dot kind-${page.kind}" aria-hidden="true"></span><span class="t">${page.title}</span></a></li>`.value;
}
