import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BIN, runCli, spawnServe } from '../helpers/cli.js';
import { git } from '../helpers/git.js';
import { tempDir } from '../helpers/temp.js';

describe('the ai-memory CLI against a running server', () => {
  it('writes, searches, reads, lists history, reads an old version, reports status and reindexes', async () => {
    const dataDir = await tempDir('aim-cli-');
    const server = await spawnServe(dataDir);
    const env = { AI_MEMORY_SERVER_URL: server.url };
    const cwd = await tempDir('aim-cwd-');

    const created = await runCli(
      ['write-page', '--project', 'demo', '--path', 'decisions/0001-db.md', '--title', 'Standardised on Postgres', '--body', 'We chose Postgres 16.', '--pinned'],
      { env, cwd },
    );
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /^Created default\/demo\/decisions\/0001-db.md "Standardised on Postgres" \(commit [0-9a-f]{7}\)\.\n$/);

    const search = await runCli(['search', 'postgres decision', '--project', 'demo'], { env, cwd });
    assert.equal(search.code, 0, search.stderr);
    assert.match(search.stdout, /Standardised on \*\*Postgres\*\*/, 'the title with its matched word lit up');
    assert.match(search.stdout, /We chose \*\*Postgres\*\* 16/);

    const json = await runCli(['search', 'postgres', '--json'], { env, cwd });
    const parsed = JSON.parse(json.stdout) as { hits: Array<{ path: string; snippet: string; project: string }> };
    assert.equal(parsed.hits[0]?.path, 'decisions/0001-db.md');
    assert.equal(parsed.hits[0]?.project, 'demo');
    assert.match(parsed.hits[0]!.snippet, /<mark>Postgres<\/mark>/);

    const updated = await runCli(['write-page', '--project', 'demo', '--path', 'decisions/0001-db.md', '--body', '-'], {
      env,
      cwd,
      input: '# Standardised on Postgres\n\nWe chose Postgres 17 after all.\n',
    });
    assert.match(updated.stdout, /^Updated /);

    const read = await runCli(['read-page', 'decisions/0001-db.md', '--project', 'demo'], { env, cwd });
    assert.match(read.stdout, /Postgres 17 after all/);

    const history = await runCli(['history', 'decisions/0001-db.md', '--project', 'demo', '--json'], { env, cwd });
    const commits = (JSON.parse(history.stdout) as { commits: Array<{ commit: string; message: string }> }).commits;
    assert.equal(commits.length, 2);
    const old = await runCli(['read-page', 'decisions/0001-db.md', '--project', 'demo', '--rev', commits[1]!.commit.slice(0, 7)], { env, cwd });
    assert.match(old.stdout, /We chose Postgres 16\./);
    assert.match(old.stdout, /as of commit/);
    assert.match(git(join(dataDir, 'wiki'), 'log', '-p', '--', 'default/demo/decisions/0001-db.md'), /-We chose Postgres 16\./);

    const status = await runCli(['status'], { env, cwd });
    assert.match(status.stdout, new RegExp(`data dir  ${dataDir}`));
    assert.match(status.stdout, /index     1 page,/);
    assert.match(status.stdout, /watcher   live/);
    assert.match(status.stdout, /default\/demo\s+1 page/);
    const statusJson = JSON.parse((await runCli(['status', '--json'], { env, cwd })).stdout) as { index: { pages: number } };
    assert.equal(statusJson.index.pages, 1);

    const reindex = await runCli(['reindex'], { env, cwd });
    assert.match(reindex.stdout, /^Reindexed 1 page in \d+ ms/);

    assert.equal(await server.stop('SIGTERM'), 0);
    assert.equal(existsSync(join(dataDir, 'server.pid')), false);
  });

  it('takes the project from the current folder or a .ai-memory.toml marker', async () => {
    const dataDir = await tempDir('aim-cli-');
    const server = await spawnServe(dataDir);
    const env = { AI_MEMORY_SERVER_URL: server.url };
    const parent = await tempDir('aim-cwd-');
    const repo = join(parent, 'acme-api');
    await import('node:fs/promises').then((fs) => fs.mkdir(join(repo, 'sub'), { recursive: true }));
    await runCli(['write-page', '--path', 'notes/a.md', '--body', 'alpha from cwd'], { env, cwd: repo });
    const read = await runCli(['read-page', 'notes/a.md', '--json'], { env, cwd: repo });
    assert.equal((JSON.parse(read.stdout) as { project: string }).project, 'acme-api');
    await import('node:fs/promises').then((fs) => fs.writeFile(join(repo, '.ai-memory.toml'), 'workspace = "work"\nproject = "api"\n'));
    const marked = await runCli(['write-page', '--path', 'notes/b.md', '--body', 'beta via marker', '--json'], { env, cwd: join(repo, 'sub') });
    assert.deepEqual(
      [(JSON.parse(marked.stdout) as { workspace: string }).workspace, (JSON.parse(marked.stdout) as { project: string }).project],
      ['work', 'api'],
    );
    const scoped = JSON.parse((await runCli(['search', 'alpha beta', '--json'], { env, cwd: join(repo, 'sub') })).stdout) as { hits: Array<{ path: string }> };
    assert.deepEqual(scoped.hits.map((h) => h.path), ['notes/b.md']);
  });

  it('says clearly when the server is not running, with exit code 3 and --json errors', async () => {
    const result = await runCli(['status'], { env: { AI_MEMORY_SERVER_URL: 'http://127.0.0.1:9' } });
    assert.equal(result.code, 3);
    assert.match(result.stderr, /not running at http:\/\/127\.0\.0\.1:9\. Start it with `ai-memory serve`/);
    const json = await runCli(['search', 'x', '--json'], { env: { AI_MEMORY_SERVER_URL: 'http://127.0.0.1:9' } });
    assert.equal(json.code, 3);
    assert.equal((JSON.parse(json.stdout) as { code: string }).code, 'SERVER_UNREACHABLE');
  });

  it('says a server URL without http:// is the problem, not a stopped server', async () => {
    const result = await runCli(['status'], { env: { AI_MEMORY_SERVER_URL: '127.0.0.1:9' } });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /server URL "127\.0\.0\.1:9" is not an http\(s\) URL/);
  });

  it('reports bad input with exit code 2 and changes nothing', async () => {
    const dataDir = await tempDir('aim-cli-');
    const server = await spawnServe(dataDir);
    const result = await runCli(['write-page', '--project', 'demo', '--path', '../escape.md', '--body', 'x'], {
      env: { AI_MEMORY_SERVER_URL: server.url },
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /page path "..\/escape.md" escapes its project/);
    assert.equal(existsSync(join(dataDir, 'wiki', 'default', 'escape.md')), false);

    // fetch would resolve the `..` away and hit another route: read-page and history say why.
    for (const args of [['read-page', '../../etc/passwd'], ['history', 'notes/../../x.md']]) {
      const read = await runCli([...args, '--project', 'demo'], { env: { AI_MEMORY_SERVER_URL: server.url } });
      assert.equal(read.code, 2, `${args.join(' ')}: ${read.stderr}`);
      assert.match(read.stderr, /escapes its project/);
    }
  });

  it('refuses a second server on the same data dir', async () => {
    const dataDir = await tempDir('aim-cli-');
    await spawnServe(dataDir);
    await assert.rejects(spawnServe(dataDir), /another ai-memory server \(pid \d+\) is using/);
  });

  it('exits (code 5) when its port is taken, instead of staying up with the watcher running', async () => {
    const first = await spawnServe(await tempDir('aim-cli-'));
    const port = new URL(first.url).port;
    const dataDir = await tempDir('aim-cli-');
    const child = spawn(process.execPath, [BIN, 'serve', '--data-dir', dataDir, '--port', port], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
    clearTimeout(timer);
    assert.equal(code, 5, stderr);
    assert.match(stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
    assert.equal(existsSync(join(dataDir, 'server.pid')), false);
  });
});
