/** URLs of the web UI (SPEC section 7): one place, so views and tests agree. */
export interface PageRef {
  workspace: string;
  project: string;
  path: string;
}

const seg = (value: string) => encodeURIComponent(value);
const pathSegs = (path: string) => path.split('/').map(seg).join('/');

export const webUrl = {
  home: () => '/web/',
  project: (ws: string, p: string) => `/web/w/${seg(ws)}/${seg(p)}`,
  page: (ref: PageRef, rev?: string) => `/web/w/${seg(ref.workspace)}/${seg(ref.project)}/p/${pathSegs(ref.path)}${rev ? `?rev=${seg(rev)}` : ''}`,
  history: (ref: PageRef) => `/web/w/${seg(ref.workspace)}/${seg(ref.project)}/history/${pathSegs(ref.path)}`,
  diff: (ref: PageRef, rev: string) => `/web/w/${seg(ref.workspace)}/${seg(ref.project)}/diff/${pathSegs(ref.path)}?rev=${seg(rev)}`,
  session: (ws: string, p: string, fileId: string) => `/web/w/${seg(ws)}/${seg(p)}/sessions/${seg(fileId)}`,
  search: (params: { q?: string; scope?: string; kind?: string; folder?: string } = {}) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
    const text = query.toString();
    return `/web/search${text ? `?${text}` : ''}`;
  },
  asset: (name: string) => `/web/assets/${name}`,
};
