import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CapturedEvent } from '../../lib/core/capture/captured-event.js';
import { boundedLog, checkConsolidation, CONSOLIDATION_LIMITS, observationLog } from '../../lib/core/maintenance/consolidation.js';
import { startFakeLlm } from '../helpers/fake-llm.js';
import { startTestServer } from '../helpers/server.js';
import { hook, llmProviders } from './helpers.js';

function prompt(i: number, text: string): CapturedEvent {
  return { record: 'event', v: 1, id: `e${i}`, at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), agent: 'codex', kind: 'user-prompt', native: 'UserPromptSubmit', session: 's', prompt: text };
}

describe('consolidation input and answer rules', () => {
  it('bounds the observation log whatever the session size, keeping its start and its end', () => {
    const events = Array.from({ length: 2000 }, (_, i) => prompt(i, `step ${i} ${'x'.repeat(3000)}`));
    const lines = observationLog(events);
    assert.ok(lines.every((l) => l.text.length <= CONSOLIDATION_LIMITS.eventChars + 3));
    const { lines: kept, omitted } = boundedLog(lines);
    const size = kept.reduce((n, l) => n + l.text.length + 40, 0);
    assert.ok(size <= CONSOLIDATION_LIMITS.logChars);
    assert.equal(kept.length + omitted, 2000);
    assert.match(kept[0]!.text, /^step 0 /);
    assert.match(kept.at(-1)!.text, /^step 1999 /);
    const small = observationLog([prompt(1, 'just one')]);
    assert.deepEqual(boundedLog(small), { lines: small, omitted: 0 });
  });

  it('takes only a valid title and markdown body from an answer', () => {
    assert.deepEqual(checkConsolidation({ title: ' Fixed login ', body_markdown: '# Fixed login\r\n\r\nThe token expired early.', path: 'x.md' }), {
      ok: true,
      title: 'Fixed login',
      body: '# Fixed login\n\nThe token expired early.\n',
    });
    assert.equal(checkConsolidation(null).ok, false);
    assert.equal(checkConsolidation({ title: 'x', body_markdown: 'short' }).ok, false);
    assert.equal(checkConsolidation({ title: 'x'.repeat(200), body_markdown: '# A long enough body here.' }).ok, false);
    assert.equal(checkConsolidation({ title: 'x', body_markdown: '# Body with NUL \u0000 inside it' }).ok, false);
  });

  it('sends a bounded request for a very long session', async () => {
    const fake = await startFakeLlm();
    fake.reply = () => JSON.stringify({ title: 'Long session', body_markdown: '# Long session\n\nMany steps, summarised.' });
    const server = await startTestServer(llmProviders(fake.url));
    for (let i = 0; i < 60; i++) await hook(server, 'big', 'sess-big', 'UserPromptSubmit', { prompt: `step ${i}: ${'word '.repeat(1500)}` });
    await hook(server, 'big', 'sess-big', 'SessionEnd', { reason: 'exit' });
    await server.running.services.sessions.drain();
    const result = await server.client.consolidate({ workspace: 'default', project: 'big', session_id: 'sess-big' });
    assert.equal(result.status, 'rewritten');
    const sent = JSON.stringify(fake.requests[0]!.body);
    assert.ok(sent.length < 80_000, `request of ${sent.length} characters for a 450,000-character session`);
    assert.match(sent, /omitted_observations/);
  });
});
