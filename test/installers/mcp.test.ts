import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse as parseToml } from 'smol-toml';
import { assertInstallCycle, read, sandbox } from './helpers.js';

const ENV = { AI_MEMORY_SERVER_URL: 'http://127.0.0.1:49999', AI_MEMORY_AUTH_TOKEN: 'aim_tok_123' };
const URL_ = 'http://127.0.0.1:49999/mcp';
const AUTH = { Authorization: 'Bearer aim_tok_123' };

// ~/.claude.json as Claude Code writes it: much unrelated state, user MCP servers, project state.
const CLAUDE_JSON = `{
  "numStartups": 42,
  "theme": "dark",
  "mcpServers": {
    "playwright": {
      "type": "stdio",
      "command": "npx",
      "args": [
        "@playwright/mcp@latest"
      ],
      "env": {}
    }
  },
  "projects": {
    "/home/dev/src/acme-api": {
      "allowedTools": [],
      "mcpServers": {
        "postgres": {
          "type": "stdio",
          "command": "pg-mcp"
        }
      }
    }
  }
}
`;

const CODEX_TOML = `# Codex configuration
model = "gpt-5.1-codex"   # the default model
approval_policy = "on-request"

[mcp_servers.context7]
command = "npx"
args = ["-y", "@upstash/context7-mcp"]
# keep this one enabled
enabled = true

[projects."/home/dev/src/acme-api"]
trust_level = "trusted"
`;

const CURSOR_MCP = `{
  "mcpServers": {
    "linear": {
      "url": "https://mcp.linear.app/sse"
    }
  }
}
`;

const OPENCODE_JSON = `{
  "$schema": "https://opencode.ai/config.json",
  "theme": "tokyonight",
  "mcp": {
    "sentry": {
      "type": "remote",
      "url": "https://mcp.sentry.dev/mcp",
      "enabled": true
    }
  }
}
`;

const DESKTOP_JSON = `{
  "mcpServers": {
    "filesystem": {
      "command": "npx",
      "args": [
        "-y",
        "@modelcontextprotocol/server-filesystem",
        "/Users/dev/Documents"
      ]
    }
  },
  "globalShortcut": "Ctrl+Space"
}
`;

type Servers = Record<string, Record<string, unknown>>;

