import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { resolveProject } from '../../lib/client/resolve-project.js';
import { selectHandoff, type HandoffRecord } from '../../lib/core/capture/handoff.js';
import { normalizePayload } from '../../lib/core/capture/normalize.js';
import { eventScope } from '../../lib/services/capture/event-scope.js';
import { runCli } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const FIXTURES = join(import.meta.dirname, '../../../shared/fixtures/hooks');
const SESSION = '5f0d2c7e-3b1a-4e8f-9c2d-7a6b1e4f8d90';
const CWD = 'C:\\Users\\Dev\\src\\Acme-API';
const TRANSCRIPT = `C:\\Users\\Dev\\.claude\\projects\\C--Users-Dev-src-Acme-API\\${SESSION}.jsonl`;

/** A fixture as Claude Code sends it on native Windows: drive letters and backslashes. */
function windowsPayload(agent: string, name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const payload = JSON.parse(readFileSync(join(FIXTURES, agent, `${name}.json`), 'utf8')) as Record<string, unknown>;
  return { ...payload, cwd: CWD, transcript_path: TRANSCRIPT, ...overrides };
}

describe('Windows-shaped payloads', () => {
  it('normalize: the cwd is kept as sent, an edited file under it is listed relative with forward slashes', () => {
    const event = normalizePayload(windowsPayload('claude-code', 'PostToolUse.Edit', { tool_input: { file_path: 'c:\\users\\dev\\src\\acme-api\\src\\db.ts', old_string: 'a', new_string: 'b' } }), { event: 'PostToolUse' });
    assert.equal(event.cwd, CWD);
    assert.deepEqual(event.tool?.files, ['src/db.ts']);
  });

  it('project resolution: the folder name of a drive-letter or UNC cwd, whatever the OS parsing it; the drive root is scratch', () => {
    assert.deepEqual([resolveProject(CWD).project, resolveProject(CWD).source], ['Acme-API', 'cwd']);
    assert.equal(resolveProject('c:/users/dev/src/acme-api/').project, 'acme-api');
    assert.equal(resolveProject('\\\\nas\\share\\Billing').project, 'Billing');
    assert.equal(resolveProject('C:\\').project, 'scratch');
    // The server's fallback for a hook that sent only a cwd: one project whatever the case.
    assert.deepEqual(eventScope({}, CWD), eventScope({}, 'c:\\users\\dev\\src\\ACME-API\\'));
    assert.equal(eventScope({}, CWD).project, 'acme-api');
  });

  it('handoff selection: a subfolder with another drive-letter case is served, another drive or a sibling is not', () => {
    const handoff = { id: 'h1', state: 'open', manual: false, cwd: CWD, created: '2026-12-01T10:00:00Z', sessionId: 'old' } as HandoffRecord;
    assert.equal(selectHandoff([handoff], { cwd: 'c:\\users\\dev\\src\\acme-api\\web' })?.id, 'h1');
    assert.equal(selectHandoff([handoff], { cwd: 'C:/Users/Dev/src/Acme-API' })?.id, 'h1');
    assert.equal(selectHandoff([handoff], { cwd: 'D:\\Users\\Dev\\src\\Acme-API' }), null);
    assert.equal(selectHandoff([handoff], { cwd: 'C:\\Users\\Dev\\src\\Acme-API-old' }), null);
  });

  it('end to end through the hook command: one project, files relative, the handoff reaches the same folder spelled differently', async () => {
    const server: TestServer = await startTestServer();
    const hook = async (agent: string, event: string, payload: Record<string, unknown>) => {
      const result = await runCli(['hook', '--agent', agent, '--event', event, '--server-url', server.url], { input: JSON.stringify(payload) });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stderr, '');
      return result.stdout.trim();
    };
    await hook('claude-code', 'SessionStart', windowsPayload('claude-code', 'SessionStart'));
    await hook('claude-code', 'UserPromptSubmit', windowsPayload('claude-code', 'UserPromptSubmit'));
    await hook('claude-code', 'PostToolUse', windowsPayload('claude-code', 'PostToolUse.Edit', { tool_input: { file_path: `${CWD}\\src\\middleware\\rateLimit.ts`, old_string: 'a', new_string: 'b' } }));
    await hook('claude-code', 'SessionEnd', windowsPayload('claude-code', 'SessionEnd'));

    const project = join(server.wikiDir, 'default/acme-api');
    const sessionPage = join(project, 'sessions', `${SESSION}.md`);
    await waitFor(() => existsSync(sessionPage) && existsSync(join(project, 'handoffs')) && readdirSync(join(project, 'handoffs')).length > 0, 'the session page and handoff', 20_000);
    assert.match(readFileSync(sessionPage, 'utf8'), /`src\/middleware\/rateLimit\.ts`/);
    assert.deepEqual(readdirSync(join(server.wikiDir, 'default')).filter((d) => !d.startsWith('_')), ['acme-api'], 'no second project for another spelling');

    const codexStart = (cwd: string, id: string) => windowsPayload('codex', 'SessionStart', { cwd, session_id: id, transcript_path: `C:\\Users\\Dev\\.codex\\sessions\\${id}.jsonl` });
    assert.equal(await hook('codex', 'SessionStart', codexStart('D:\\mirror\\Acme-API', '019e2a4b-0000-7e3f-9a8b-000000000001')), '{}', 'another drive is another checkout');
    const delivered = await hook('codex', 'SessionStart', codexStart('c:\\users\\dev\\src\\acme-api\\', '019e2a4b-0000-7e3f-9a8b-000000000002'));
    assert.match((JSON.parse(delivered) as { hookSpecificOutput: { additionalContext: string } }).hookSpecificOutput.additionalContext, /ai-memory: pending handoff/);
  });
});
