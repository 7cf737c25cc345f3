import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { parse as parseToml } from 'smol-toml';
import { isAiMemoryCommand } from '../../lib/client/installers/command-line.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { read, sandbox, type Sandbox } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '../../../shared/fixtures/hooks');
const CLAUDE_SESSION = '5f0d2c7e-3b1a-4e8f-9c2d-7a6b1e4f8d90';
const fixture = (agent: string, name: string) => readFileSync(join(FIXTURES, agent, `${name}.json`), 'utf8');

type Nested = { hooks: Record<string, Array<{ hooks: Array<{ command: string }> }>> };

/** The command ai-memory installed for `event`, read back out of the agent's config. */
function installedCommand(config: Nested, event: string): string {
  const commands = (config.hooks[event] ?? []).flatMap((g) => g.hooks.map((h) => h.command)).filter(isAiMemoryCommand);
  assert.equal(commands.length, 1, `one ai-memory hook for ${event}`);
  return commands[0]!;
}

/** Runs a hook command the way the agent does: through the shell, payload on stdin. */
function runAsAgent(command: string, payload: string, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('sh', ['-c', command], { cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} failed: ${stderr}`));
      else resolve(stdout.trim());
    });
    // A hook that exits without reading its payload (node missing) closes the pipe early.
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(payload);
  });
}

async function installFor(box: Sandbox, server: TestServer, agent: string, file: string): Promise<Nested> {
  await box.run(['install-hooks', '--agent', agent, '--apply'], { AI_MEMORY_SERVER_URL: server.url });
  return JSON.parse(read(join(box.home, file))) as Nested;
}

describe('installed hooks, end to end', () => {
  it('Claude Code session through its installed hooks -> session page and handoff -> Codex, through its own, is told', async () => {
    const server = await startTestServer();
    const box = await sandbox();
    const claude = await installFor(box, server, 'claude-code', '.claude/settings.json');
    const codex = await installFor(box, server, 'codex', '.codex/hooks.json');

    for (const name of ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'PostToolUse.Edit', 'PostToolUse.mcp', 'PostToolUseFailure', 'PreCompact', 'PostCompact', 'Stop', 'SubagentStop', 'SessionEnd']) {
      const out = await runAsAgent(installedCommand(claude, name.split('.')[0]!), fixture('claude-code', name), box.project);
      assert.equal(out, name === 'SessionStart' ? '{}' : '', `${name} output`);
    }
    const project = join(server.wikiDir, 'default/acme-api');
    const sessionPage = join(project, 'sessions', `${CLAUDE_SESSION}.md`);
    await waitFor(() => existsSync(sessionPage) && readFileSync(sessionPage, 'utf8').includes('## Tool calls') && existsSync(join(project, 'handoffs')), 'the session page and the handoff');
    assert.match(readFileSync(sessionPage, 'utf8'), /summary: 1 prompt, 4 completed tool calls/);
    const handoffs = readdirSync(join(project, 'handoffs'));
    assert.equal(handoffs.length, 1);

    const start = installedCommand(codex, 'SessionStart');
    const told = JSON.parse(await runAsAgent(start, fixture('codex', 'SessionStart'), box.project)) as { hookSpecificOutput: { additionalContext: string } };
    assert.match(told.hookSpecificOutput.additionalContext, /ai-memory: pending handoff/);
    assert.match(told.hookSpecificOutput.additionalContext, /from `claude-code`/);
    assert.equal(await runAsAgent(start, fixture('codex', 'SessionStart.resume'), box.project), '{}', 'delivered once');
    // Codex's capture events through its installed commands land in its own raw log.
    for (const name of ['UserPromptSubmit', 'PostToolUse', 'Stop']) assert.equal(await runAsAgent(installedCommand(codex, name), fixture('codex', name), box.project), '');
    const codexSession = (JSON.parse(fixture('codex', 'SessionStart')) as { session_id: string }).session_id;
    const raw = readFileSync(join(server.dataDir, 'raw/default/acme-api', `${codexSession}.jsonl`), 'utf8');
    assert.match(raw, /"kind":"user-prompt"/);
    assert.match(raw, /"kind":"post-tool"/);
  });

  it('the OpenCode plugin feeds the same pipeline and injects the handoff into the system prompt', async () => {
    const server = await startTestServer();
    const box = await sandbox();
    await box.run(['install-hooks', '--agent', 'opencode', '--apply'], { AI_MEMORY_SERVER_URL: server.url });
    const pluginPath = join(box.home, '.config/opencode/plugins/ai-memory.js');
    type Hooks = Record<string, (input: unknown, output?: unknown) => Promise<void>>;
    const load = async (): Promise<Hooks> => {
      const module = (await import(`${pluginPath}?${Date.now()}`)) as { AiMemoryPlugin: (ctx: { directory: string }) => Promise<Hooks> };
      return module.AiMemoryPlugin({ directory: box.project });
    };
    const first = await load();
    const system: string[] = [];
    await first['experimental.chat.system.transform']!({ sessionID: 'ses_one' }, { system });
    assert.deepEqual(system, [], 'nothing pending yet');
    await first['chat.message']!({ sessionID: 'ses_one' }, { parts: [{ type: 'text', text: 'Add pagination to the orders list' }] });
    await first['tool.execute.after']!({ tool: 'bash', sessionID: 'ses_one', callID: 'c1', args: { command: 'npm test' } }, { title: 'npm test', output: '6 passed', metadata: {} });
    await first['tool.execute.after']!({ tool: 'bash', sessionID: 'ses_one', callID: 'c2', args: { command: 'npm run e2e' } }, { title: 'npm run e2e', output: 'Timeout waiting for #orders-next', metadata: { exit: 1 } });
    // The assistant's text arrives as bus events; the plugin sends it as the turn's reply when the session goes idle.
    await first.event!({ event: { type: 'message.updated', properties: { info: { id: 'msg_a', sessionID: 'ses_one', role: 'assistant' } } } });
    await first.event!({ event: { type: 'message.part.updated', properties: { part: { id: 'p1', messageID: 'msg_a', sessionID: 'ses_one', type: 'text', text: 'Pagination works. Next step: ' } } } });
    await first.event!({ event: { type: 'message.part.updated', properties: { part: { id: 'p1', messageID: 'msg_a', sessionID: 'ses_one', type: 'text', text: 'Pagination works. Next step: fix the e2e timeout on the next-page button.' } } } });
    await first.event!({ event: { type: 'session.idle', properties: { sessionID: 'ses_one' } } });
    await first.event!({ event: { type: 'session.deleted', properties: { info: { id: 'ses_one' } } } });
    const project = join(server.wikiDir, 'default', (await import('node:path')).basename(box.project));
    await waitFor(() => existsSync(join(project, 'sessions/ses_one.md')) && existsSync(join(project, 'handoffs')), 'the OpenCode session page and handoff', 30_000);
    assert.match(read(join(project, 'sessions/ses_one.md')), /Add pagination to the orders list/);

    const second = await load();
    const next: string[] = [];
    await second['experimental.chat.system.transform']!({ sessionID: 'ses_two' }, { system: next });
    assert.equal(next.length, 1);
    assert.match(next[0]!, /ai-memory: pending handoff[\s\S]*Add pagination/);
    assert.match(next[0]!, /\*\*Next steps\*\*\n- Fix the e2e timeout on the next-page button\./);
    assert.match(next[0]!, /\*\*Failures not fixed\*\*\n- `npm run e2e` \(exit 1\) failed: Timeout waiting for #orders-next/);
    // Every request of the session rebuilds its system prompt (OpenCode's title generator's comes
    // first): each gets the handoff, claimed once (test/agents/real-agents.test.ts checks that).
    const later: string[] = [];
    await second['experimental.chat.system.transform']!({ sessionID: 'ses_two' }, { system: later });
    assert.deepEqual(later, next, 'the same handoff in the next request of the session');
  });

  it('the hooks/<agent> sh scripts, installed with --scripts, forward the event and always exit 0', async () => {
    const server = await startTestServer();
    const box = await sandbox();
    await box.run(['install-hooks', '--agent', 'gemini-cli', '--scripts', '--apply'], { AI_MEMORY_SERVER_URL: server.url });
    const config = JSON.parse(read(join(box.home, '.gemini/settings.json'))) as Nested;
    const command = installedCommand(config, 'SessionStart');
    assert.match(command, /hooks\/gemini-cli\/ai-memory-hook\.sh" SessionStart --server-url /);
    const payload = JSON.stringify({ session_id: 'g-1', cwd: box.project, hook_event_name: 'SessionStart', source: 'startup' });
    assert.equal(await runAsAgent(command, payload, box.project), '{}', 'Gemini gets JSON even with nothing pending');
    const raw = join(server.dataDir, 'raw/default', (await import('node:path')).basename(box.project), 'g-1.jsonl');
    await waitFor(() => existsSync(raw), 'the captured event');
    // Server gone, node missing: still exit 0, the agent is never blocked.
    await server.stop();
    assert.equal(await runAsAgent(command, payload, box.project), '{}');
    assert.equal(await runAsAgent(`AI_MEMORY_NODE=/nonexistent/node ${command}`, payload, box.project), '');
  });

  it('install-mcp entries, read back from each config, reach a token-protected server through the official SDK', async () => {
    const token = 'aim_e2e_token_0123456789';
    const server = await startTestServer({ authToken: token });
    const box = await sandbox();
    const env = { AI_MEMORY_SERVER_URL: server.url, AI_MEMORY_AUTH_TOKEN: token };
    const entries: Record<string, { url: string; headers: Record<string, string> }> = {};
    for (const client of ['claude-code', 'codex', 'gemini-cli', 'cursor']) await box.run(['install-mcp', '--client', client, '--apply'], env);
    const claude = (JSON.parse(read(join(box.home, '.claude.json'))) as { mcpServers: Record<string, { type: string; url: string; headers: Record<string, string> }> }).mcpServers['ai-memory']!;
    assert.equal(claude.type, 'http');
    entries['claude-code'] = claude;
    const codex = (parseToml(read(join(box.home, '.codex/config.toml'))) as { mcp_servers: Record<string, { url: string; http_headers: Record<string, string> }> }).mcp_servers['ai-memory']!;
    entries.codex = { url: codex.url, headers: codex.http_headers };
    const gemini = (JSON.parse(read(join(box.home, '.gemini/settings.json'))) as { mcpServers: Record<string, { httpUrl: string; headers: Record<string, string> }> }).mcpServers['ai-memory']!;
    entries['gemini-cli'] = { url: gemini.httpUrl, headers: gemini.headers };
    entries.cursor = (JSON.parse(read(join(box.home, '.cursor/mcp.json'))) as { mcpServers: Record<string, { url: string; headers: Record<string, string> }> }).mcpServers['ai-memory']!;

    for (const [client, { url, headers }] of Object.entries(entries)) {
      const sdk = new Client({ name: `as-${client}`, version: '1.0.0' });
      await sdk.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { ...headers } } }));
      try {
        const tools = (await sdk.listTools()).tools.map((t) => t.name);
        assert.ok(tools.includes('memory_query') && tools.includes('memory_handoff_accept'), client);
      } finally {
        await sdk.close();
      }
    }
    // The header is what opens the door.
    const bare = new Client({ name: 'no-token', version: '1.0.0' });
    await assert.rejects(bare.connect(new StreamableHTTPClientTransport(new URL(entries.cursor!.url))));
  });
});
