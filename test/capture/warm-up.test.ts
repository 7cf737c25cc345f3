import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizePayload } from '../../lib/core/capture/normalize.js';
import { WARM_UP_SAMPLES } from '../../lib/core/capture/warm-up.js';

// The warm-up is only worth its start-up time if its samples really go through what a first
// hook runs: each agent's payload shape, the tool output paths and every redaction rule.
test('the capture warm-up runs each kind of hook through normalization and redaction', () => {
  const normalized = WARM_UP_SAMPLES.map((payload) => normalizePayload(payload));
  assert.deepEqual(normalized.map((n) => n.kind), ['user-prompt', 'post-tool', 'post-tool', 'post-tool', 'stop']);
  const texts = normalized.map((n) => JSON.stringify([n.prompt, n.tool, n.reply]));
  for (const text of texts) {
    assert.match(text, /\[REDACTED\]/, `a sample reached redaction: ${text}`);
    assert.doesNotMatch(text, /abc123|Bearer tok\b/, `its secrets were masked: ${text}`);
  }
  assert.ok(normalized.slice(1, 4).every((n) => n.tool?.output), 'the three tool samples carry output (object, string, Gemini llmContent)');
});