describe('install-mcp: every client, on realistic existing configs', () => {
  it('Claude Code: a type "http" entry in ~/.claude.json, every other key kept', async () => {
    const box = await sandbox();
    const path = box.write(join(box.home, '.claude.json'), CLAUDE_JSON);
    const cycle = (args: string[]) => box.run(args, ENV);
    const text = await assertInstallCycle({ ...box, run: cycle }, path, ['install-mcp', '--client', 'claude-code'], ['uninstall', '--client', 'claude-code']);
    const doc = JSON.parse(text) as { mcpServers: Servers; projects: unknown; numStartups: number };
    assert.deepEqual(doc.mcpServers['ai-memory'], { type: 'http', url: URL_, headers: AUTH });
    assert.deepEqual(Object.keys(doc.mcpServers), ['playwright', 'ai-memory']);
    assert.deepEqual(doc.projects, JSON.parse(CLAUDE_JSON).projects);
    assert.equal(doc.numStartups, 42);
  });

  it('Claude Code project scope: .mcp.json, created and removed; no token means no header', async () => {
    const box = await sandbox();
    const text = await assertInstallCycle(box, join(box.project, '.mcp.json'), ['install-mcp', '--client', 'claude-code', '--scope', 'project'], ['uninstall', '--client', 'claude-code', '--scope', 'project'], { created: true });
    assert.deepEqual(JSON.parse(text), { mcpServers: { 'ai-memory': { type: 'http', url: 'http://127.0.0.1:49374/mcp' } } });
  });

  it('Codex: a marked TOML block; comments and the other servers stay byte for byte', async () => {
    const box = await sandbox();
    const path = box.write(join(box.home, '.codex/config.toml'), CODEX_TOML);
    const text = await assertInstallCycle({ ...box, run: (args) => box.run(args, ENV) }, path, ['install-mcp', '--client', 'codex'], ['uninstall', '--client', 'codex']);
    assert.ok(text.startsWith(CODEX_TOML), 'the original text is untouched');
    const doc = parseToml(text) as { mcp_servers: Servers; model: string };
    assert.deepEqual(JSON.parse(JSON.stringify(doc.mcp_servers['ai-memory'])), { url: URL_, default_tools_approval_mode: 'approve', http_headers: AUTH });
    assert.equal(doc.mcp_servers.context7!.command, 'npx');
    assert.equal(doc.model, 'gpt-5.1-codex');
    // A new URL replaces the block in place.
    await box.run(['install-mcp', '--client', 'codex', '--apply', '--server-url', 'http://127.0.0.1:50000/'], ENV);
    const moved = parseToml(read(path)) as { mcp_servers: Servers };
    assert.equal(moved.mcp_servers['ai-memory']!.url, 'http://127.0.0.1:50000/mcp');
    assert.equal(read(path).match(/ai-memory \(managed/g)!.length, 1);
  });

  it('Codex: refuses when the user already defined the server by hand', async () => {
    const box = await sandbox();
    const own = `${CODEX_TOML}\n[mcp_servers.ai-memory]\nurl = "http://elsewhere/mcp"\n`;
    const path = box.write(join(box.home, '.codex/config.toml'), own);
    const { runCli } = await import('../helpers/cli.js');
    const result = await runCli(['install-mcp', '--client', 'codex', '--apply'], { env: box.env, cwd: box.project });
    assert.equal(result.code, 5);
    assert.match(result.stderr, /already defines \[mcp_servers.ai-memory\]/);
    assert.equal(read(path), own);
  });

  it('Gemini CLI: httpUrl + headers in settings.json', async () => {
    const box = await sandbox();
    const path = box.write(join(box.home, '.gemini/settings.json'), '{\n  "theme": "GitHub",\n  "mcpServers": {\n    "github": {\n      "command": "github-mcp-server"\n    }\n  }\n}\n');
    const text = await assertInstallCycle({ ...box, run: (args) => box.run(args, ENV) }, path, ['install-mcp', '--client', 'gemini-cli'], ['uninstall', '--client', 'gemini-cli']);
    assert.deepEqual((JSON.parse(text) as { mcpServers: Servers }).mcpServers['ai-memory'], { httpUrl: URL_, headers: AUTH });
  });

  it('Cursor: url + headers in ~/.cursor/mcp.json', async () => {
    const box = await sandbox();
    const path = box.write(join(box.home, '.cursor/mcp.json'), CURSOR_MCP);
    const text = await assertInstallCycle({ ...box, run: (args) => box.run(args, ENV) }, path, ['install-mcp', '--client', 'cursor'], ['uninstall', '--client', 'cursor']);
    const servers = (JSON.parse(text) as { mcpServers: Servers }).mcpServers;
    assert.deepEqual(servers['ai-memory'], { url: URL_, headers: AUTH });
    assert.deepEqual(servers.linear, { url: 'https://mcp.linear.app/sse' });
  });

  it('OpenCode: a remote entry under mcp in opencode.json', async () => {
    const box = await sandbox();
    const path = box.write(join(box.home, '.config/opencode/opencode.json'), OPENCODE_JSON);
    const text = await assertInstallCycle({ ...box, run: (args) => box.run(args, ENV) }, path, ['install-mcp', '--client', 'opencode'], ['uninstall', '--client', 'opencode']);
    const doc = JSON.parse(text) as { mcp: Servers; theme: string };
    assert.deepEqual(doc.mcp['ai-memory'], { type: 'remote', url: URL_, enabled: true, oauth: false, headers: AUTH });
    assert.equal(doc.mcp.sentry!.url, 'https://mcp.sentry.dev/mcp');
  });

  it('Claude Desktop: npx mcp-remote with the header through an env var', async () => {
    const box = await sandbox();
    const path = box.write(join(box.home, '.config/Claude/claude_desktop_config.json'), DESKTOP_JSON);
    const text = await assertInstallCycle({ ...box, run: (args) => box.run(args, ENV) }, path, ['install-mcp', '--client', 'claude-desktop'], ['uninstall', '--client', 'claude-desktop']);
    const doc = JSON.parse(text) as { mcpServers: Servers; globalShortcut: string };
    assert.deepEqual(doc.mcpServers['ai-memory'], {
      command: 'npx',
      args: ['-y', 'mcp-remote', URL_, '--header', 'Authorization:${AI_MEMORY_AUTH_HEADER}'],
      env: { AI_MEMORY_AUTH_HEADER: 'Bearer aim_tok_123' },
    });
    assert.equal(doc.globalShortcut, 'Ctrl+Space');
  });

  it('Antigravity, OpenClaw and Oh My Pi: each in its own dialect', async () => {
    const box = await sandbox();
    const cases: Array<[string, string, (doc: Record<string, unknown>) => unknown, unknown]> = [
      ['antigravity', join(box.home, '.gemini/config/mcp_config.json'), (d) => (d.mcpServers as Servers)['ai-memory'], { serverUrl: URL_, headers: AUTH }],
      ['openclaw', join(box.home, '.openclaw/openclaw.json'), (d) => ((d.mcp as { servers: Servers }).servers)['ai-memory'], { url: URL_, transport: 'streamable-http', headers: AUTH }],
      ['omp', join(box.home, '.omp/agent/mcp.json'), (d) => (d.mcpServers as Servers)['ai-memory'], { type: 'http', url: URL_, enabled: true, headers: AUTH }],
    ];
    for (const [client, path, pick, expected] of cases) {
      box.write(path, '{\n  "keep": true\n}\n');
      const text = await assertInstallCycle({ ...box, run: (args) => box.run(args, ENV) }, path, ['install-mcp', '--client', client], ['uninstall', '--client', client]);
      const doc = JSON.parse(text) as Record<string, unknown>;
      assert.deepEqual(pick(doc), expected, client);
      assert.equal(doc.keep, true);
    }
  });

  it('a new file holding a token is readable by its owner only', async () => {
    const box = await sandbox();
    await box.run(['install-mcp', '--client', 'cursor', '--apply'], ENV);
    const { statSync } = await import('node:fs');
    assert.equal(statSync(join(box.home, '.cursor/mcp.json')).mode & 0o777, 0o600);
  });
});
