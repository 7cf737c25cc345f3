import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';
import { installAgent } from './install.js';
import { agentWorld, type AgentWorld } from './sandbox.js';

/**
 * Claude Desktop speaks MCP over stdio only; `install-mcp --client claude-desktop` bridges it
 * with mcp-remote. This starts the entry the installer wrote, as Claude Desktop would (its
 * command, args and env; the pinned mcp-remote stands in for `npx -y mcp-remote`), and uses it
 * with the official MCP SDK client, against a server without and with a bearer token.
 */
interface DesktopEntry {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

describe('Claude Desktop through mcp-remote, as install-mcp configures it', { timeout: 5 * 60_000 }, () => {
  let world: AgentWorld;
  before(async () => {
    world = await agentWorld();
  });
  after(() => world?.dispose());

  for (const token of [undefined, 'aim_desktop_token_0123456789abcdef']) {
    it(token ? 'with a bearer token' : 'without a token (loopback)', async (t) => {
      const installed = await installAgent('mcp-remote');
      if (!installed.ok) return t.skip(installed.reason);
      const server: TestServer = await startSuiteServer(token ? { authToken: token } : {});
      t.after(() => server.dispose());
      const box = world.box(token ? 'desktop-token' : 'desktop');
      await box.aiMemory(['install-mcp', '--client', 'claude-desktop', '--server-url', server.url, ...(token ? ['--auth-token', token] : []), '--apply']);
      const config = JSON.parse(readFileSync(join(box.home, '.config/Claude/claude_desktop_config.json'), 'utf8')) as { mcpServers: Record<string, DesktopEntry> };
      const entry = config.mcpServers['ai-memory']!;
      assert.equal(entry.command, 'npx');
      assert.deepEqual(entry.args.slice(0, 2), ['-y', 'mcp-remote']);
      if (token) assert.ok(!entry.args.join(' ').includes(token), 'the token stays out of the process arguments');

      const sdk = new Client({ name: 'claude-desktop-stand-in', version: '1.0.0' });
      const transport = new StdioClientTransport({
        command: installed.bin,
        args: entry.args.slice(2),
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: box.home, ...entry.env },
        stderr: 'pipe',
      });
      let stderr = '';
      transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      await sdk.connect(transport).catch((error: Error) => assert.fail(`mcp-remote did not connect: ${error.message}\n${stderr}`));
      try {
        const tools = (await sdk.listTools()).tools.map((tool) => tool.name);
        assert.ok(tools.includes('memory_query') && tools.includes('memory_write_page'), tools.join(', '));
        const written = await sdk.callTool({ name: 'memory_write_page', arguments: { workspace: 'default', project: 'desk', path: 'notes/desktop.md', body: '# Chosen from the desktop app\n\nKeep the invoices in Postgres.\n' } });
        assert.ok(!written.isError, JSON.stringify(written.content));
        const found = await sdk.callTool({ name: 'memory_query', arguments: { workspace: 'default', project: 'desk', query: 'invoices postgres' } });
        assert.match(JSON.stringify(found.content), /notes\/desktop\.md/);
      } finally {
        await sdk.close();
      }
    });
  }
});
