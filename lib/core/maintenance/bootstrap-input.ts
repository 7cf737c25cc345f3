/**
 * What `ai-memory bootstrap` collects in a project directory and sends to the server
 * (`POST /admin/bootstrap`). The client gathers and caps; the server validates again, because
 * anything can send this route a body.
 */
export interface BootstrapCommit {
  commit: string;
  date: string;
  author: string;
  subject: string;
}

export interface BootstrapFile {
  path: string;
  text: string;
}

export interface BootstrapCollected {
  /** The project's folder name, for titles. */
  name: string;
  readme?: BootstrapFile;
  docs: BootstrapFile[];
  /** CLAUDE.md, AGENTS.md, GEMINI.md and friends. */
  rules: BootstrapFile[];
  /** Newest first. */
  history: BootstrapCommit[];
  /** Files changed most often in recent history. */
  hot_files: Array<{ path: string; commits: number }>;
  /** Leading comment of source files. */
  modules: Array<{ path: string; header: string }>;
}

export interface BootstrapRequest extends BootstrapCollected {
  workspace?: string;
  project?: string;
  dry_run?: boolean;
}

export const BOOTSTRAP_LIMITS = {
  readmeChars: 16_000,
  docs: 30,
  docChars: 8_000,
  rules: 8,
  ruleChars: 16_000,
  commits: 60,
  hotFiles: 25,
  modules: 300,
  headerChars: 600,
  pathChars: 512,
} as const;

export const RULE_FILES = ['CLAUDE.md', 'AGENTS.md', 'GEMINI.md', '.cursorrules', '.github/copilot-instructions.md', 'CONVENTIONS.md'];

const COMMENT_EXTS = new Set(['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs', 'rs', 'go', 'java', 'kt', 'swift', 'c', 'h', 'cc', 'cpp', 'hpp', 'cs', 'scala', 'dart']);
const HASH_EXTS = new Set(['py', 'rb', 'sh', 'bash', 'pl', 'r', 'ex', 'exs']);

export function isSourceFile(path: string): boolean {
  const ext = path.split('.').pop()?.toLowerCase() ?? '';
  return COMMENT_EXTS.has(ext) || HASH_EXTS.has(ext);
}

/**
 * The comment a source file opens with (after a shebang, `use strict` or imports it may skip
 * nothing else): `//` runs, a `/* *\/` block, Rust `//!`, `#` runs, or a Python docstring.
 * Licence boilerplate is dropped. Returns plain text, or null when the file has no header.
 */
export function moduleHeader(path: string, text: string): string | null {
  const ext = path.split('.').pop()?.toLowerCase() ?? '';
  let lines = text.split(/\r?\n/);
  if (lines[0]?.startsWith('#!')) lines = lines.slice(1);
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  // Many modules put their doc comment right after the imports: skip them (at most 80 lines).
  if (COMMENT_EXTS.has(ext) && !/^\s*(\/\/|\/\*)/.test(lines[0] ?? '')) {
    const start = afterImports(lines);
    if (start !== null) lines = lines.slice(start);
  }
  const first = lines[0]?.trim() ?? '';
  let header: string[] = [];
  if (COMMENT_EXTS.has(ext) && first.startsWith('/*')) {
    for (const line of lines) {
      header.push(line.replace(/^\s*\/\*\*?/, '').replace(/\*\/\s*$/, '').replace(/^\s*\* ?/, ''));
      if (line.includes('*/')) break;
    }
  } else if (COMMENT_EXTS.has(ext) && first.startsWith('//')) {
    for (const line of lines) {
      if (!line.trim().startsWith('//')) break;
      header.push(line.trim().replace(/^\/\/[!/]?\s?/, ''));
    }
  } else if (HASH_EXTS.has(ext) && /^("""|''')/.test(first)) {
    const quote = first.slice(0, 3);
    const rest = first.slice(3);
    if (rest.includes(quote)) header.push(rest.slice(0, rest.indexOf(quote)));
    else {
      header.push(rest);
      for (const line of lines.slice(1)) {
        if (line.includes(quote)) {
          header.push(line.slice(0, line.indexOf(quote)));
          break;
        }
        header.push(line);
      }
    }
  } else if (HASH_EXTS.has(ext) && first.startsWith('#')) {
    for (const line of lines) {
      if (!line.trim().startsWith('#')) break;
      header.push(line.trim().replace(/^#+\s?/, ''));
    }
  }
  header = header.map((l) => l.trimEnd());
  const joined = header.join('\n').trim();
  if (joined === '' || /^(copyright|license|licensed|spdx-license|eslint-|@ts-|prettier-)/i.test(joined)) return null;
  return joined;
}

const IMPORT_LINE = /^\s*(import\b|export \* from|export \{.*\} from|use |package |#include|#import|'use strict'|"use strict")/;

function afterImports(lines: string[]): number | null {
  let i = 0;
  let inImport = false;
  while (i < lines.length && i < 80) {
    const line = lines[i]!;
    if (inImport) {
      if (/\bfrom\b|;\s*$|^\s*\)\s*$/.test(line)) inImport = false;
    } else if (IMPORT_LINE.test(line)) {
      inImport = !/\bfrom\b|;\s*$/.test(line) && /[{(]\s*$/.test(line);
    } else if (line.trim() !== '') {
      break;
    }
    i += 1;
  }
  return i > 0 && i < lines.length && /^\s*(\/\/|\/\*)/.test(lines[i]!) ? i : null;
}
