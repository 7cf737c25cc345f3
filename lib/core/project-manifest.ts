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
