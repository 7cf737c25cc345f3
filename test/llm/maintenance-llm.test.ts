import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startFakeLlm } from '../helpers/fake-llm.js';
import { startTestServer } from '../helpers/server.js';
import { llmProviders } from './helpers.js';

const app = { workspace: 'default', project: 'app' };

describe('lint and bootstrap with an LLM provider (local fake API)', () => {
  it('lint reports contradictions between pages, ignores paths it was not given, and keeps rule-based findings when the provider fails', async () => {
    const fake = await startFakeLlm();
    fake.reply = () =>
      JSON.stringify({
        contradictions: [
          { pages: ['decisions/db.md', 'notes/setup.md'], statements: ['We use Postgres 16.', 'The app runs on MySQL 8.'], explanation: 'two databases' },
          { pages: ['decisions/db.md', 'secrets/invented.md'], statements: ['a', 'b'] },
        ],
      });
    const server = await startTestServer(llmProviders(fake.url));
    await server.client.writePage({ ...app, path: 'decisions/db.md', title: 'Database', body: 'We use Postgres 16. See [[notes/setup]].' });
    await server.client.writePage({ ...app, path: 'notes/setup.md', title: 'Setup', body: 'The app runs on MySQL 8. Back to [[decisions/db]].' });
    const report = await server.client.lint({ ...app });
    const contradictions = report.findings.filter((f) => f.check === 'contradiction');
    assert.equal(contradictions.length, 1);
    assert.equal(contradictions[0]!.path, 'decisions/db.md');
    assert.match(contradictions[0]!.detail, /^contradicts notes\/setup.md: "We use Postgres 16." vs "The app runs on MySQL 8." \(two databases\)$/);
    const page = join(server.wikiDir, 'default/app/_lint/contradictions.md');
    assert.match(readFileSync(page, 'utf8'), /We use Postgres 16/);
    // Only durable pages were sent, as data.
    const sent = (fake.requests[0]!.body as { messages: Array<{ content: string }> }).messages[0]!.content;
    assert.match(sent, /<data>[\s\S]*MySQL 8[\s\S]*<\/data>/);

    fake.queue.push({ status: 429, headers: { 'retry-after': '120' }, body: { type: 'error', error: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit' } } });
    await server.client.writePage({ ...app, path: 'notes/lonely.md', body: '# Lonely\n' });
    const ruleOnly = await server.client.lint({ ...app, no_llm: true });
    assert.equal(ruleOnly.counts.contradiction, undefined);
    assert.ok(existsSync(page), 'a run without the LLM pass leaves the contradictions page alone');
    const calls = fake.requests.length;
    const limited = await server.client.lint({ ...app });
    assert.equal(fake.requests.length, calls + 1, 'a 120 s retry-after is not waited out');
    assert.match(limited.llm_error!, /rate limited \(HTTP 429\); retry after 120 s/);
    assert.deepEqual(limited.counts, { orphan: 1 });
    assert.ok(existsSync(page), 'a failed pass leaves the last contradictions page alone');
  });

  it('bootstrap writes the provider summaries at the seed paths, and falls back to the extracts on a bad answer', async () => {
    const fake = await startFakeLlm();
    fake.reply = () =>
      JSON.stringify({
        pages: [
          { key: 'overview', title: 'Kettle: overview', body_markdown: '# Kettle: overview\n\nKettle boils water over HTTP for tea lovers.' },
          { key: 'rules', title: 'Kettle rules', body_markdown: '# Kettle rules\n\n- Never heat an empty kettle.' },
          { key: '../../escape', title: 'Nope', body_markdown: '# Nope\n\nShould never be written anywhere.' },
        ],
      });
    const server = await startTestServer(llmProviders(fake.url, 'openai'));
    const collected = {
      ...app,
      name: 'kettle',
      readme: { path: 'README.md', text: '# Kettle\n\nBoils water.' },
      docs: [],
      rules: [{ path: 'AGENTS.md', text: 'Never heat an empty kettle.' }],
      history: [{ commit: 'a'.repeat(40), date: '2026-11-01T10:00:00Z', author: 'Ada', subject: 'Initial kettle' }],
      hot_files: [{ path: 'src/heater.ts', commits: 3 }],
      modules: [],
    };
    const result = await server.client.bootstrap(collected);
    assert.equal(result.mode, 'llm');
    assert.deepEqual(result.pages.map((p) => [p.path, p.status]), [
      ['concepts/project-overview.md', 'created'],
      ['rules/project-rules.md', 'created'],
    ]);
    assert.match((await server.client.readPage(app, 'concepts/project-overview.md')).body, /for tea lovers/);

    fake.reply = () => '{"pages": "none"}';
    const fallback = await server.client.bootstrap(collected);
    assert.equal(fallback.mode, 'rules');
    assert.match(fallback.llm_error!, /no usable page/);
    assert.ok(fallback.pages.some((p) => p.path === 'notes/recent-history.md' && p.status === 'created'));
  });
});
