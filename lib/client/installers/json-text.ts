import { parse, printParseErrorCode, stripComments, type ParseError } from 'jsonc-parser';
import { MemoryError } from '../../core/errors.js';
import { patchJsonText } from './jsonc-patch.js';

/**
 * JSON config files in and out. Agents' settings files may be JSONC (comments, trailing
 * commas): they are parsed with jsonc-parser and edited in place (jsonc-patch.ts), so only the
 * entries ai-memory changes are rewritten and the user's comments and layout stay. Unchanged
 * documents are never rewritten; a new file is written as JSON.stringify with 2 spaces.
 */
export type JsonObject = { [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseJsonObject(text: string | null, path: string): JsonObject {
  if (text === null || text.trim() === '') return {};
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    throw new MemoryError('INVALID_INPUT', `${path} is not valid JSON (${describe(errors[0]!, text)}; comments and trailing commas are fine). Fix the file or pass --config with another file.`);
  }
  if (!isObject(value)) throw new MemoryError('INVALID_INPUT', `${path} must hold a JSON object at the top level; it holds ${Array.isArray(value) ? 'an array' : typeof value}.`);
  return value;
}

function describe(error: ParseError, text: string): string {
  const lines = text.slice(0, error.offset).split('\n');
  return `${printParseErrorCode(error.error)} at line ${lines.length}, column ${lines.at(-1)!.length + 1}`;
}

/** How a document ai-memory creates is written: what the agents write themselves. */
export function formatJsonLike(value: JsonObject, original: string | null): string {
  const indent = original ? (/^([ \t]+)"/m.exec(original)?.[1] ?? '  ') : '  ';
  const newline = original === null || original === '' || original.endsWith('\n') ? '\n' : '';
  return `${JSON.stringify(value, null, indent)}${newline}`;
}

/**
 * Applies `edit` to a parsed copy and returns the new text, or the original text itself when
 * nothing changed (so a second install is byte-identical). Returns null when the edit empties
 * a document that did not exist before, or that holds nothing any more (uninstall cleanup),
 * unless comments are left in it: those are the user's, so the file stays.
 */
export function editJson(text: string | null, path: string, edit: (doc: JsonObject) => void, options: { dropWhenEmpty?: boolean } = {}): string | null {
  // A byte-order mark (Windows editors add one) is set aside and put back.
  if (text?.startsWith('\uFEFF')) {
    const after = editJson(text.slice(1), path, edit, options);
    return after === text.slice(1) ? text : after === null ? null : `\uFEFF${after}`;
  }
  const doc = parseJsonObject(text, path);
  const before = structuredClone(doc);
  edit(doc);
  if (JSON.stringify(doc) === JSON.stringify(before)) return text;
  if (text === null || text.trim() === '') return options.dropWhenEmpty && Object.keys(doc).length === 0 ? null : formatJsonLike(doc, text);
  const after = patchJsonText(text, before, doc);
  assertSameDocument(after, doc, path);
  if (options.dropWhenEmpty && Object.keys(doc).length === 0 && !hasComments(after)) return null;
  return after === text ? text : after;
}

/** A safety net: the edited text must parse to exactly the edited document, or nothing is written. */
function assertSameDocument(text: string, doc: JsonObject, path: string): void {
  const errors: ParseError[] = [];
  const reread: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || !sameJson(reread, doc)) throw new MemoryError('INTERNAL', `Could not edit ${path} in place without changing other entries; nothing was written. Add the entry by hand (docs/install.md shows it).`);
}

function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  if (isObject(a) && isObject(b)) return Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((key) => Object.hasOwn(b, key) && sameJson(a[key], b[key]));
  return a === b;
}

function hasComments(text: string): boolean {
  return stripComments(text) !== text;
}

/** Deletes `key` from `parent` when its value is an empty object or array. */
export function pruneEmpty(parent: JsonObject, key: string): void {
  const value = parent[key];
  if ((Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0)) delete parent[key];
}
