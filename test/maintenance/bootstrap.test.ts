import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import type { BootstrapResponse } from '../../lib/core/maintenance/reports.js';
import { runCli } from '../helpers/cli.js';
import { commitSubjects, fsck, git } from '../helpers/git.js';
import { startTestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';

async function put(root: string, rel: string, text: string): Promise<void> {
  await mkdir(dirname(join(root, rel)), { recursive: true });
  await writeFile(join(root, rel), text);
}

function commitAll(root: string, message: string): void {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'ada@example.com' };
  execFileSync('git', ['-C', root, 'add', '-A'], { env });
  execFileSync('git', ['-C', root, 'commit', '-qm', message], { env });
}

async function sampleRepo(): Promise<string> {
  const root = join(await tempDir('aim-boot-'), 'kettle');
  await mkdir(root);
  execFileSync('git', ['init', '-q', '-b', 'main', root]);
  await put(root, 'README.md', '# Kettle\n\nKettle boils water over HTTP. See [the guide](docs/guide.md).\n');
  await put(root, 'docs/guide.md', '# Guide\n\nStart the kettle with `kettle start`.\n');
  await put(root, 'AGENTS.md', '# Rules\n\n- Never heat an empty kettle.\n');
  await put(root, 'src/heater.ts', "import { x } from './x.js';\n\n/**\n * Controls the heating element; stops at 100 C.\n */\nexport const heat = 1;\n");
  await put(root, 'src/x.ts', '// Shared constants for the kettle.\nexport const x = 1;\n');
  await put(root, 'tools/gen.py', '"""Generates the lookup tables."""\nimport os\n');
  commitAll(root, 'Initial kettle');
  for (let i = 1; i <= 3; i++) {
    await put(root, 'src/heater.ts', `/**\n * Controls the heating element; stops at 100 C.\n */\nexport const heat = ${i + 1};\n`);
    commitAll(root, `Tune the heater, round ${i}`);
  }
  await put(root, 'node_modules/dep/index.js', '// a dependency: never collected\n');
  await writeFile(join(root, '.gitignore'), 'node_modules/\n');
  commitAll(root, 'Ignore dependencies');
  return root;
}

describe('bootstrap against a real server and a real git repository', () => {
  it('seeds the project the hook would resolve, in one commit, and a re-run updates instead of duplicating', async () => {
    const server = await startTestServer();
    const repo = await sampleRepo();
    const env = { AI_MEMORY_SERVER_URL: server.url };
    const head = git(server.wikiDir, 'rev-parse', 'HEAD').trim();

    const run = await runCli(['bootstrap', '--json'], { env, cwd: repo });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /bootstrap: collecting from .*kettle for default\/kettle/);
    assert.match(run.stderr, /bootstrap: module headers \d+\/\d+/);
    const result = JSON.parse(run.stdout) as BootstrapResponse;
    assert.equal(result.project, 'kettle');
    assert.equal(result.mode, 'rules');
    assert.deepEqual(result.pages.map((p) => [p.path, p.status]), [
      ['concepts/project-overview.md', 'created'],
      ['concepts/module-map.md', 'created'],
      ['notes/hot-files.md', 'created'],
      ['notes/recent-history.md', 'created'],
      ['rules/project-rules.md', 'created'],
    ]);
    assert.equal(git(server.wikiDir, 'rev-list', '--count', `${head}..HEAD`).trim(), '1');
    assert.match(commitSubjects(server.wikiDir)[0]!, /^Bootstrap default\/kettle: 5 seed pages/);

    const scope = { workspace: 'default', project: 'kettle' };
    const modules = await server.client.readPage(scope, 'concepts/module-map.md');
    assert.match(modules.body, /`src\/heater.ts`: Controls the heating element; stops at 100 C\./);
    assert.match(modules.body, /`tools\/gen.py`: Generates the lookup tables\./);
    assert.doesNotMatch(modules.body, /node_modules/);
    const hot = await server.client.readPage(scope, 'notes/hot-files.md');
    assert.match(hot.body, /\| `src\/heater.ts` \| 4 \|/);
    const history = await server.client.readPage(scope, 'notes/recent-history.md');
    assert.match(history.body, /Tune the heater, round 3 \(Ada\)/);
    const rules = await server.client.readPage(scope, 'rules/project-rules.md');
    assert.match(rules.body, /Never heat an empty kettle/);
    const overview = await server.client.readPage(scope, 'concepts/project-overview.md');
    assert.match(overview.body, /Kettle boils water over HTTP/);
    assert.match(overview.body, /Start the kettle/);
    // Quoted repository text adds no links to the wiki's graph.
    assert.deepEqual(overview.links, []);
    const found = await server.client.search({ q: 'empty kettle', ...scope });
    assert.equal(found.hits[0]?.path, 'rules/project-rules.md');

    const again = await runCli(['bootstrap', '--json'], { env, cwd: repo });
    const unchanged = JSON.parse(again.stdout) as BootstrapResponse;
    assert.ok(unchanged.pages.every((p) => p.status === 'unchanged'));
    assert.equal(unchanged.commit, undefined);

    await put(repo, 'README.md', '# Kettle\n\nKettle boils and steeps tea over HTTP.\n');
    commitAll(repo, 'Describe tea mode');
    const before = (await server.client.pages(scope)).pages.length;
    const third = JSON.parse((await runCli(['bootstrap', '--json'], { env, cwd: repo })).stdout) as BootstrapResponse;
    assert.deepEqual(third.pages.filter((p) => p.status === 'updated').map((p) => p.path), [
      'concepts/project-overview.md',
      'notes/hot-files.md',
      'notes/recent-history.md',
    ]);
    assert.equal((await server.client.pages(scope)).pages.length, before, 'no duplicate pages');
    fsck(server.wikiDir);
  });

  it('follows .ai-memory.toml like the hook, shows a dry run, and refuses an empty folder', async () => {
    const server = await startTestServer();
    const env = { AI_MEMORY_SERVER_URL: server.url };
    const repo = await sampleRepo();
    await writeFile(join(repo, '.ai-memory.toml'), 'workspace = "acme"\nproject = "boiler"\n');
    const sub = join(repo, 'src');
    const dry = await runCli(['bootstrap', '--dry-run'], { env, cwd: sub });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^Would write acme\/boiler from /);
    assert.match(dry.stdout, /planned {3}notes\/hot-files.md/);
    assert.deepEqual((await server.client.projects()).projects, []);

    const empty = await tempDir('aim-empty-');
    const refused = await runCli(['bootstrap'], { env, cwd: empty });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /nothing to bootstrap from/);
    assert.equal(basename(empty).startsWith('aim-empty-'), true);
  });
});
