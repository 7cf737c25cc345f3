import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { serverConfigDefaults } from '../lib/config/config.js';
import { silentLogger } from '../lib/core/logger.js';
import { startServer } from '../lib/server/main.js';
import { writeCorpus } from './corpus.js';
import { log, machine, updateDocBlock } from './report.js';
import { median, percentile, round } from './stats.js';

/**
 * `npm run bench:mcp-bytes`: how many bytes an agent reads per `memory_query` answer. The real
 * server in this process over a generated wiki (bench/corpus.ts, 800 pages in two projects),
 * the official MCP SDK client over Streamable HTTP, and queries an agent would ask of an
 * engineering wiki, scoped to one project as an agent in that project asks them. Bytes are
 * counted on the tool result's text block, the part that lands in the agent's context.
 *
 *   npm run bench:mcp-bytes              # measure and rewrite the block in docs/performance.md
 *   npm run bench:mcp-bytes -- --no-doc  # measure only
 */
const PAGES = 800;
const QUERIES = [
  'postgres migration',
  'redis cache timeout',
  'deploy docker kubernetes',
  'why did we choose graphql over rest',
  'session handoff memory',
  'auth login password',
  'retry queue worker',
  'index query latency',
  'release version branch merge',
  'how do I rebase a branch with a conflict',
  'heap memory leak garbage collector',
  'alert incident trace',
  'schema yaml toml config',
  'async promise stream buffer',
  'benchmark profile throughput',
  'secret token permission audit',
  'parser compiler token',
  'frontend backend api endpoint',
  'event loop watcher file system',
  'search ranking embedding vector',
];

async function main(): Promise<void> {
  const writeDoc = !process.argv.includes('--no-doc');
  const dataDir = await mkdtemp(join(tmpdir(), 'aim-mcp-bytes-'));
  try {
    const wiki = join(dataDir, 'wiki');
    await mkdir(wiki, { recursive: true });
    log(`mcp-bytes: writing ${PAGES} pages`);
    await writeCorpus(wiki, { pages: PAGES, projects: 2, minWords: 150, maxWords: 900 });
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: wiki });
    execFileSync('git', ['add', '-A'], { cwd: wiki });
    execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', 'commit', '-qm', 'Import generated corpus'], { cwd: wiki });
    const config = { ...serverConfigDefaults(dataDir), port: 0, watch: false, reconcileIntervalSec: 0 };
    const running = await startServer(config, { logger: silentLogger, version: 'bench' });
    const client = new Client({ name: 'bench-mcp-bytes', version: '1.0.0' });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(`${running.url}/mcp`)));
      const sizes: number[] = [];
      let hits = 0;
      for (const query of QUERIES) {
        const result = (await client.callTool({ name: 'memory_query', arguments: { workspace: 'default', project: 'project-0', query } })) as CallToolResult;
        const text = (result.content[0] as { text: string }).text;
        if (result.isError) throw new Error(`memory_query failed for "${query}": ${text}`);
        sizes.push(Buffer.byteLength(text, 'utf8'));
        hits += (JSON.parse(text) as { hits: unknown[] }).hits.length;
      }
      const summary = {
        queries: QUERIES.length,
        mean_bytes: round(sizes.reduce((a, b) => a + b, 0) / sizes.length, 0),
        median_bytes: round(median(sizes), 0),
        p95_bytes: round(percentile(sizes, 95), 0),
        bytes_per_hit: round(sizes.reduce((a, b) => a + b, 0) / Math.max(1, hits), 0),
        hits_per_query: round(hits / QUERIES.length, 1),
      };
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      if (writeDoc) await updateDocBlock('mcp-bytes', table(summary));
    } finally {
      await client.close();
      await running.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

function table(s: { queries: number; mean_bytes: number; median_bytes: number; p95_bytes: number; bytes_per_hit: number; hits_per_query: number }): string {
  const m = machine();
  return [
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:mcp-bytes\`: ${PAGES} generated pages in two projects, ${s.queries} queries scoped to one project, default limit; ${m.cpus} cores, Node ${m.node}.`,
    '',
    '| figure | measured |',
    '|---|---|',
    `| bytes per \`memory_query\` answer | mean ${s.mean_bytes}, median ${s.median_bytes}, p95 ${s.p95_bytes} |`,
    `| hits per answer | ${s.hits_per_query} |`,
    `| bytes per hit (answer bytes / hits) | ${s.bytes_per_hit} |`,
  ].join('\n');
}

await main();
