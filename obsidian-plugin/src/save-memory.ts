import type { PageSummary, ScopeRef, WritePageRequest } from '../../lib/core/contract.js';
import { firstHeading, stripFrontmatter, titleFromText } from './markdown-text.js';
import { defaultScope, type AiMemorySettings } from './settings.js';
import { pageRefOf, scopeOfVaultPath, suggestedPath } from './vault-paths.js';

type PageKind = PageSummary['kind'];

/** The kinds a person saves on purpose (sessions and handoffs are written by the capture). */
export const DURABLE_KINDS = ['decision', 'rule', 'gotcha', 'note', 'concept', 'procedure', 'fact'] as const satisfies readonly PageKind[];
export type DurableKind = (typeof DURABLE_KINDS)[number];

/** The folder each kind lives in, as the server derives kinds from folders. */
export const KIND_FOLDERS: Record<DurableKind, string> = {
  decision: 'decisions',
  rule: 'rules',
  gotcha: 'gotchas',
  note: 'notes',
  concept: 'concepts',
  procedure: 'procedures',
  fact: 'facts',
};

/** What the "Save as durable memory" modal edits. */
export interface SaveForm {
  workspace: string;
  project: string;
  path: string;
  title: string;
  kind: DurableKind;
  pinned: boolean;
  body: string;
  /** True when the whole note is saved onto its own page (the note becomes the memory). */
  inPlace: boolean;
}

export interface SaveSource {
  /** Vault path of the note. */
  notePath: string;
  noteText: string;
  /** The editor's selection; empty saves the whole note. */
  selection: string;
  settings: AiMemorySettings;
}

export function isDurableKind(kind: string): kind is DurableKind {
  return (DURABLE_KINDS as readonly string[]).includes(kind);
}

/** The form's starting values: the note's project (else the default one), a title and a path. */
export function defaultSaveForm(source: SaveSource): SaveForm {
  const selection = source.selection.trim() !== '';
  const body = selection ? source.selection : stripFrontmatter(source.noteText);
  const stem = source.notePath.split('/').pop()!.replace(/\.md$/, '');
  const title = titleFromText(body, stem);
  const ownPage = pageRefOf(source.notePath, source.settings.wikiFolder);
  const scope: ScopeRef = scopeOfVaultPath(source.notePath, source.settings.wikiFolder) ??
    defaultScope(source.settings) ?? { workspace: source.settings.defaultWorkspace || 'default', project: '' };
  const folderKind = ownPage ? kindOfFolder(ownPage.path) : null;
  const kind: DurableKind = folderKind ?? 'note';
  const inPlace = !selection && ownPage !== null;
  return {
    workspace: scope.workspace,
    project: scope.project,
    path: inPlace ? ownPage.path : suggestedPath(KIND_FOLDERS[kind], title),
    title,
    kind,
    pinned: false,
    body,
    inPlace,
  };
}

/** The kind a page path's folder implies, if it is a durable kind's folder. */
export function kindOfFolder(path: string): DurableKind | null {
  const folder = path.split('/')[0];
  for (const kind of DURABLE_KINDS) if (KIND_FOLDERS[kind] === folder) return kind;
  return null;
}

/** What is wrong with the form, in words, or null when it can be sent. */
export function formProblem(form: SaveForm): string | null {
  if (!form.workspace.trim() || !form.project.trim()) return 'choose a workspace and a project (or set a default project in the settings)';
  if (!form.path.trim()) return 'give the page a path, e.g. decisions/0001-database.md';
  if (!form.title.trim()) return 'give the page a title';
  if (form.body.trim() === '') return 'there is nothing to save: the note (or selection) is empty';
  return null;
}

/** The memory_write_page arguments; the title is sent only when the body's heading does not say it. */
export function saveRequest(form: SaveForm): WritePageRequest & ScopeRef {
  const path = form.path.trim().endsWith('.md') ? form.path.trim() : `${form.path.trim()}.md`;
  const request: WritePageRequest & ScopeRef = {
    workspace: form.workspace.trim(),
    project: form.project.trim(),
    path,
    body: form.body,
    kind: form.kind,
    pinned: form.pinned,
  };
  if (firstHeading(form.body) !== form.title.trim()) request.title = form.title.trim();
  return request;
}
