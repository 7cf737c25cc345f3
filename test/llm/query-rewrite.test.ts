import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadProvidersConfig } from '../../lib/config/llm-config.js';
import { parseRewrites } from '../../lib/services/llm/query-rewrite.js';
import { startFakeLlm } from '../helpers/fake-llm.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { llmProviders } from './helpers.js';

const project = { workspace: 'default', project: 'ops' };
const QUESTION = 'weekly meeting for whoever carries the beeper';

async function seed(server: TestServer): Promise<void> {
  const write = (path: string, body: string) => server.client.writePage({ ...project, path, body });
  await write('procedures/on-call-handover.md', '# On-call handover\n\nEvery Monday at 10:00: open incidents, failed reconciliations, pending migrations.');
  await write('notes/team.md', '# Team\n\nWho works on what, and the weekly meeting notes.');
}

/**
 * The opt-in LLM query rewrite (AI_MEMORY_SEARCH_REWRITE=1), against a local fake of the
 * Anthropic Messages API: a question worded unlike the page finds it through the model's
 * rephrasing, a failing model leaves search as it was, and without the setting no call is made.
 * The lift of a real model cannot be measured here.
 */
describe('search with an LLM query rewrite', () => {
  it('finds a page through the rephrasings, says it matched by similar meaning, and asks once per query', async () => {
    const fake = await startFakeLlm();
    fake.reply = () => '{"queries": ["on-call handover", "pager rotation handover"]}';
    const server = await startTestServer(llmProviders(fake.url, 'anthropic', { searchRewrite: true }));
    await seed(server);
    const { hits } = await server.client.search({ q: QUESTION, ...project });
    const handover = hits.find((h) => h.path === 'procedures/on-call-handover.md');
    assert.ok(handover, hits.map((h) => h.path).join(', '));
    assert.equal(handover.reason, 'similar meaning');
    const asked = fake.requests.filter((r) => r.path.endsWith('/v1/messages'));
    assert.equal(asked.length, 1);
    assert.match(JSON.stringify(asked[0]!.body.messages), /carries the beeper/);
    await server.client.search({ q: QUESTION, ...project });
    assert.equal(fake.requests.length, 1, 'the same query reuses its rephrasings');
  });

  it('answers as plain search when the model fails or answers nonsense', async () => {
    const fake = await startFakeLlm();
    const server = await startTestServer(llmProviders(fake.url, 'anthropic', { searchRewrite: true }));
    await seed(server);
    fake.queue.push({ status: 500, body: { error: { message: 'overloaded' } } });
    const failed = await server.client.search({ q: 'weekly meeting notes', ...project });
    assert.equal(failed.hits[0]?.path, 'notes/team.md');
    fake.reply = () => 'I cannot help with that.';
    const nonsense = await server.client.search({ q: 'who works on what', ...project });
    assert.equal(nonsense.hits[0]?.path, 'notes/team.md');
    assert.deepEqual(parseRewrites('{"queries": [1, "", " deploy steps "]}'), ['deploy steps']);
  });

  it('never calls the model unless the rewrite is switched on, and refuses the switch without a provider', async () => {
    const fake = await startFakeLlm();
    const server = await startTestServer(llmProviders(fake.url));
    await seed(server);
    await server.client.search({ q: QUESTION, ...project });
    assert.equal(fake.requests.length, 0);
    assert.throws(() => loadProvidersConfig({ AI_MEMORY_SEARCH_REWRITE: '1' }), /needs an LLM provider/);
    const on = loadProvidersConfig({ AI_MEMORY_SEARCH_REWRITE: '1', AI_MEMORY_LLM_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'sk-x' });
    assert.equal(on.searchRewrite, true);
  });
});
