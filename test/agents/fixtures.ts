import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedHook } from './hook-recorder.js';

/**
 * The hook payloads a real agent run produced, kept under test/fixtures/hooks/<agent>/<version>/
 * one file per event (`<Event>[.<tool>][.<n>].json`, the payload exactly as the hook got it). Machine-specific values (temp paths, ids,
 * times, durations) are replaced by placeholders so the files are stable. A run compares the
 * shape of every payload (its key paths and value types) and the list of events with the
 * files: when an agent release changes them the test fails with the diff. Re-record with
 * AI_MEMORY_RECORD_FIXTURES=1 and review the change in `git diff`; a version with no folder yet
 * is recorded on its first run.
 */
export const FIXTURE_ROOT = join(import.meta.dirname, '..', 'fixtures', 'hooks');

/** `replace`: machine paths to placeholders; each path's slug form (Claude Code's project folder names) too. */
export function fixtureFiles(hooks: RecordedHook[], paths: Record<string, string>): Map<string, unknown> {
  const replace: Array<[string, string]> = Object.entries(paths).flatMap(([from, to]): Array<[string, string]> => [
    [from, to],
    [from.replace(/[^A-Za-z0-9]/g, '-'), `${to.slice(0, -1)}-slug>`],
  ]);
  const files = new Map<string, unknown>();
  for (const hook of hooks) {
    const payload = scrub(hook.payload, replace);
    const tool = toolNameOf(payload);
    // Dots separate the parts of the name, so OpenCode's dotted event names use dashes.
    const base = [hook.event.replace(/\./g, '-'), tool?.replace(/[^A-Za-z0-9_-]+/g, '_')].filter(Boolean).join('.');
    let name = `${base}.json`;
    for (let n = 2; files.has(name); n += 1) name = `${base}.${n}.json`;
    files.set(name, payload);
  }
  return files;
}

export function checkFixtures(agent: string, version: string, files: Map<string, unknown>): void {
  const dir = join(FIXTURE_ROOT, agent, version);
  // A newly pinned version is recorded on its first run; review the new files before committing.
  if (process.env.AI_MEMORY_RECORD_FIXTURES === '1' || !existsSync(dir)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const [name, payload] of files) writeFileSync(join(dir, name), `${JSON.stringify(payload, null, 2)}\n`);
    return;
  }
  const hint = `re-record with AI_MEMORY_RECORD_FIXTURES=1 and review the diff of ${dir}`;
  const recorded = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  assert.deepEqual([...files.keys()].sort(), recorded, `${agent} ${version} fired other hook events than recorded: ${hint}`);
  for (const name of recorded) {
    const expected = JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown;
    assert.deepEqual(shapeOf(files.get(name)), shapeOf(expected), `${agent} ${version} ${name} changed shape: ${hint}`);
  }
}

/** Key paths and value types: what a payload parser relies on. */
export function shapeOf(value: unknown, path = '$', out: string[] = []): string[] {
  if (Array.isArray(value)) {
    out.push(`${path}: array`);
    // Arrays are described by their first element: lengths are data, not shape.
    if (value.length > 0) shapeOf(value[0], `${path}[]`, out);
  } else if (typeof value === 'object' && value !== null) {
    out.push(`${path}: object`);
    for (const key of Object.keys(value).sort()) shapeOf((value as Record<string, unknown>)[key], `${path}.${key}`, out);
  } else out.push(`${path}: ${value === null ? 'null' : typeof value}`);
  return out;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}[:-]\d{2}([:-]\d{2})?(\.\d+)?Z?/g;
const DATE_DIRS = /\/\d{4}\/\d{2}\/\d{2}\//g;
const LOOPBACK = /http:\/\/127\.0\.0\.1:\d+/g;
const VOLATILE_NUMBER = /(^|_)(ms|duration|time|timestamp|elapsed|pid|tokens?)$|durationMs$|Ms$/i;

function scrub(value: unknown, replace: Array<[string, string]>, key = ''): unknown {
  if (typeof value === 'string') {
    let text = value;
    for (const [from, to] of replace) text = text.split(from).join(to);
    return text.replace(UUID, '<uuid>').replace(ISO_TIME, '<time>').replace(DATE_DIRS, '/<date>/').replace(LOOPBACK, 'http://127.0.0.1:<port>');
  }
  if (typeof value === 'number') return VOLATILE_NUMBER.test(key) ? 0 : value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, replace, key));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, replace, k)]));
  return value;
}

function toolNameOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const p = payload as Record<string, unknown>;
  const name = p.tool_name ?? p.toolName ?? p.tool;
  return typeof name === 'string' ? name : undefined;
}
