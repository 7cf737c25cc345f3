import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Scope } from '../../lib/core/paths.js';
import { createConsolidationQueue } from '../../lib/services/llm/consolidation-queue.js';
import { startFakeLlm, type RecordedRequest } from '../helpers/fake-llm.js';
import { startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { endedSession, hook, llmProviders } from './helpers.js';

function narrativeOfSession(request: RecordedRequest): string {
  const user = String((request.body.messages as Array<{ content: string }>)[0]!.content);
  const session = /"session_id": "([^"]+)"/.exec(user)![1]!;
  return JSON.stringify({ title: `Narrative of ${session}`, body_markdown: `# Narrative of ${session}\n\nWhat happened in ${session}, told as a story.` });
}

const consolidated = (wikiDir: string, session: string) => readFileSync(join(wikiDir, 'default/app/sessions', `${session}.md`), 'utf8').includes(`# Narrative of ${session}`);

describe('automatic consolidation queue', () => {
  it('consolidates a burst of session ends one provider call at a time', async () => {
    const fake = await startFakeLlm();
    fake.reply = narrativeOfSession;
    fake.delayMs = 150;
    const server = await startTestServer(llmProviders(fake.url, 'anthropic', { consolidateOnSessionEnd: true }));
    const sessions = ['burst-1', 'burst-2', 'burst-3', 'burst-4', 'burst-5'];
    await Promise.all(sessions.map((s) => endedSession(server, 'app', s, `Work of ${s}`)));
    await waitFor(() => sessions.every((s) => consolidated(server.wikiDir, s)), 'every session consolidated', 20_000);
    assert.equal(fake.requests.length, sessions.length, 'one call per session');
    assert.equal(fake.maxInFlight, 1, 'never two provider calls at once');
  });

  it('retries a session whose provider call failed, and gives it its narrative', async () => {
    const fake = await startFakeLlm();
    fake.reply = narrativeOfSession;
    const server = await startTestServer(llmProviders(fake.url));
    await endedSession(server, 'app', 'flaky', 'Work that meets an overloaded provider');
    // The production retry delays are minutes; this queue retries after 200 ms so the test can watch.
    const { services, deps } = server.running;
    const queue = createConsolidationQueue(deps, services.consolidation, { retryDelaysMs: [200] });
    fake.queue.push({ status: 500, body: { type: 'error', error: { type: 'api_error', message: 'overloaded' } } });
    queue.enqueue({ workspace: 'default', project: 'app' } as Scope, 'flaky');
    await waitFor(() => consolidated(server.wikiDir, 'flaky'), 'the retried consolidation', 20_000);
    assert.equal(fake.requests.length, 2, 'the failed call and its retry');
  });

  it('after a restart, consolidates the closed sessions that were waiting, and no others', async () => {
    const fake = await startFakeLlm();
    fake.reply = narrativeOfSession;
    // The server stops while the provider is still thinking: nothing is consolidated yet.
    fake.delayMs = 5_000;
    const server = await startTestServer(llmProviders(fake.url, 'anthropic', { consolidateOnSessionEnd: true }));
    await endedSession(server, 'app', 'before-restart', 'Work ended just before a restart');
    await hook(server, 'app', 'still-open', 'UserPromptSubmit', { prompt: 'An open session' });
    await hook(server, 'app', 'still-open', 'PreCompact', { trigger: 'auto' });
    await waitFor(() => fake.requests.length >= 1, 'the first provider call');
    await server.stop();
    assert.equal(consolidated(server.wikiDir, 'before-restart'), false);

    fake.delayMs = 0;
    const before = fake.requests.length;
    const restarted = await server.restart();
    await waitFor(() => consolidated(restarted.wikiDir, 'before-restart'), 'the recovered consolidation', 20_000);
    await restarted.running.services.consolidationQueue.idle();
    const sessionsAsked = fake.requests.slice(before).map((r) => /"session_id": "([^"]+)"/.exec(String((r.body.messages as Array<{ content: string }>)[0]!.content))![1]);
    assert.deepEqual(sessionsAsked, ['before-restart'], 'an open session is left for its own end');
  });
});
