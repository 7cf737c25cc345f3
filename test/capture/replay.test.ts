import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { commitSubjects, fsck } from '../helpers/git.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const FIXTURES = join(import.meta.dirname, '../../../shared/fixtures/hooks');
const CLAUDE_SESSION = '5f0d2c7e-3b1a-4e8f-9c2d-7a6b1e4f8d90';
const CODEX_SESSION = '019e2a4b-7c1d-7e3f-9a8b-5c6d7e8f9a0b';
const PROMPT = 'Add a token-bucket rate limiter to the /v1/orders route and cover it with tests';

function fixture(agent: string, name: string, overrides: Record<string, unknown> = {}): string {
  const payload = JSON.parse(readFileSync(join(FIXTURES, agent, `${name}.json`), 'utf8')) as Record<string, unknown>;
  return JSON.stringify({ ...payload, ...overrides });
}

/** Runs the hook exactly as an installed agent config does: the CLI, the payload on stdin. */
async function hook(server: TestServer, agent: string, event: string, payload: string) {
  const result = await runCli(['hook', '--agent', agent, '--event', event, '--server-url', server.url], { input: payload });
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trim();
}

function additionalContext(stdout: string): string {
  return (JSON.parse(stdout) as { hookSpecificOutput: { additionalContext: string } }).hookSpecificOutput.additionalContext;
}

const project = (server: TestServer) => join(server.wikiDir, 'default/acme-api');

