import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { normalizePayload } from '../../lib/core/capture/normalize.js';

const FIXTURES = join(import.meta.dirname, '../../../shared/fixtures/hooks');
const manifest = JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8')) as {
  fixtures: Array<{ file: string; canonical_event: string; session_id: string; cwd: string; tool_name: string | null; tool_output_field: string | null; prompt: string | null }>;
};

// The manifest's canonical names, in our vocabulary.
const KIND: Record<string, string> = {
  'session-start': 'session-start',
  'user-prompt': 'user-prompt',
  'pre-tool': 'pre-tool',
  'post-tool': 'post-tool',
  'post-tool-failure': 'tool-failure',
  'pre-compact': 'pre-compact',
  'post-compact': 'post-compact',
  stop: 'stop',
  'subagent-stop': 'subagent-stop',
  'session-end': 'session-end',
};

describe('normalizing every fixture payload', () => {
  for (const fixture of manifest.fixtures) {
    it(fixture.file, () => {
      const payload = JSON.parse(readFileSync(join(FIXTURES, fixture.file), 'utf8')) as Record<string, unknown>;
      const event = normalizePayload(payload, { event: String(payload.hook_event_name) });
      assert.equal(event.kind, KIND[fixture.canonical_event], 'canonical event');
      assert.equal(event.session, fixture.session_id);
      assert.equal(event.cwd, fixture.cwd);
      if (fixture.tool_name) assert.equal(event.tool?.name, fixture.tool_name);
      if (fixture.prompt) assert.equal(event.prompt, fixture.prompt);
      if (fixture.tool_output_field === 'tool_response' && event.kind === 'post-tool') {
        assert.ok(event.tool?.output && event.tool.output.length > 0, 'tool output captured whatever its shape');
        assert.doesNotMatch(event.tool.output, /^\[object Object\]$/);
      }
    });
  }
});

describe('tool output of every shape', () => {
  const post = (tool_response: unknown, extra: Record<string, unknown> = {}) =>
    normalizePayload({ hook_event_name: 'PostToolUse', session_id: 's', tool_name: 'T', tool_input: { command: 'x' }, tool_response, ...extra }).tool!;

  it('reads a Claude Bash object, a Codex string, an MCP result and content blocks', () => {
    assert.equal(post({ stdout: 'ok out', stderr: 'warn', interrupted: false }).output, 'ok out\nwarn');
    assert.equal(post('plain string output').output, 'plain string output');
    assert.equal(post({ content: [{ type: 'text', text: 'mcp text' }], isError: false }).output, 'mcp text');
    assert.equal(post([{ type: 'text', text: 'block one' }, { type: 'text', text: 'block two' }]).output, 'block one\nblock two');
    assert.equal(post({ content: [{ type: 'text', text: 'boom' }], isError: true }).failed, true);
  });

  it("reads Gemini's llmContent as a string or as parts, and its error", () => {
    assert.equal(post({ llmContent: 'Output: 6 passed', returnDisplay: '6 passed' }).output, 'Output: 6 passed');
    assert.equal(post({ llmContent: [{ text: 'part a' }, { text: 'part b' }], returnDisplay: '' }).output, 'part a\npart b');
    const failed = post({ llmContent: '', returnDisplay: '', error: { message: 'Exit Code: 1' } });
    assert.equal(failed.failed, true);
    assert.equal(failed.output, 'Exit Code: 1');
  });

  it('records "no output" when there is no tool_response, and never reads tool_output', () => {
    const tool = post(undefined, { tool_output: 'must not be used' });
    assert.equal(tool.output, undefined);
    assert.equal(tool.failed, undefined);
  });

  it('finds files touched in edits and in Codex patches, relative to the cwd', () => {
    const edit = normalizePayload({ hook_event_name: 'PostToolUse', cwd: '/r', tool_name: 'Edit', tool_input: { file_path: '/r/src/a.ts' }, tool_response: { filePath: '/r/src/a.ts', success: true } });
    assert.deepEqual(edit.tool!.files, ['src/a.ts']);
    const patch = normalizePayload({ hook_event_name: 'PostToolUse', cwd: '/r', tool_name: 'apply_patch', tool_input: { command: '*** Begin Patch\n*** Update File: src/b.ts\n*** Add File: src/c.ts\n*** End Patch\n' }, tool_response: 'Success' });
    assert.deepEqual(patch.tool!.files, ['src/b.ts', 'src/c.ts']);
  });
});

describe('other agents and odd payloads', () => {
  it('reads Cursor (conversation_id, workspace_roots) and OpenCode (sessionID, parts)', () => {
    const cursor = normalizePayload({ hook_event_name: 'beforeSubmitPrompt', conversation_id: 'c1', workspace_roots: ['/w/app'], prompt: 'hi there', cursor_version: '3.2' });
    assert.deepEqual([cursor.kind, cursor.session, cursor.cwd, cursor.prompt], ['user-prompt', 'c1', '/w/app', 'hi there']);
    const opencode = normalizePayload({ sessionID: 'ses_1', directory: '/w/app', parts: [{ type: 'text', text: 'from opencode' }] }, { event: 'chat.message' });
    assert.deepEqual([opencode.kind, opencode.session, opencode.prompt], ['user-prompt', 'ses_1', 'from opencode']);
  });

  it('keeps unknown events as "other" and survives wrong types', () => {
    const unknown = normalizePayload({ hook_event_name: 'TeammateIdle', session_id: 's' });
    assert.deepEqual([unknown.kind, unknown.native], ['other', 'TeammateIdle']);
    const odd = normalizePayload({ hook_event_name: 'PostToolUse', session_id: 42, cwd: ['x'], tool_name: 'T', tool_response: 12345, prompt: { nested: true } });
    assert.equal(odd.session, null);
    assert.equal(odd.cwd, null);
    assert.equal(odd.tool!.output, '12345');
    for (const garbage of [null, 'text', 42, [1, 2]]) assert.equal(normalizePayload(garbage, { event: 'Stop' }).kind, 'stop');
  });
});
