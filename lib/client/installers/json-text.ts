import { MemoryError } from '../../core/errors.js';

/**
 * JSON config files in and out. Unchanged documents are never rewritten; a changed one is
 * written back with the file's own indentation and final newline, which reproduces files the
 * agents write themselves (JSON.stringify with 2 spaces) byte for byte. Files with comments
 * (JSONC) are refused rather than silently stripped.
 */
export type JsonObject = { [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseJsonObject(text: string | null, path: string): JsonObject {
  if (text === null || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const hint = /\/\/|\/\*/.test(text) ? ' It seems to contain comments (JSONC), which ai-memory will not rewrite: add the entry by hand (docs/install.md shows it) or pass --config with a plain JSON file.' : ' Fix the file or pass --config with another file.';
    throw new MemoryError('INVALID_INPUT', `${path} is not valid JSON (${(error as Error).message}).${hint}`);
  }
  if (!isObject(value)) throw new MemoryError('INVALID_INPUT', `${path} must hold a JSON object at the top level; it holds ${Array.isArray(value) ? 'an array' : typeof value}.`);
  return value;
}

export function formatJsonLike(value: JsonObject, original: string | null): string {
  const indent = original ? (/^([ \t]+)"/m.exec(original)?.[1] ?? '  ') : '  ';
  const newline = original === null || original === '' || original.endsWith('\n') ? '\n' : '';
  return `${JSON.stringify(value, null, indent)}${newline}`;
}

/**
 * Applies `edit` to a parsed copy and returns the new text, or the original text itself when
 * nothing changed (so a second install is byte-identical). Returns null when the edit empties
 * a document that did not exist before, or that holds nothing any more (uninstall cleanup).
 */
export function editJson(text: string | null, path: string, edit: (doc: JsonObject) => void, options: { dropWhenEmpty?: boolean } = {}): string | null {
  const doc = parseJsonObject(text, path);
  const before = JSON.stringify(doc);
  edit(doc);
  if (JSON.stringify(doc) === before) return text;
  if (options.dropWhenEmpty && Object.keys(doc).length === 0) return null;
  return formatJsonLike(doc, text);
}

/** Deletes `key` from `parent` when its value is an empty object or array. */
export function pruneEmpty(parent: JsonObject, key: string): void {
  const value = parent[key];
  if ((Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0)) delete parent[key];
}
