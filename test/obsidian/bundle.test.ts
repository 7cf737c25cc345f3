import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startTestServer } from '../helpers/server.js';
import { PLUGIN_DIR } from './harness.js';
import { seedDemo } from './seed.js';
import * as obsidian from './stub/obsidian.js';

const PLUGIN = fileURLToPath(new URL('../../obsidian-plugin/', import.meta.url));
const read = (name: string) => readFileSync(join(PLUGIN, name), 'utf8');

interface LoadedPlugin {
  load(): Promise<void>;
  unload(): void;
  openPanel(): Promise<{ rendered: Promise<void>; contentEl: obsidian.FakeElement } | null>;
}

/** Evaluates main.js as Obsidian does: CommonJS, with the app providing `obsidian`. */
function evaluateBundle(): { pluginClass: new (app: obsidian.App, manifest: obsidian.PluginManifest) => LoadedPlugin; required: string[] } {
  const required: string[] = [];
  const module = { exports: {} as Record<string, unknown> };
  const require = (id: string) => {
    required.push(id);
    if (id === 'obsidian') return obsidian;
    throw new Error(`main.js requires ${id}, which Obsidian does not provide`);
  };
  new Function('module', 'exports', 'require', read('main.js'))(module, module.exports, require);
  return { pluginClass: module.exports.default as never, required };
}

describe('obsidian plugin: the built bundle', () => {
  it('has a manifest Obsidian accepts, in step with versions.json and package.json', () => {
    const manifest = JSON.parse(read('manifest.json')) as obsidian.PluginManifest;
    const versions = JSON.parse(read('versions.json')) as Record<string, string>;
    const pkg = JSON.parse(read('package.json')) as { version: string };
    assert.equal(manifest.id, 'ai-memory');
    assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
    assert.equal(pkg.version, manifest.version);
    assert.equal(versions[manifest.version], manifest.minAppVersion);
    assert.ok(existsSync(join(PLUGIN, 'styles.css')));
  });

  it('shares only types with lib/, and only the HTTP contract', () => {
    const sources = (readdirSync(join(PLUGIN, 'src'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const violations: string[] = [];
    for (const file of sources) {
      const full = join(PLUGIN, 'src', file);
      for (const match of readFileSync(full, 'utf8').matchAll(/^\s*(import|export)(\s+type)?\s[^;]*?from\s+'([^']+)'/gms)) {
        const [, , typeOnly, specifier] = match;
        if (!specifier!.startsWith('.')) continue;
        const target = relative(join(PLUGIN, '..'), resolve(dirname(full), specifier!));
        if (!target.startsWith('lib/')) continue;
        if (target !== 'lib/core/contract.js' || !typeOnly) violations.push(`src/${file}: ${match[0].trim()}`);
      }
    }
    assert.deepEqual(violations, []);
  });

  it('main.js loads with only the app-provided obsidian module and works against the server', async () => {
    assert.ok(existsSync(join(PLUGIN, 'main.js')), 'obsidian-plugin/main.js is missing: run npm run build:obsidian (npm test does)');
    const { pluginClass, required } = evaluateBundle();
    assert.deepEqual([...new Set(required)], ['obsidian'], 'no Node modules: the plugin also runs on mobile');
    assert.doesNotMatch(read('main.js'), /lib\/server\/|express|isomorphic-git/, 'no server code in the bundle');

    const server = await startTestServer();
    await seedDemo(server);
    mkdirSync(join(server.wikiDir, PLUGIN_DIR), { recursive: true });
    writeFileSync(join(server.wikiDir, PLUGIN_DIR, 'data.json'), JSON.stringify({ serverUrl: server.url, defaultProject: 'demo' }));
    const app = new obsidian.App(server.wikiDir);
    const plugin = new pluginClass(app, { ...(JSON.parse(read('manifest.json')) as obsidian.PluginManifest), dir: PLUGIN_DIR });
    await plugin.load();
    try {
      const panel = (await plugin.openPanel())!;
      await panel.rendered;
      assert.match(panel.contentEl.textContent, /Halfway through the migration/);
      assert.match(panel.contentEl.textContent, /Run the tests first/);
    } finally {
      plugin.unload();
    }
  });
});
