import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers/temp.js';

/**
 * "Every wiki write indexes and commits" is kept by construction, not by habit: code in lib/
 * changes the wiki only through `writeJob` (lib/services/write-job.ts), whose tx records what
 * it wrote. This check finds code that writes, indexes, commits or takes the writer by itself,
 * as test/architecture.test.ts finds imports that go the wrong way. It is a tripwire for the
 * known primitives, not a proof: a new primitive belongs in the list below.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The layers that implement the primitives: the store writes and commits, the index applies itself. */
const PRIMITIVE_LAYERS = ['lib/store/', 'lib/index/'];
/** The write job and its tx: the only code above the store that may call the primitives. */
const HELPER_FILES = new Set(['lib/services/write-job.ts', 'lib/services/wiki-tx.ts']);

interface Bypass {
  pattern: RegExp;
  what: string;
  /** Only files under these folders are checked for it (default: all of lib/). */
  under?: string;
}

const BYPASSES: Bypass[] = [
  { pattern: /\bindex\.apply\(/g, what: 'applies the index itself' },
  { pattern: /\bgit\.(?:commit|sync)\(/g, what: 'commits to git itself' },
  { pattern: /\bfiles\.(?:write|remove)\(/g, what: 'writes a wiki file itself' },
  { pattern: /\b(?:moveTree|removeTree|mergeTree)\([^;]*?layout\.wiki\b/g, what: 'moves or removes a wiki folder itself' },
  { pattern: /\bcreateWikiTx\(/g, what: 'makes a WikiTx outside a write job' },
  // The server's composition root lends the writer to the index and the watcher; use cases
  // take it only through the write job (or whileWritesWait, for a read that must not overlap one).
  { pattern: /\bwriter\.run\(/g, what: 'runs its own job in the writer', under: 'lib/services/' },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Comments may name the primitives (they explain why); only code counts. Line breaks stay. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, (comment) => comment.replace(/[^\n]/g, ' '));
}

/** `lib/...:line what` for every write that bypasses the write job under `root`. */
export function bypassingWrites(root: string): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(join(root, 'lib'))) {
    const rel = relative(root, file).split('\\').join('/');
    if (HELPER_FILES.has(rel) || PRIMITIVE_LAYERS.some((layer) => rel.startsWith(layer))) continue;
    const code = withoutComments(readFileSync(file, 'utf8'));
    for (const { pattern, what, under } of BYPASSES) {
      if (under && !rel.startsWith(under)) continue;
      for (const match of code.matchAll(pattern)) {
        const line = code.slice(0, match.index).split('\n').length;
        found.push(`${rel}:${line} ${what}`);
      }
    }
  }
  return found.sort();
}

async function plant(root: string, rel: string, source: string): Promise<void> {
  await mkdir(dirname(join(root, rel)), { recursive: true });
  await writeFile(join(root, rel), source);
}

describe('wiki writes go through the write job', () => {
  it('finds no write in lib/ that bypasses it', () => {
    assert.deepEqual(bypassingWrites(ROOT), []);
  });

  it('catches each kind of bypass when one is planted, and only those', async () => {
    const root = await tempDir('aim-write-paths-');
    await plant(
      root,
      'lib/services/planted.ts',
      [
        'export async function sneaky(deps, rel, scope) {',
        '  await deps.store.files.write(rel, "text");',
        '  await deps.index.apply([rel]);',
        '  await deps.store.git.commit([rel], "by hand");',
        '  await removeTree(',
        '    projectDir(deps.store.layout.wiki, scope),',
        '  );',
        '  await deps.store.writer.run(async () => deps.store.files.remove(rel));',
        '  createWikiTx(deps.store);',
        '}',
      ].join('\n'),
    );
    await plant(root, 'lib/server/http/planted-route.ts', 'export const route = (store) => store.git.sync(undefined, author);\n');
    // Not bypasses: raw events are not the wiki, comments explain, the helper and the store
    // implement the primitives, and the server wires the writer into the index.
    await plant(
      root,
      'lib/services/lifecycle/fine.ts',
      [
        '// a job must never call index.apply( by hand, nor git.commit(',
        '/* files.write(rel) happens in wiki-tx.ts */',
        'export const purgeRaw = (store, scope) => removeTree(projectDir(store.layout.raw, scope));',
      ].join('\n'),
    );
    await plant(root, 'lib/services/write-job.ts', 'await deps.index.apply(changed); await deps.store.git.commit(changed, m); deps.store.writer.run(run);\n');
    await plant(root, 'lib/services/wiki-tx.ts', 'await store.files.write(rel, text); await removeTree(projectDir(store.layout.wiki, s));\n');
    await plant(root, 'lib/store/wiki-store.ts', 'files.write(rel, text); git.commit(paths, m);\n');
    await plant(root, 'lib/server/main.ts', 'exclusive: (work) => store.writer.run(work),\n');

    assert.deepEqual(bypassingWrites(root), [
      'lib/server/http/planted-route.ts:1 commits to git itself',
      'lib/services/planted.ts:2 writes a wiki file itself',
      'lib/services/planted.ts:3 applies the index itself',
      'lib/services/planted.ts:4 commits to git itself',
      'lib/services/planted.ts:5 moves or removes a wiki folder itself',
      'lib/services/planted.ts:8 runs its own job in the writer',
      'lib/services/planted.ts:8 writes a wiki file itself',
      'lib/services/planted.ts:9 makes a WikiTx outside a write job',
    ]);
  });
});
