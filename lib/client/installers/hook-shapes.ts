import { isAiMemoryCommand } from './command-line.js';
import { isObject, pruneEmpty, type JsonObject } from './json-text.js';

/**
 * The three hook-config shapes agents use, each with an upsert and a removal that touch only
 * ai-memory's own handlers (recognised by their command) and keep everything else in place.
 *
 * - nested (Claude Code, Codex, Gemini CLI): `hooks.<Event>[] = {matcher?, hooks: [handler]}`
 * - flat (Cursor): `hooks.<event>[] = {command, ...}` next to `version: 1`
 * - group (Antigravity): one named group per tool, `{"ai-memory": {<Event>: [...]}}`
 */
export interface WiredEvent {
  event: string;
  /** The handler object to install (its `command` identifies it as ours). */
  handler: JsonObject;
}

/** Upserts nested-shape handlers; events not in `wanted` lose their ai-memory handler. */
export function upsertNested(doc: JsonObject, wanted: WiredEvent[]): void {
  const hooks = objectAt(doc, 'hooks');
  for (const { event, handler } of wanted) {
    const groups = arrayAt(hooks, event);
    const place = findNested(groups);
    if (place) {
      const group = groups[place.group] as JsonObject;
      (group.hooks as unknown[])[place.handler] = handler;
    } else groups.push({ hooks: [handler] });
  }
  removeNested(doc, new Set(wanted.map((w) => w.event)));
}

/** Removes ai-memory's nested handlers, except for the events in `keep`. */
export function removeNested(doc: JsonObject, keep: ReadonlySet<string> = new Set()): void {
  const hooks = doc.hooks;
  if (!isObject(hooks)) return;
  for (const event of Object.keys(hooks)) {
    if (keep.has(event)) continue;
    const groups = hooks[event];
    if (!Array.isArray(groups)) continue;
    let touched = false;
    for (let g = groups.length - 1; g >= 0; g -= 1) {
      const group = groups[g];
      if (!isObject(group) || !Array.isArray(group.hooks)) continue;
      const kept = group.hooks.filter((h) => !(isObject(h) && isAiMemoryCommand(h.command)));
      if (kept.length === group.hooks.length) continue;
      touched = true;
      if (kept.length === 0) groups.splice(g, 1);
      else group.hooks = kept;
    }
    if (touched) pruneEmpty(hooks, event);
  }
  pruneEmpty(doc, 'hooks');
}

function findNested(groups: unknown[]): { group: number; handler: number } | null {
  for (let g = 0; g < groups.length; g += 1) {
    const group = groups[g];
    if (!isObject(group) || !Array.isArray(group.hooks)) continue;
    const h = group.hooks.findIndex((handler) => isObject(handler) && isAiMemoryCommand(handler.command));
    if (h >= 0) return { group: g, handler: h };
  }
  return null;
}

export function upsertFlat(doc: JsonObject, wanted: WiredEvent[]): void {
  if (doc.version === undefined) {
    // Cursor requires the version; put it first as its docs do.
    const rest = { ...doc };
    for (const key of Object.keys(doc)) delete doc[key];
    Object.assign(doc, { version: 1 }, rest);
  }
  const hooks = objectAt(doc, 'hooks');
  for (const { event, handler } of wanted) {
    const entries = arrayAt(hooks, event);
    const at = entries.findIndex((entry) => isObject(entry) && isAiMemoryCommand(entry.command));
    if (at >= 0) entries[at] = handler;
    else entries.push(handler);
  }
  removeFlat(doc, new Set(wanted.map((w) => w.event)));
}

export function removeFlat(doc: JsonObject, keep: ReadonlySet<string> = new Set()): void {
  const hooks = doc.hooks;
  if (!isObject(hooks)) return;
  for (const event of Object.keys(hooks)) {
    const entries = hooks[event];
    if (keep.has(event) || !Array.isArray(entries)) continue;
    const kept = entries.filter((entry) => !(isObject(entry) && isAiMemoryCommand(entry.command)));
    if (kept.length === entries.length) continue;
    hooks[event] = kept;
    pruneEmpty(hooks, event);
  }
  pruneEmpty(doc, 'hooks');
  // A file that held only our hooks goes back to nothing.
  if (Object.keys(doc).length === 1 && doc.version === 1 && keep.size === 0) delete doc.version;
}

export const GROUP_NAME = 'ai-memory';

export function upsertGroup(doc: JsonObject, group: JsonObject): void {
  doc[GROUP_NAME] = group;
}

export function removeGroup(doc: JsonObject): void {
  delete doc[GROUP_NAME];
}

function objectAt(parent: JsonObject, key: string): JsonObject {
  const value = parent[key];
  if (isObject(value)) return value;
  const created: JsonObject = {};
  parent[key] = created;
  return created;
}

function arrayAt(parent: JsonObject, key: string): unknown[] {
  const value = parent[key];
  if (Array.isArray(value)) return value;
  const created: unknown[] = [];
  parent[key] = created;
  return created;
}
