import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { canonicalEvent } from '../../lib/core/capture/events.js';
import { normalizePayload } from '../../lib/core/capture/normalize.js';

/**
 * The payloads the real agent CLIs sent in test/agents (recorded under
 * test/fixtures/hooks/<agent>/<version>/), normalized without running the agents: every event
 * maps to a capture kind with its session and folder, tool events name their tool, and a prompt
 * is the user's words only (Gemini CLI prepends the injected handoff to it).
 */
const ROOT = join(import.meta.dirname, '..', 'fixtures', 'hooks');
const recorded = existsSync(ROOT)
  ? readdirSync(ROOT).flatMap((agent) => readdirSync(join(ROOT, agent)).flatMap((version) => readdirSync(join(ROOT, agent, version)).map((file) => ({ agent, version, file }))))
  : [];

describe('payloads recorded from the real agents', () => {
  it('there are recordings for Claude Code, Codex, Gemini CLI, OpenCode, Oh My Pi and Pi', () => {
    assert.deepEqual([...new Set(recorded.map((r) => r.agent))].sort(), ['claude-code', 'codex', 'gemini-cli', 'omp', 'openclaw', 'opencode', 'pi']);
  });

  for (const { agent, version, file } of recorded) {
    it(`${agent} ${version} ${file}`, () => {
      const payload = JSON.parse(readFileSync(join(ROOT, agent, version, file), 'utf8')) as Record<string, unknown>;
      const native = file.split('.')[0]!;
      const event = normalizePayload(payload, { event: native });
      assert.equal(event.kind, canonicalEvent(native));
      assert.notEqual(event.kind, 'other', `${native} is a known event`);
      assert.ok(event.session === '<uuid>' || event.session?.startsWith('ses_'), `a session id: ${event.session}`);
      assert.equal(event.cwd, '<repo>');
      if (['pre-tool', 'post-tool', 'tool-failure'].includes(event.kind)) {
        assert.equal(event.tool?.name, payload.tool_name ?? payload.tool ?? payload.toolName);
        assert.ok(event.tool?.input, 'the tool input is kept');
        // OpenCode's plugin gets no output for MCP tools: only what was sent must be kept.
        const sent = payload.tool_response ?? payload.output;
        if (event.kind !== 'pre-tool' && sent !== undefined && sent !== '') assert.ok(event.tool?.output, 'the tool output is kept');
      }
      if (event.kind === 'user-prompt') {
        assert.ok(event.prompt && !event.prompt.includes('hook_context') && !event.prompt.includes('pending handoff'), `the prompt is the user's words only: ${event.prompt}`);
      }
    });
  }
});
