import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderPendingHandoff } from '../../lib/core/capture/handoff.js';
import { stripInjectedContext } from '../../lib/core/capture/injected-context.js';
import { normalizePayload } from '../../lib/core/capture/normalize.js';

const block = renderPendingHandoff({ id: '20261125-101500-ab12cd', state: 'accepted', created: '2026-11-25T10:15:00.000Z', manual: false, summary: 'Session focused on: quotas.', nextSteps: ['Add the migration'], openQuestions: [], filesTouched: ['src/quota.js'] });

describe('injected context is never taken for the user\'s words', () => {
  it('Gemini CLI 0.61: BeforeAgent and AfterAgent carry the prompt behind <hook_context>', () => {
    const prompt = `<hook_context>${block}</hook_context>\n\nWhat is left to do?`;
    const before = normalizePayload({ session_id: 'g', cwd: '/r', hook_event_name: 'BeforeAgent', timestamp: '2026-10-14T09:20:11.482Z', prompt });
    assert.equal(before.kind, 'user-prompt');
    assert.equal(before.prompt, 'What is left to do?');
    const after = normalizePayload({ session_id: 'g', cwd: '/r', hook_event_name: 'AfterAgent', prompt, prompt_response: 'The migration. Shall I write it?', stop_hook_active: false });
    assert.equal(after.kind, 'stop');
    assert.equal(after.prompt, undefined);
    assert.equal(after.reply, 'The migration. Shall I write it?');
  });

  it('removes our own block pasted or echoed anywhere, and any <hook_context>, even unclosed', () => {
    assert.equal(stripInjectedContext(`${block}\n\nContinue please`), 'Continue please');
    assert.equal(stripInjectedContext(`Before\n${block}\nAfter`), 'Before\n\nAfter');
    assert.equal(stripInjectedContext('<hook_context>a</hook_context>x<HOOK_CONTEXT>b</hook_context>y'), 'xy');
    assert.equal(stripInjectedContext('fix it <hook_context>cut off by the agent'), 'fix it');
    assert.equal(stripInjectedContext('a prompt about hook_context tags'), 'a prompt about hook_context tags');
  });

  it('a prompt that was only injected context is no prompt at all', () => {
    const only = normalizePayload({ session_id: 'g', hook_event_name: 'BeforeAgent', prompt: `<hook_context>${block}</hook_context>` });
    assert.equal(only.prompt, undefined);
  });
});

describe('replies and tool outcomes at capture', () => {
  it('Claude Code and Codex Stop: last_assistant_message is the reply, redacted', () => {
    const stop = normalizePayload({ session_id: 's', hook_event_name: 'Stop', last_assistant_message: 'Set OPENAI key sk-abcdefghijklmnopqrstuvwx in .env. Next step: deploy.' });
    assert.equal(stop.kind, 'stop');
    assert.equal(stop.reply, 'Set OPENAI key [REDACTED] in .env. Next step: deploy.');
    assert.equal(normalizePayload({ session_id: 's', hook_event_name: 'Stop', last_assistant_message: null }).reply, undefined);
  });

  it('exit codes and error excerpts: Claude "Exit code N", Gemini "Exit Code: N", OpenCode metadata.exit', () => {
    const claude = normalizePayload({ session_id: 's', hook_event_name: 'PostToolUseFailure', tool_name: 'Bash', tool_input: { command: 'npm run lint' }, error: "Exit code 1\n/src/a.ts\n  12:7  error  'refill' is assigned a value but never used" }).tool!;
    assert.deepEqual([claude.failed, claude.exit_code], [true, 1]);
    assert.match(claude.error!, /'refill' is assigned a value but never used/);
    const gemini = normalizePayload({ session_id: 's', hook_event_name: 'AfterTool', tool_name: 'run_shell_command', tool_input: { command: 'pytest' }, tool_response: { llmContent: 'Command: pytest\nOutput: E   AssertionError: 2 != 3\n1 failed, 4 passed\nExit Code: 1', returnDisplay: '' } }).tool!;
    assert.deepEqual([gemini.failed, gemini.exit_code], [true, 1]);
    assert.match(gemini.error!, /AssertionError: 2 != 3/);
    const opencode = normalizePayload({ sessionID: 's', tool: 'bash', args: { command: 'cargo build' }, output: 'error[E0308]: mismatched types', metadata: { exit: 101 } }, { event: 'tool.execute.after' }).tool!;
    assert.deepEqual([opencode.failed, opencode.exit_code], [true, 101]);
    const ok = normalizePayload({ sessionID: 's', tool: 'bash', args: { command: 'ls' }, output: 'a b', metadata: { exit: 0 } }, { event: 'tool.execute.after' }).tool!;
    assert.deepEqual([ok.failed, ok.exit_code, ok.error], [undefined, 0, undefined]);
  });

  it('Codex sends a failed command as plain output: its failure markers say so, a passing run does not', () => {
    const failed = normalizePayload({ session_id: 's', hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'npm run lint' }, tool_response: "src/a.ts\n  12:7  error  'refill' is assigned\n\n✖ 1 problem (1 error, 0 warnings)\n" }).tool!;
    assert.equal(failed.failed, true);
    const passed = normalizePayload({ session_id: 's', hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'npm test' }, tool_response: 'Tests  6 passed (6)\n 0 failed' }).tool!;
    assert.equal(passed.failed, undefined);
    // Only shell output is read this way: a file that mentions "npm ERR!" is not a failure.
    const read = normalizePayload({ session_id: 's', hook_event_name: 'PostToolUse', tool_name: 'Read', tool_input: { file_path: '/r/NOTES.md' }, tool_response: 'npm ERR! is what you see when' }).tool!;
    assert.equal(read.failed, undefined);
  });
});
