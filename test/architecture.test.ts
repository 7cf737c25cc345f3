import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * The layering rule, enforced: core <- store <- index <- services <- server; client and cli talk
 * HTTP only. A layer may import the layers listed for it and nothing above. Configuration
 * (`process.env`, `process.argv`) is read only in entry points.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const ALLOWED: Record<string, string[]> = {
  core: [],
  config: ['core'],
  store: ['core', 'config'],
  index: ['core', 'config', 'store'],
  services: ['core', 'config', 'store', 'index'],
  server: ['core', 'config', 'store', 'index', 'services'],
  client: ['core', 'config'],
  cli: ['core', 'config', 'client'],
};
/** Imports allowed only lazily (`await import(...)`), so client commands never load the server. */
const LAZY_ONLY: Record<string, string[]> = { cli: ['server'] };
/** Packages that would give the pure domain I/O or a transport. */
const CORE_FORBIDDEN = /^(node:(fs|child_process|net|http|https|dgram|worker_threads)|fs|express|chokidar|isomorphic-git|fts5-sql-bundle|minisearch|@modelcontextprotocol\/)/;
/**
 * The lib/server files that wire the store and the index. Every other server file (HTTP routes,
 * MCP tools, hook routes, web pages) is an adapter and reaches them only through `Services`,
 * type-only imports included: an adapter that needs a type from below needs a use case instead.
 */
const SERVER_WIRING: Record<string, string> = {
  'lib/server/main.ts': 'the composition root: opens the store, the index and the watcher, builds the services',
  'lib/server/init.ts': '`ai-memory init`: creates a data dir, with no server running',
  'lib/server/restore.ts': '`ai-memory restore`: unpacks a backup into a data dir no server holds',
  'lib/server/provider-sign-in.ts': "`ai-memory auth`: the data dir's auth.json, with no server running",
};
/** Modules of lib/store that are runtime helpers, not storage: they touch no wiki, raw log or git. */
const STORE_RUNTIME_HELPERS = new Set(['lib/store/module-worker.ts']);
const ENTRY_POINTS = new Set(['bin/ai-memory', 'lib/cli/main.ts', 'lib/cli/hook-main.ts', 'lib/server/main.ts']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

interface ImportRef {
  specifier: string;
  lazy: boolean;
}

function importsOf(source: string): ImportRef[] {
  const out: ImportRef[] = [];
  for (const match of source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gms)) out.push({ specifier: match[1]!, lazy: false });
  for (const match of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push({ specifier: match[1]!, lazy: false });
  for (const match of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ specifier: match[1]!, lazy: true });
  return out;
}

/**
 * `lib/server` -> `lib/store` / `lib/index` imports outside the wiring files, as `file imports
 * specifier`. `ServiceDeps` counts as well: an adapter holding the store and the index could call
 * any use case's internals with them.
 */
function adapterBypasses(file: string, source: string): string[] {
  const rel = relative(ROOT, file);
  if (layerOf(file) !== 'server' || rel in SERVER_WIRING) return [];
  return importsOf(source)
    .filter(({ specifier }) => specifier.startsWith('.'))
    .filter(({ specifier }) => {
      const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts');
      const layer = layerOf(target);
      const targetRel = relative(ROOT, target);
      return ((layer === 'store' || layer === 'index') && !STORE_RUNTIME_HELPERS.has(targetRel)) || targetRel === 'lib/services/deps.ts';
    })
    .map(({ specifier }) => `${rel} imports ${specifier}`);
}

function layerOf(path: string): string | undefined {
  const rel = relative(join(ROOT, 'lib'), path);
  return rel.startsWith('..') ? undefined : rel.split('/')[0];
}

describe('architecture', () => {
  const libFiles = files(join(ROOT, 'lib'));

  it('has every lib folder in the layer table', () => {
    const layers = new Set(libFiles.map(layerOf));
    for (const layer of layers) assert.ok(layer && layer in ALLOWED, `lib/${layer} is not in the layer table`);
  });

  it('imports only downward', () => {
    const violations: string[] = [];
    for (const file of libFiles) {
      const layer = layerOf(file)!;
      for (const { specifier, lazy } of importsOf(readFileSync(file, 'utf8'))) {
        if (!specifier.startsWith('.')) {
          if (layer === 'core' && CORE_FORBIDDEN.test(specifier)) violations.push(`${relative(ROOT, file)} imports ${specifier}`);
          continue;
        }
        const target = layerOf(resolve(dirname(file), specifier));
        if (!target || target === layer) continue;
        const ok = ALLOWED[layer]!.includes(target) || (lazy && (LAZY_ONLY[layer] ?? []).includes(target));
        if (!ok) violations.push(`${relative(ROOT, file)} (${layer}) imports ${specifier} (${target})${lazy ? ' lazily' : ''}`);
      }
    }
    assert.deepEqual(violations, []);
  });

  it('keeps server adapters on the services: only the wiring files reach the store or the index', () => {
    const violations = libFiles.flatMap((file) => adapterBypasses(file, readFileSync(file, 'utf8')));
    assert.deepEqual(violations, []);
    for (const wiring of Object.keys(SERVER_WIRING)) assert.ok(libFiles.includes(join(ROOT, wiring)), `${wiring} is named as wiring but does not exist`);
  });

  it('reads configuration only in entry points', () => {
    const offenders = [...libFiles, join(ROOT, 'bin/ai-memory')]
      .filter((file) => /process\.(env|argv)\b/.test(readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')))
      .map((file) => relative(ROOT, file))
      .filter((file) => !ENTRY_POINTS.has(file));
    assert.deepEqual(offenders, []);
  });

  it('catches a violation when one is planted (the check itself works)', () => {
    const planted = importsOf("import { createApp } from '../server/app.js';\nconst x = await import('../server/main.js');");
    assert.deepEqual(planted, [
      { specifier: '../server/app.js', lazy: false },
      { specifier: '../server/main.js', lazy: true },
    ]);
    const target = layerOf(resolve(join(ROOT, 'lib/core'), planted[0]!.specifier));
    assert.equal(target, 'server');
    assert.equal(ALLOWED.core!.includes(target!), false);
  });

  it('catches an adapter reaching past the services when one is planted', () => {
    const route = join(ROOT, 'lib/server/http/planted.ts');
    const source = "import type { MemoryIndex } from '../../index/memory-index.js';\nimport { sessionFileId } from '../../store/raw-log.js';\nimport { startModuleWorker } from '../../store/module-worker.js';\nimport type { Services } from '../../services/services.js';\nimport type { ServiceDeps } from '../../services/deps.js';";
    assert.deepEqual(adapterBypasses(route, source), [
      'lib/server/http/planted.ts imports ../../index/memory-index.js',
      'lib/server/http/planted.ts imports ../../store/raw-log.js',
      'lib/server/http/planted.ts imports ../../services/deps.js',
    ]);
    assert.deepEqual(adapterBypasses(join(ROOT, 'lib/server/main.ts'), source), []);
  });
});
