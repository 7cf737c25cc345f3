import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BIN, spawnServe } from '../helpers/cli.js';
import { startTestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';
import { call } from './helpers.js';

const INSPECTOR = join(import.meta.dirname, '../../node_modules/.bin/mcp-inspector-cli');
// inspector-cli 1.0.3 checks for "../package.json" relative to the working directory but
// imports it relative to itself; run it from a folder whose parent has a package.json.
const run = (file: string, args: string[]) => promisify(execFile)(file, args, { cwd: join(import.meta.dirname, '..') });

async function stdioClient(dataDir: string, env: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'ai-memory-stdio-test', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [BIN, 'serve', '--transport', 'stdio', '--data-dir', dataDir],
      env: { ...process.env, ...env } as Record<string, string>,
      stderr: 'ignore',
    }),
  );
  return client;
}

describe('MCP transports', () => {
  it('serves every tool over stdio (ai-memory serve --transport stdio)', async () => {
    const dataDir = await tempDir('aim-stdio-');
    const client = await stdioClient(dataDir);
    try {
      assert.equal((await client.listTools()).tools.length, 18);
      await call(client, 'memory_write_page', { workspace: 'default', project: 'stdio', path: 'notes/a.md', body: '# Over stdio\n\nwritten through stdin and stdout' });
      const found = await call<{ hits: Array<{ path: string }> }>(client, 'memory_query', { workspace: 'default', project: 'stdio', query: 'stdin stdout' });
      assert.equal(found.hits[0]?.path, 'notes/a.md');
    } finally {
      await client.close();
    }
  });

  it('bridges stdio to the running server when it already owns the data dir', async () => {
    const dataDir = await tempDir('aim-bridge-');
    const serve = await spawnServe(dataDir);
    const client = await stdioClient(dataDir, { AI_MEMORY_SERVER_URL: serve.url });
    try {
      await call(client, 'memory_write_page', { workspace: 'default', project: 'bridged', path: 'notes/b.md', body: '# Bridged\n\nthrough the running server' });
      const viaHttp = await fetch(`${serve.url}/api/v1/search?q=bridged&workspace=default&project=bridged`).then((r) => r.json() as Promise<{ hits: Array<{ path: string }> }>);
      assert.equal(viaHttp.hits[0]?.path, 'notes/b.md');
    } finally {
      await client.close();
    }
  });

  it('answers the MCP inspector CLI over HTTP', async () => {
    const server = await startTestServer();
    const listed = await run(INSPECTOR, ['--cli', `${server.url}/mcp`, '--transport', 'http', '--method', 'tools/list']);
    const tools = (JSON.parse(listed.stdout) as { tools: Array<{ name: string }> }).tools.map((t) => t.name);
    assert.ok(tools.includes('memory_query') && tools.includes('memory_handoff_accept'));
    await run(INSPECTOR, ['--cli', `${server.url}/mcp`, '--transport', 'http', '--method', 'tools/call', '--tool-name', 'memory_write_page', '--tool-arg', 'workspace=default', '--tool-arg', 'project=inspected', '--tool-arg', 'path=notes/i.md', '--tool-arg', 'body=# Inspected\n\nfrom the inspector']);
    const called = await run(INSPECTOR, ['--cli', `${server.url}/mcp`, '--transport', 'http', '--method', 'tools/call', '--tool-name', 'memory_query', '--tool-arg', 'workspace=default', '--tool-arg', 'project=inspected', '--tool-arg', 'query=inspector']);
    const result = JSON.parse(called.stdout) as { content: Array<{ text: string }> };
    assert.equal((JSON.parse(result.content[0]!.text) as { hits: Array<{ path: string }> }).hits[0]?.path, 'notes/i.md');
  });

  it('refuses GET and DELETE on the stateless endpoint with 405', async () => {
    const server = await startTestServer();
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(`${server.url}/mcp`, { method });
      assert.equal(response.status, 405);
    }
  });
});
