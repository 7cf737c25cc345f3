import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, spawnServe } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';
import { waitFor } from '../helpers/wait.js';

/** Nothing from the developer's own shell may point the CLI somewhere else. */
const CLEAN = { AI_MEMORY_SERVER_URL: '', AI_MEMORY_AUTH_TOKEN: '' };

describe('the CLI for daily use', () => {
  it('finds the server it started through the data dir, and browses: ls, search --kind, history --diff, diff, near paths', async () => {
    const dataDir = await tempDir('aim-daily-');
    const cwd = await tempDir('aim-daily-cwd-');
    const server = await spawnServe(dataDir);
    // No --server-url and no AI_MEMORY_SERVER_URL: the URL `serve` recorded in the data dir is used.
    const env = { ...CLEAN, AI_MEMORY_DATA_DIR: dataDir };
    const record = JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8')) as { url: string; web_url: string };
    assert.equal(record.url, server.url);

    const status = await runCli(['status'], { env, cwd });
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, new RegExp(`web UI    ${server.url}/web/`));
    assert.match(status.stdout, /index     0 pages,/);

    const write = (path: string, title: string, body: string, ...more: string[]) =>
      runCli(['write-page', '--project', 'My Shop', '--path', path, '--title', title, '--body', body, ...more], { env, cwd });
    const created = await write('decisions/0001-db.md', 'Use Postgres', 'We chose Postgres 16.', '--kind', 'decision', '--tags', 'db');
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stderr, /project "My Shop" is stored as "my-shop"/);
    await write('notes/cache-layer.md', 'Cache layer', 'Redis in front of Postgres.', '--tags', 'db,perf');
    await write('decisions/0001-db.md', 'Use Postgres', 'We chose Postgres 17.', '--kind', 'decision', '--tags', 'db');
    const scope = ['--project', 'my-shop'];

    const typo = await write('notes/x.md', 'X', 'x', '--kind', 'decison');
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /did you mean "decision"\?/);
    const text = await write('notes/readme.txt', 'Readme', 'x');
    assert.equal(text.code, 2);
    assert.match(text.stderr, /not a markdown page.*use --path notes\/readme\.md/);

    const ls = await runCli(['ls', ...scope], { env, cwd });
    assert.equal(ls.code, 0, ls.stderr);
    assert.match(ls.stdout, /^decisions\/0001-db\.md\s+decision\s+\d{4}-\d\d-\d\d \d\d:\d\dZ\s+Use Postgres$/m);
    assert.match(ls.stdout, /^notes\/cache-layer\.md\s+note\s+.*Cache layer$/m);
    assert.match(ls.stdout, /2 pages in default\/my-shop/);
    const decisions = await runCli(['ls', ...scope, '--kind', 'decision'], { env, cwd });
    assert.doesNotMatch(decisions.stdout, /cache-layer/);
    assert.match(decisions.stdout, /1 page in default\/my-shop \(kind decision\)/);
    const tagged = await runCli(['ls', '--all', '--tag', 'perf', '--json'], { env, cwd });
    assert.deepEqual((JSON.parse(tagged.stdout) as { pages: Array<{ path: string }> }).pages.map((p) => p.path), ['notes/cache-layer.md']);

    const search = await runCli(['search', 'postgres', ...scope, '--kind', 'decision', '--json'], { env, cwd });
    assert.equal(search.code, 0, search.stderr);
    assert.deepEqual((JSON.parse(search.stdout) as { hits: Array<{ path: string }> }).hits.map((h) => h.path), ['decisions/0001-db.md']);
    const badKind = await runCli(['search', 'postgres', '--kind', 'rules'], { env, cwd });
    assert.equal(badKind.code, 2);
    assert.match(badKind.stderr, /did you mean "rule"\?/);

    const history = await runCli(['history', 'decisions/0001-db.md', ...scope, '--diff'], { env, cwd });
    assert.equal(history.code, 0, history.stderr);
    assert.match(history.stdout, /^-We chose Postgres 16\.$/m);
    assert.match(history.stdout, /^\+We chose Postgres 17\.$/m);
    assert.match(history.stdout, /created the page/);
    const diff = await runCli(['diff', 'decisions/0001-db.md', ...scope], { env, cwd });
    assert.match(diff.stdout, /^\+We chose Postgres 17\.$/m);
    assert.doesNotMatch(diff.stdout, /created the page/);

    const missing = await runCli(['read-page', 'notes/cache.md', ...scope], { env, cwd });
    assert.equal(missing.code, 4);
    assert.match(missing.stderr, /no page notes\/cache\.md .*did you mean notes\/cache-layer\.md\?/);

    // A folder nobody named: the error says where the project name came from.
    const folder = join(cwd, 'scratchpad');
    await mkdir(folder);
    const guessed = await runCli(['history', 'notes/x.md'], { env, cwd: folder });
    assert.equal(guessed.code, 4);
    assert.match(guessed.stderr, /came from the folder name .*scratchpad; pass --project/);

    // Hooks installed without a URL follow the same record.
    const hook = await runCli(['hook', '--agent', 'claude-code', '--event', 'UserPromptSubmit'], {
      env,
      cwd: folder,
      input: JSON.stringify({ session_id: 'daily-hook-1', hook_event_name: 'UserPromptSubmit', cwd: folder, prompt: 'Find the flaky test' }),
    });
    assert.equal(hook.code, 0, hook.stderr);
    await waitFor(() => existsSync(join(dataDir, 'raw', 'default', 'scratchpad', 'daily-hook-1.jsonl')), 'the hook event to reach the recorded server');

    // Once the server stops, its record goes, and clients fall back to the default URL.
    assert.equal(await server.stop(), 0);
    await waitFor(() => !existsSync(join(dataDir, 'server.json')), 'the server record to be removed');
  });

  it('says what to do instead of guessing: client flags, restore target, agent and client names', async () => {
    const cwd = await tempDir('aim-daily-off-');
    const port = await runCli(['status', '--port', '8080'], { env: CLEAN, cwd });
    assert.equal(port.code, 2);
    assert.match(port.stderr, /pass --server-url http:\/\/127\.0\.0\.1:<port> instead \(--port belongs to `ai-memory serve`/);
    const dataDirFlag = await runCli(['ls', '--data-dir', '/tmp/x'], { env: CLEAN, cwd });
    assert.match(dataDirFlag.stderr, /--data-dir belongs to `ai-memory serve`/);

    const restore = await runCli(['restore', '--from', join(cwd, 'backup.tar.gz')], { env: { ...CLEAN, AI_MEMORY_DATA_DIR: join(cwd, 'live') }, cwd });
    assert.equal(restore.code, 2);
    assert.match(restore.stderr, /restore needs --data-dir DIR/);
    assert.equal(existsSync(join(cwd, 'live')), false);

    const agent = await runCli(['install-hooks', '--agent', 'claud'], { env: CLEAN, cwd });
    assert.equal(agent.code, 2);
    assert.match(agent.stderr, /Unknown agent "claud"; did you mean "claude-code"\?/);
    const client = await runCli(['install-mcp', '--client', 'codx'], { env: CLEAN, cwd });
    assert.match(client.stderr, /Unknown MCP client "codx"; did you mean "codex"\?/);
  });
});
