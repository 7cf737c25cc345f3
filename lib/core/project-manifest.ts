import { composePage, createFrontmatter, parseFrontmatter, splitPage } from './frontmatter.js';

/** `_project.md`: the human name and identity of a project folder (SPEC section 2). */
export interface ManifestFields {
  id: string;
  name: string;
  workspace: string;
  created: string;
  repo?: string;
}

export function renderManifest(fields: ManifestFields): string {
  const data: Record<string, unknown> = {
    id: fields.id,
    name: fields.name,
    workspace: fields.workspace,
    created: fields.created,
  };
  if (fields.repo) data.repo = fields.repo;
  const body = `# ${fields.name}\n\nProject memory for **${fields.name}**, kept by ai-memory.\n`;
  return composePage({ yaml: createFrontmatter(data), body, open: '---\n', close: '---\n' });
}

export function readManifest(text: string): Partial<ManifestFields> {
  const { data } = parseFrontmatter(splitPage(text).yaml);
  const pick = (key: string) => (typeof data[key] === 'string' && data[key] !== '' ? (data[key] as string) : undefined);
  const out: Partial<ManifestFields> = {};
  for (const key of ['id', 'name', 'workspace', 'created', 'repo'] as const) {
    const value = pick(key);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * Orders two versions of one project's manifest so that every machine picks the same one: the
 * project created first wins (two machines that each created the project each wrote a manifest
 * with its own random id), ties go to the smaller id, then to the text, so the order is total.
 * A manifest with no readable `created` sorts last.
 */
export function compareManifests(a: string, b: string): number {
  const [ma, mb] = [readManifest(a), readManifest(b)];
  const time = (m: Partial<ManifestFields>) => {
    const t = m.created ? Date.parse(m.created) : Number.NaN;
    return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
  };
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return Math.sign(time(ma) - time(mb)) || order(ma.id ?? '', mb.id ?? '') || order(a, b);
}
