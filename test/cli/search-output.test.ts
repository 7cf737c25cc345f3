import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { seedSearchWiki, SHOP_PAGES } from '../helpers/search-wiki.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';

/** `ai-memory search` as a person reads it in a terminal (the built CLI, NO_COLOR: ** marks). */
describe('ai-memory search output', () => {
  let server: TestServer;
  let cwd: string;
  after(async () => {
    await server.dispose();
    await rm(cwd, { recursive: true, force: true });
  });
  before(async () => {
    server = await startSuiteServer();
    await seedSearchWiki(server.client);
    // A folder without a .ai-memory.toml, so only --project picks the project.
    cwd = await mkdtemp(join(tmpdir(), 'aim-cli-search-'));
  });
  const search = (...args: string[]) => runCli(['search', ...args], { env: { AI_MEMORY_SERVER_URL: server.url }, cwd });

  it('says why each hit matched, highlights titles, and lists a link neighbour under its own heading after the matches', async () => {
    const result = await search('postgres', '--project', 'shop');
    assert.equal(result.code, 0, result.stderr);
    const out = result.stdout;
    assert.match(out, /\*\*Postgres\*\* table names {2}\[rule\] default\/shop\/rules\/table-names\.md\n {4}matched: title\n {4}Tables are singular nouns & columns use snake_case\.\n/);
    assert.match(out, /Standardised on \*\*Postgres\*\* .*\n {4}matched: title and body; replaces MySQL for orders\n {4}We chose \*\*Postgres\*\* 16/);
    const heading = out.indexOf('Related by link');
    assert.ok(heading > out.lastIndexOf('matched: '), 'the related section comes after every match');
    assert.match(out.slice(heading), /^Related by link \(none of your words; each is linked with a match above\)\n 5\. Connection pooling {2}\[concept\] default\/shop\/concepts\/pooling\.md\n {4}related: linked from Postgres upgrade notes\n/);
    assert.match(out, /5 hits in default\/shop \(1 related by link\)\n$/);
  });

  it('keeps --json the API answer, with reason and related_from, for scripts', async () => {
    const result = await search('postgres', '--project', 'shop', '--json');
    const parsed = JSON.parse(result.stdout) as { hits: Array<{ path: string; reason: string; related_from?: string; snippet: string }> };
    const related = parsed.hits.at(-1)!;
    assert.deepEqual([related.path, related.related_from, related.reason], [SHOP_PAGES.related, SHOP_PAGES.upgrade, 'linked from Postgres upgrade notes']);
    assert.match(parsed.hits[0]!.snippet, /<mark>/, 'the API keeps its HTML snippets');
  });

  it('says one hit, not "1 hit(s)"', async () => {
    const result = await search('singular nouns', '--project', 'shop');
    assert.match(result.stdout, /\n1 hit in default\/shop\n$/);
  });
});
