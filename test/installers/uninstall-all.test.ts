import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { read, sandbox } from './helpers.js';

describe('uninstall --all', () => {
  it('takes out every hook, MCP entry and instruction block, in both scopes, and nothing else', async () => {
    const box = await sandbox();
    const env = { AI_MEMORY_AUTH_TOKEN: 'aim_all' };
    // Files the user already had, including Gemini's settings.json that gets both hooks and MCP.
    const existing: Record<string, string> = {
      [join(box.home, '.gemini/settings.json')]: '{\n  "theme": "GitHub",\n  "mcpServers": {\n    "github": {\n      "command": "gh-mcp"\n    }\n  }\n}\n',
      [join(box.home, '.claude/settings.json')]: '{\n  "model": "opus"\n}\n',
      [join(box.home, '.claude.json')]: '{\n  "numStartups": 3\n}\n',
      [join(box.home, '.codex/config.toml')]: '# mine\nmodel = "gpt-5.1-codex" # pinned\n',
      [join(box.project, 'CLAUDE.md')]: '# Project rules\n',
    };
    for (const [path, text] of Object.entries(existing)) box.write(path, text);

    for (const agent of ['claude-code', 'codex', 'gemini-cli', 'cursor', 'opencode', 'antigravity']) {
      await box.run(['install-hooks', '--agent', agent, '--apply'], env);
      await box.run(['install-hooks', '--agent', agent, '--scope', 'project', '--apply'], env);
    }
    // OpenClaw has one config, no project scope: its plugin entry and its MCP server share openclaw.json.
    await box.run(['install-hooks', '--agent', 'openclaw', '--apply'], env);
    for (const client of ['claude-code', 'codex', 'gemini-cli', 'cursor', 'opencode', 'claude-desktop', 'antigravity', 'openclaw', 'omp']) await box.run(['install-mcp', '--client', client, '--apply'], env);
    await box.run(['install-mcp', '--client', 'cursor', '--scope', 'project', '--apply'], env);
    await box.run(['install-instructions', '--apply']);
    const created = [
      '.claude/settings.local.json', '.codex/hooks.json', '.gemini/settings.json', '.cursor/hooks.json', '.opencode/plugins/ai-memory.js', '.agents/hooks.json', '.cursor/mcp.json',
    ].map((p) => join(box.project, p));
    const createdAtHome = ['.codex/hooks.json', '.cursor/hooks.json', '.cursor/mcp.json', '.config/opencode/plugins/ai-memory.js', '.config/opencode/opencode.json', '.gemini/config/hooks.json', '.gemini/config/mcp_config.json', '.openclaw/openclaw.json', '.omp/agent/mcp.json', '.config/Claude/claude_desktop_config.json'].map((p) => join(box.home, p));
    for (const path of [...created, ...createdAtHome]) assert.ok(existsSync(path), `${path} was installed`);
    assert.match(read(join(box.project, 'CLAUDE.md')), /ai-memory:begin/);

    const dry = await box.run(['uninstall', '--all', '--json']);
    assert.ok((JSON.parse(dry.stdout) as { changes: unknown[] }).changes.length >= 20);
    assert.ok(existsSync(created[0]!), 'the dry run removes nothing');

    await box.run(['uninstall', '--all', '--apply']);
    for (const [path, text] of Object.entries(existing)) assert.equal(read(path), text, `${path} is back to the original`);
    for (const path of [...created, ...createdAtHome]) assert.equal(existsSync(path), false, `${path} is gone`);
    const again = await box.run(['uninstall', '--all', '--apply', '--json']);
    assert.ok((JSON.parse(again.stdout) as { changes: Array<{ action: string }> }).changes.every((c) => c.action === 'unchanged'));
    // Said in words, not as "already up to date" (or, with nothing at all, a blank line).
    assert.match((await box.run(['uninstall', '--all', '--apply'])).stdout, /^unchanged  .*\.claude\.json \(claude-code MCP server: no ai-memory entries\)$/m);
    const empty = await sandbox();
    assert.equal((await empty.run(['uninstall', '--all', '--apply'])).stdout, 'Nothing to remove: no ai-memory entries were found.\n');
  });

  it('asks what to remove', async () => {
    const box = await sandbox();
    const { runCli } = await import('../helpers/cli.js');
    const result = await runCli(['uninstall', '--apply'], { env: box.env, cwd: box.project });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--agent A, --client C, --instructions, or --all/);
  });
});