describe('capture: replaying real agent payloads through the hook command', () => {
  it('Claude Code session -> session page and handoff -> Codex is told where Claude left off, once', async () => {
    const server = await startTestServer();
    const order = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'PostToolUse.Edit', 'PostToolUse.mcp', 'PostToolUseFailure', 'PreCompact', 'PostCompact', 'SessionStart.compact', 'Stop', 'SubagentStop', 'SessionEnd'];
    for (const name of order) {
      const out = await hook(server, 'claude-code', name.split('.')[0]!, fixture('claude-code', name));
      if (name.startsWith('SessionStart')) assert.equal(out, '{}', 'nothing pending for the first session');
      else assert.equal(out, '', `${name} prints nothing`);
    }
    // Every event is in the raw log, normalized.
    const raw = (await readFile(join(server.dataDir, 'raw/default/acme-api', `${CLAUDE_SESSION}.jsonl`), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { record: string; kind: string });
    const kinds = raw.filter((r) => r.record === 'event').map((r) => r.kind);
    assert.deepEqual(kinds, ['session-start', 'user-prompt', 'pre-tool', 'post-tool', 'post-tool', 'post-tool', 'tool-failure', 'pre-compact', 'post-compact', 'session-start', 'stop', 'assistant-reply', 'subagent-stop', 'session-end']);
    // The Stop payload's last_assistant_message is kept as the turn's reply, redacted like a prompt.
    const reply = raw.find((r) => r.kind === 'assistant-reply') as unknown as { reply: string };
    assert.match(reply.reply, /^The limiter is in place and all 6 middleware tests pass\. One lint error remains/);

    const sessionPage = join(project(server), 'sessions', `${CLAUDE_SESSION}.md`);
    await waitFor(() => raw.length > 0 && existsSync(sessionPage) && readFileSync(sessionPage, 'utf8').includes('## Tool calls') && commitSubjects(server.wikiDir)[0]?.includes('ended'), 'the session page', 60_000);
    const page = readFileSync(sessionPage, 'utf8');
    assert.match(page, /^---\ntitle: Add a token-bucket rate limiter to the \/v1\/orders route and cover it with tests\n/);
    assert.match(page, /kind: session\ntier: episodic\nsession_id: 5f0d2c7e/);
    assert.match(page, /summary: 1 prompt, 4 completed tool calls across Bash, Edit and mcp__memory__memory_query/);
    assert.match(page, /- `Bash`: 2 \(1 failed\)/);
    assert.match(page, /- `src\/middleware\/rateLimit.ts`/);
    assert.match(page, /`npm run lint`: Exit code 1/);
    const handoffs = (await import('node:fs')).readdirSync(join(project(server), 'handoffs'));
    assert.equal(handoffs.length, 1);
    assert.match(readFileSync(join(project(server), 'handoffs', handoffs[0]!), 'utf8'), /state: open/);

    // Codex starts in the same directory and gets the handoff in its own format.
    const codex = await hook(server, 'codex', 'SessionStart', fixture('codex', 'SessionStart'));
    const context = additionalContext(codex);
    assert.match(context, /ai-memory: pending handoff/);
    assert.match(context, new RegExp(`Last request: ${PROMPT.replace(/[/.]/g, '\\$&')}`));
    assert.match(context, /Last reply: The limiter is in place and all 6 middleware tests pass/);
    // The failing lint run was never run again successfully: it is handed over with its error.
    assert.match(context, /\*\*Failures not fixed\*\*\n- `npm run lint` \(exit 1\) failed: .*'refill' is assigned a value but never used/);
    assert.match(context, /\*\*Files changed\*\*\n- `src\/middleware\/rateLimit.ts`/);
    assert.ok(context.indexOf('Where it stopped') < context.indexOf('Failures not fixed'), 'where it stopped comes first');
    assert.match(context, /from `claude-code`/);
    assert.match(readFileSync(join(project(server), 'handoffs', handoffs[0]!), 'utf8'), /state: accepted\n[\s\S]*accepted_by: codex/);

    // A second session start (Codex resuming) gets nothing: the handoff was delivered once.
    assert.equal(await hook(server, 'codex', 'SessionStart', fixture('codex', 'SessionStart.resume')), '{}');
    assert.equal(await hook(server, 'claude-code', 'SessionStart', fixture('claude-code', 'SessionStart.resume')), '{}');
    fsck(server.wikiDir);
  });

  it('gives a claimed handoff back when the session that took it does nothing', async () => {
    const server = await startTestServer();
    for (const name of ['SessionStart', 'UserPromptSubmit', 'PostToolUse', 'SessionEnd']) await hook(server, 'claude-code', name.split('.')[0]!, fixture('claude-code', name));
    await waitFor(() => existsSync(join(project(server), 'handoffs')), 'the handoff', 60_000);
    assert.match(await hook(server, 'codex', 'SessionStart', fixture('codex', 'SessionStart')), /pending handoff/);
    // That Codex session is abandoned without a prompt; the next one there gets the handoff.
    const next = await hook(server, 'codex', 'SessionStart', fixture('codex', 'SessionStart', { session_id: 'second-codex-session' }));
    assert.match(additionalContext(next), /Unanswered request: Add a token-bucket/);
  });

  it('Codex has no session end: its session closes when Claude Code starts there, and Claude gets the handoff', async () => {
    const server = await startTestServer();
    for (const name of ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'PostToolUse.apply_patch', 'PostToolUse.bash-failed', 'PostToolUse.mcp', 'PreCompact', 'PostCompact', 'Stop', 'SubagentStop']) {
      await hook(server, 'codex', name.split('.')[0]!, fixture('codex', name));
    }
    // The checkpoint before compaction already wrote the session page (no handoff yet).
    await waitFor(() => existsSync(join(project(server), 'sessions', `${CODEX_SESSION}.md`)), 'the pre-compaction checkpoint', 60_000);
    assert.equal(existsSync(join(project(server), 'handoffs')), false);

    const claude = await hook(server, 'claude-code', 'SessionStart', fixture('claude-code', 'SessionStart', { session_id: 'new-claude-session' }));
    const context = additionalContext(claude);
    assert.match(context, /from `codex`/);
    assert.match(context, /Last request: Add a token-bucket/);
    assert.match(context, /Last reply: The limiter is in place/);
    // Codex flags no failure: the lint summary in the output says it failed.
    assert.match(context, /- `npm run lint` failed: .*'refill' is assigned/);
    assert.match(context, /`src\/middleware\/rateLimit.ts`/);
    assert.match(readFileSync(join(project(server), 'sessions', `${CODEX_SESSION}.md`), 'utf8'), /- `Bash`: 2/);
  });

  it('prints {} on every Gemini CLI event (its stdout must be JSON) and the handoff on its SessionStart', async () => {
    const server = await startTestServer();
    const geminiPrompt = JSON.stringify({ session_id: 'g1', cwd: '/home/dev/src/acme-api', hook_event_name: 'BeforeAgent', timestamp: '2026-10-14T09:20:11.482Z', prompt: 'Explain the limiter' });
    assert.equal(await hook(server, 'gemini-cli', 'BeforeAgent', geminiPrompt), '{}');
    const end = JSON.stringify({ session_id: 'g1', cwd: '/home/dev/src/acme-api', hook_event_name: 'SessionEnd', reason: 'exit' });
    assert.equal(await hook(server, 'gemini-cli', 'SessionEnd', end), '{}');
    await waitFor(() => existsSync(join(project(server), 'handoffs')), 'the gemini handoff', 60_000);
    const start = JSON.stringify({ session_id: 'g2', cwd: '/home/dev/src/acme-api', hook_event_name: 'SessionStart', source: 'startup' });
    assert.match(additionalContext(await hook(server, 'gemini-cli', 'SessionStart', start)), /Unanswered request: Explain the limiter/);
  });

  it('Gemini CLI 0.61: the SessionStart context it prepends to the prompt as <hook_context> is not taken for the user\'s words', async () => {
    const server = await startTestServer();
    const base = { cwd: '/home/dev/src/acme-api', timestamp: '2026-10-14T09:20:11.482Z' };
    const send = (event: string, body: Record<string, unknown>) => hook(server, 'gemini-cli', event, JSON.stringify({ ...base, ...body, hook_event_name: event }));
    await send('SessionStart', { session_id: 'g1', source: 'startup' });
    await send('BeforeAgent', { session_id: 'g1', prompt: 'Add a per-account quota' });
    await send('AfterAgent', { session_id: 'g1', prompt: 'Add a per-account quota', prompt_response: 'Wrote src/quota.js.\n\nNext step: add the migration before deploying.\n\nOpen question: do quotas reset daily or monthly?', stop_hook_active: false });
    await send('SessionEnd', { session_id: 'g1', reason: 'exit' });
    await waitFor(() => existsSync(join(project(server), 'handoffs')), 'the first handoff', 60_000);

    const first = additionalContext(await send('SessionStart', { session_id: 'g2', source: 'startup' }));
    assert.match(first, /Next steps\*\*\n- Add the migration before deploying/);
    assert.match(first, /Open questions\*\*\n- Do quotas reset daily or monthly\?/);
    // Gemini reports the next prompt, in BeforeAgent and AfterAgent, with that context prepended.
    const prompt = `<hook_context>${first}</hook_context>\n\nWhat is left to do?`;
    await send('BeforeAgent', { session_id: 'g2', prompt });
    await send('AfterAgent', { session_id: 'g2', prompt, prompt_response: 'The migration is still missing. Should I write it now?', stop_hook_active: false });
    await send('SessionEnd', { session_id: 'g2', reason: 'exit' });
    await waitFor(() => existsSync(join(project(server), 'sessions', 'g2.md')) && commitSubjects(server.wikiDir)[0]?.includes('g2'), 'the second session page', 60_000);

    const raw = (await readFile(join(server.dataDir, 'raw/default/acme-api/g2.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { kind?: string; prompt?: string; reply?: string });
    assert.deepEqual(raw.filter((r) => r.prompt).map((r) => r.prompt), ['What is left to do?']);
    assert.deepEqual(raw.filter((r) => r.kind === 'assistant-reply').map((r) => r.reply), ['The migration is still missing. Should I write it now?']);
    // "What is left to do?" names no work: the session is titled after the handoff it picked up.
    assert.match(readFileSync(join(project(server), 'sessions', 'g2.md'), 'utf8'), /^---\ntitle: "Continued: Add a per-account quota"\n/);

    const second = additionalContext(await send('SessionStart', { session_id: 'g3', source: 'startup' }));
    assert.equal(second.split('ai-memory: pending handoff').length, 2, 'one handoff, not one nested in another');
    assert.match(second, /Last request: What is left to do\?/);
    assert.match(second, /Open questions\*\*\n- Should I write it now\?/);
    assert.doesNotMatch(second, /hook_context/);
  });
});
