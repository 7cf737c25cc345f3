import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CatchUpResponse } from '../../lib/core/maintenance/reports.js';
import { runCli } from '../helpers/cli.js';
import { startFakeLlm } from '../helpers/fake-llm.js';
import { startTestServer } from '../helpers/server.js';
import { call, httpClient } from '../mcp/helpers.js';
import { endedSession, llmProviders } from './helpers.js';

const app = { workspace: 'default', project: 'app' };

describe('memory_query answer and catch-up', () => {
  it('answers a query citing only pages it was given; without a provider says so and still returns hits', async () => {
    const fake = await startFakeLlm();
    fake.reply = () => JSON.stringify({ answer: 'Postgres 16, chosen for JSONB.', citations: ['decisions/db.md', 'notes/made-up.md'] });
    const server = await startTestServer(llmProviders(fake.url, 'openai-compat'));
    await server.client.writePage({ ...app, path: 'decisions/db.md', title: 'Use Postgres 16', body: 'We chose Postgres 16 for JSONB support.' });
    const client = await httpClient(server.url);
    const answered = await call<{ hits: Array<{ path: string }>; answer: { text: string; citations: string[] } }>(client, 'memory_query', { ...app, query: 'which postgres version', answer: true });
    assert.equal(answered.hits[0]?.path, 'decisions/db.md');
    assert.deepEqual(answered.answer, { text: 'Postgres 16, chosen for JSONB.', citations: ['decisions/db.md'] });
    const prompt = (fake.requests[0]!.body.messages as Array<{ content: string }>)[1]!.content;
    assert.match(prompt, /We chose Postgres 16 for JSONB support/);

    fake.reply = () => 'not json at all';
    const garbled = await call<{ hits: unknown[]; answer_unavailable: string }>(client, 'memory_query', { ...app, query: 'which postgres version', answer: true });
    assert.equal(garbled.hits.length, 1);
    assert.match(garbled.answer_unavailable, /not the JSON asked for/);

    const plain = await startTestServer();
    await plain.client.writePage({ ...app, path: 'decisions/db.md', body: '# Use Postgres\n\nPostgres.' });
    const noProvider = await call<{ hits: unknown[]; answer_unavailable: string; answer?: unknown }>(await httpClient(plain.url), 'memory_query', { ...app, query: 'postgres', answer: true });
    assert.equal(noProvider.hits.length, 1);
    assert.equal(noProvider.answer, undefined);
    assert.match(noProvider.answer_unavailable, /no LLM provider is configured/);
  });

  it('ai-memory search --answer and POST /api/v1/search answer: true give the same cited answer; GET never calls the provider', async () => {
    const fake = await startFakeLlm();
    fake.reply = () => JSON.stringify({ answer: 'Postgres 16, chosen for JSONB.', citations: ['decisions/db.md'] });
    const server = await startTestServer(llmProviders(fake.url, 'openai-compat'));
    await server.client.writePage({ ...app, path: 'decisions/db.md', title: 'Use Postgres 16', body: 'We chose Postgres 16 for JSONB support.' });
    const env = { AI_MEMORY_SERVER_URL: server.url };
    const run = await runCli(['search', 'which postgres version', '--project', 'app', '--answer'], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Postgres 16, chosen for JSONB.\nsources: decisions\/db.md\n\n 1. Use Postgres 16/);
    const json = await server.client.search({ q: 'which postgres version', ...app, answer: true });
    assert.deepEqual(json.answer, { text: 'Postgres 16, chosen for JSONB.', citations: ['decisions/db.md'] });
    const calls = fake.requests.length;
    const viaGet = await fetch(`${server.url}/api/v1/search?q=postgres&workspace=default&project=app&answer=true`).then((r) => r.json() as Promise<Record<string, unknown>>);
    assert.equal(viaGet.answer, undefined);
    assert.equal(fake.requests.length, calls, 'a GET (a link, a prefetch) never spends a provider call');

    const plain = await startTestServer();
    await plain.client.writePage({ ...app, path: 'decisions/db.md', body: '# Use Postgres\n\nPostgres.' });
    const none = await runCli(['search', 'postgres', '--project', 'app', '--answer'], { env: { AI_MEMORY_SERVER_URL: plain.url } });
    assert.equal(none.code, 0, none.stderr);
    assert.match(none.stdout, /^No answer: no LLM provider is configured on the server[\s\S]* 1. Use Postgres/);
  });

  it('catch-up prints a digest with a provider and the briefing as text without one (JSON with --json); status shows the last call', async () => {
    const fake = await startFakeLlm();
    fake.reply = () => 'You were away briefly. The last session tuned the cache.';
    const server = await startTestServer(llmProviders(fake.url, 'gemini'));
    await endedSession(server, 'app', 'sess-c', 'Tune the cache');
    const env = { AI_MEMORY_SERVER_URL: server.url };
    const before = await runCli(['status'], { env });
    assert.match(before.stdout, /llm gemini fake-model\s+no call yet/);

    const digest = await runCli(['catch-up', '--project', 'app'], { env });
    assert.equal(digest.code, 0, digest.stderr);
    assert.equal(digest.stdout, 'You were away briefly. The last session tuned the cache.\n');
    const sent = fake.requests[0]!.body as { systemInstruction: { parts: Array<{ text: string }> }; contents: Array<{ parts: Array<{ text: string }> }> };
    assert.match(sent.systemInstruction.parts[0]!.text, /away 0 days: write one sentence/);
    assert.match(sent.contents[0]!.parts[0]!.text, /sessions\/sess-c\.md/);
    const after = await runCli(['status'], { env });
    assert.match(after.stdout, /llm gemini fake-model\s+ok \(\d+ ms, /);

    const plain = await startTestServer();
    await endedSession(plain, 'app', 'sess-d', 'Fix the login bug');
    const briefing = await runCli(['catch-up', '--project', 'app', '--json'], { env: { AI_MEMORY_SERVER_URL: plain.url } });
    const parsed = JSON.parse(briefing.stdout) as CatchUpResponse;
    assert.equal(parsed.mode, 'briefing');
    assert.match(parsed.digest_unavailable!, /no LLM provider/);
    assert.equal((parsed.briefing.counts as { sessions: number }).sessions, 1);
    const human = await runCli(['catch-up', '--project', 'app'], { env: { AI_MEMORY_SERVER_URL: plain.url } });
    // Without --json a person gets text, not JSON: the counts in words and why there is no digest.
    assert.match(human.stdout, /^default\/app\n\d+ pages?, 1 session, /);
    assert.match(human.stdout, /No digest: no LLM provider/);
    assert.throws(() => JSON.parse(human.stdout));
    assert.match((await runCli(['status'], { env: { AI_MEMORY_SERVER_URL: plain.url } })).stdout, /providers none \(rule-based only\)/);
  });
});
