import { applyEdits, findNodeAtLocation, format as formatRange, modify, parseTree, type FormattingOptions, type JSONPath, type Node } from 'jsonc-parser';
import { alignArrays } from './array-alignment.js';

/**
 * Turns the difference between two parsed documents into text edits on the original JSON(C),
 * through jsonc-parser's CST: only the changed values are rewritten, so comments, trailing
 * commas and the user's layout elsewhere survive. Objects are compared key by key
 * (new keys go where the edited document puts them), arrays element by element
 * (array-alignment.ts), anything else is replaced whole. Each edit is applied before the next
 * one is computed, so every path refers to the text as it is at that moment.
 */
export function patchJsonText(text: string, before: unknown, after: unknown): string {
  return patchValue(text, [], before, after, formattingOf(text));
}

/** The file's own indentation and line ending, so inserted entries look like their neighbours. */
export function formattingOf(text: string): FormattingOptions {
  const indent = /^([ \t]+)["/]/m.exec(text)?.[1] ?? '  ';
  const tabs = indent.startsWith('\t');
  return { insertSpaces: !tabs, tabSize: tabs ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

function patchValue(text: string, path: JSONPath, before: unknown, after: unknown, format: FormattingOptions): string {
  if (JSON.stringify(before) === JSON.stringify(after)) return text;
  if (isRecord(before) && isRecord(after)) return patchObject(text, path, before, after, format);
  if (Array.isArray(before) && Array.isArray(after)) return patchArray(text, path, before, after, format);
  return edit(text, path, after, format, {});
}

function patchObject(text: string, path: JSONPath, before: Record<string, unknown>, after: Record<string, unknown>, format: FormattingOptions): string {
  let result = text;
  for (const key of Object.keys(before)) if (!Object.hasOwn(after, key)) result = remove(result, [...path, key]);
  const order = Object.keys(after);
  for (const key of order) {
    if (Object.hasOwn(before, key)) result = patchValue(result, [...path, key], before[key], after[key], format);
    else result = edit(result, [...path, key], after[key], format, { getInsertionIndex: (present) => insertionIndex(order, key, present) });
  }
  return result;
}

/** Steps run from the last element back, so the indices still to come do not shift. */
function patchArray(text: string, path: JSONPath, before: unknown[], after: unknown[], format: FormattingOptions): string {
  let result = text;
  for (const step of alignArrays(before, after).reverse()) {
    if (step.op === 'patch') result = patchValue(result, [...path, step.from], before[step.from], after[step.to], format);
    else if (step.op === 'remove') result = remove(result, [...path, step.from]);
    else if (step.op === 'insert') result = edit(result, [...path, step.at], after[step.to], format, { isArrayInsertion: true });
  }
  return result;
}

/**
 * Sets or inserts a value, then formats only the inserted text: `modify`'s own formatting
 * would reformat the whole lines around it, user entries included.
 */
function edit(text: string, path: JSONPath, value: unknown, format: FormattingOptions, options: { getInsertionIndex?: (present: string[]) => number; isArrayInsertion?: boolean }): string {
  const [change] = modify(text, path, value, options);
  if (!change) return text;
  const inserted = applyEdits(text, [change]);
  // A first entry also gets the line break after the opening bracket, and an entry into an
  // empty container the one before the closing bracket; otherwise the gaps stay the user's.
  const insertion = change.length === 0;
  const first = insertion && !change.content.startsWith(',');
  const only = first && !change.content.endsWith(',');
  const start = first ? change.offset - 1 : change.offset;
  const end = change.offset + change.content.length + (only ? 1 : 0);
  return applyEdits(inserted, formatRange(inserted, { offset: start, length: end - start }, format));
}

/**
 * Removes a property or element with the separator between it and its neighbour, and nothing
 * else: comments around it and a trailing comma after the last entry stay. This undoes `edit`
 * byte for byte, which `modify`'s removal does not (it drops trailing commas and, for a first
 * entry, the line break and comments before it).
 */
function remove(text: string, path: JSONPath): string {
  const node = findNodeAtLocation(parseTree(text)!, path);
  const entry = node && node.parent?.type === 'property' ? node.parent : node;
  const siblings = entry?.parent?.children;
  if (!entry || !siblings) return text;
  const at = siblings.indexOf(entry);
  const previous = siblings[at - 1];
  if (previous) return cut(text, end(previous), end(entry));
  const next = siblings[at + 1];
  if (next) return cut(text, entry.offset, afterSeparator(text, end(entry)));
  // The only entry: also drop its trailing comma and the blank space before it, and when
  // nothing else (no comment) is left inside, the space up to the closing bracket: `{}`.
  let from = entry.offset;
  while (from > 0 && /\s/.test(text[from - 1]!)) from -= 1;
  let to = afterSeparator(text, end(entry), false);
  const container = entry.parent!;
  if (from === container.offset + 1) {
    let close = to;
    while (/\s/.test(text[close] ?? '')) close += 1;
    if (close === end(container) - 1) to = close;
  }
  return cut(text, from, to);
}

const end = (node: Node) => node.offset + node.length;
const cut = (text: string, from: number, to: number) => text.slice(0, from) + text.slice(to);

/** The offset past the comma after `offset` (and, when `skipSpace`, past the whitespace after it). */
function afterSeparator(text: string, offset: number, skipSpace = true): number {
  let at = offset;
  while (/\s/.test(text[at] ?? '')) at += 1;
  if (text[at] !== ',') return offset;
  at += 1;
  while (skipSpace && /\s/.test(text[at] ?? '')) at += 1;
  return at;
}

/** Right after the last key already in the text that precedes `key` in the edited document. */
function insertionIndex(order: string[], key: string, present: string[]): number {
  const rank = order.indexOf(key);
  let index = 0;
  present.forEach((name, at) => {
    const position = order.indexOf(name);
    if (position >= 0 && position < rank) index = at + 1;
  });
  return index;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
