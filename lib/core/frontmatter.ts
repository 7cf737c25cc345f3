import { Document, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Pair, YAMLMap } from 'yaml';
import { MemoryError } from './errors.js';
import { readFlatFrontmatter } from './flat-frontmatter.js';

/**
 * Frontmatter is read and edited with the `yaml` Document API and never re-serialized as a
 * whole: an edit replaces only the text of the keys it changes, so key order, comments, quoting
 * and dates of everything else stay byte-for-byte as the user wrote them. Only a plain `---`
 * fence opens frontmatter; `---js` and friends are body text and are never evaluated.
 */
export interface PageText {
  /** YAML between the fences, exactly as written; null when the page has no frontmatter. */
  yaml: string | null;
  body: string;
  /** The fences as written (`---` or `...` closing, LF or CRLF), reused when composing. */
  open: string;
  close: string;
}

// Opening fence: `---` alone on the first line. Closing: `---` or `...` alone on a line.
const OPEN_FENCE = /^---[ \t]*\r?\n/;
const CLOSE_FENCE = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

export function splitPage(text: string): PageText {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const open = OPEN_FENCE.exec(source);
  if (!open) return { yaml: null, body: source, open: '---\n', close: '---\n' };
  const rest = source.slice(open[0].length);
  // An empty frontmatter block closes on the very next line.
  const close = CLOSE_FENCE.exec(rest);
  if (!close) return { yaml: null, body: source, open: '---\n', close: '---\n' };
  const yaml = rest.slice(0, close.index);
  let closeText = close[0];
  if (!closeText.endsWith('\n')) closeText += '\n';
  return { yaml, body: rest.slice(close.index + close[0].length), open: open[0], close: closeText };
}

export function composePage(parts: PageText): string {
  if (parts.yaml === null || parts.yaml.trim() === '') return parts.body;
  const yaml = parts.yaml.endsWith('\n') ? parts.yaml : `${parts.yaml}\n`;
  return `${parts.open}${yaml}${parts.close}${parts.body}`;
}

export interface FrontmatterData {
  data: Record<string, unknown>;
  /** Set when the YAML does not parse or is not a mapping; data is then empty. */
  error?: string;
}

export function parseFrontmatter(yaml: string | null): FrontmatterData {
  if (yaml === null || yaml.trim() === '') return { data: {} };
  const flat = readFlatFrontmatter(yaml);
  return flat ? { data: flat } : parseFrontmatterWithYaml(yaml);
}

/** The general reader: any YAML, with its errors. Exported for the differential test of flat-frontmatter.ts. */
export function parseFrontmatterWithYaml(yaml: string): FrontmatterData {
  const doc = parseDocument(yaml, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) return { data: {}, error: doc.errors[0]!.message.split('\n')[0]! };
  if (doc.contents === null) return { data: {} };
  if (!isMap(doc.contents)) return { data: {}, error: 'frontmatter is not a key/value mapping' };
  try {
    const value: unknown = doc.toJS({ maxAliasCount: 50 });
    return { data: jsonSafe(value) as Record<string, unknown> };
  } catch (error) {
    return { data: {}, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Maps and Dates that YAML may produce become plain JSON values for the index and the API. */
function jsonSafe(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value instanceof Map) return jsonSafe(Object.fromEntries(value));
  if (value instanceof Set) return [...value].map(jsonSafe);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  }
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/** A new value per key; `undefined` removes the key. */
export type FrontmatterChanges = Record<string, unknown>;

/**
 * Applies key changes to frontmatter text, touching only the changed keys. New keys are
 * appended in the order given. Throws INVALID_FRONTMATTER when the existing YAML is broken,
 * because editing text we cannot read would risk losing the user's data.
 */
export function editFrontmatter(yaml: string | null, changes: FrontmatterChanges): string {
  let text = yaml ?? '';
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new MemoryError('INVALID_FRONTMATTER', `existing frontmatter is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new MemoryError('INVALID_FRONTMATTER', 'existing frontmatter is not a key/value mapping');
  }
  const map = doc.contents as YAMLMap | null;
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const appended: string[] = [];
  for (const [key, value] of Object.entries(changes)) {
    const pair = map?.items.find((item) => isScalar(item.key) && item.key.value === key);
    if (!pair) {
      if (value !== undefined) appended.push(serializePair(key, value));
      continue;
    }
    const range = pairRange(text, pair);
    if (value === undefined) {
      edits.push({ start: lineStart(text, range.start), end: lineEndInclusive(text, range.end), text: '' });
    } else {
      edits.push({ start: range.start, end: range.end, text: serializePair(key, value) });
    }
  }
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  }
  if (appended.length > 0) {
    if (text.length > 0 && !text.endsWith('\n')) text += '\n';
    text += appended.map((line) => `${line}\n`).join('');
  }
  return text;
}

function pairRange(text: string, pair: Pair): { start: number; end: number } {
  const key = pair.key as { range?: [number, number, number] };
  const start = key.range![0];
  const value = pair.value as { range?: [number, number, number] } | null;
  let end: number;
  if (value?.range) {
    end = value.range[1];
  } else {
    end = text.indexOf(':', key.range![1]) + 1;
  }
  // Trailing newlines and indentation belong to what follows, not to this value.
  while (end > start && /\s/.test(text[end - 1]!)) end -= 1;
  return { start, end };
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndInclusive(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

function serializePair(key: string, value: unknown): string {
  const doc = new Document({ [key]: value });
  // Short lists of scalars read best inline: `tags: [db, postgres]`.
  visit(doc, {
    Seq(_, node) {
      if (isSeq(node) && node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd();
}

/** Serializes a fresh frontmatter block in the given key order. */
export function createFrontmatter(data: Record<string, unknown>): string {
  return editFrontmatter(null, data);
}
