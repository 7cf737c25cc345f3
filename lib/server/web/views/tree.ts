import type { PageSummary } from '../../../core/contract.js';
import { html, type SafeHtml } from '../html.js';
import { webUrl } from '../urls.js';

interface Folder {
  name: string;
  folders: Map<string, Folder>;
  pages: PageSummary[];
  count: number;
}

/** Folders open by default when the project is small enough to show at a glance. */
const OPEN_ALL_BELOW = 150;

/** The project's pages as a folder tree; the active page's folders are open and it is marked. */
export function folderTree(pages: PageSummary[], activePath?: string): SafeHtml {
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
  const openAll = pages.length < OPEN_ALL_BELOW;
  return html`<ul class="tree">${renderFolder(root, '', activePath, openAll)}</ul>`;
}

function renderFolder(folder: Folder, prefix: string, activePath: string | undefined, openAll: boolean): SafeHtml {
  const folders = [...folder.folders.values()].sort((a, b) => a.name.localeCompare(b.name));
  const pages = [...folder.pages].sort((a, b) => a.title.localeCompare(b.title));
  return html`${folders.map((child) => {
    const path = `${prefix}${child.name}/`;
    const open = openAll || (activePath !== undefined && activePath.startsWith(path));
    return html`<li><details${open ? html` open` : ''}><summary>${child.name} <span class="count">${child.count}</span></summary><ul>${renderFolder(child, path, activePath, openAll)}</ul></details></li>`;
  })}${pages.map(
    (page) =>
      html`<li><a href="${webUrl.page(page)}" title="${page.path}"${page.path === activePath ? html` class="active" aria-current="page"` : ''}><span class="dot kind-${page.kind}" aria-hidden="true"></span><span class="t">${page.title}</span></a></li>`,
  )}`;
}
