import { dirname, join } from 'node:path';
import { mcpPage, type SessionWords } from './drivers.js';
import type { Script } from './fake-model/script.js';
import type { Installed } from './install.js';
import { installAgent } from './install.js';
import { AGENT_PACKAGES } from './manifest.js';
import { installBun } from './runtime-bun.js';
import type { AgentBox, AgentRun } from './sandbox.js';

/**
 * Pi and Oh My Pi as a user runs them against a local OpenAI-compatible endpoint, headless
 * (`-p`): the provider file they write by hand (docs/install.md repeats it), the command line,
 * and the names the agents give their tools. Oh My Pi runs under Bun, provisioned like the agents.
 */
export interface PiFamilyDriver {
  agent: 'pi' | 'omp';
  /** The agent's CLI, ready to run (for omp: Bun plus the package's entry script). */
  install(): Promise<{ ok: true; command: string; args: string[]; version: string; path: string } | { ok: false; reason: string }>;
  prepare(box: AgentBox, modelUrl: string): void;
  run(box: AgentBox, cli: { command: string; args: string[]; path: string }, prompt: string): Promise<AgentRun>;
  script(repo: string, words: SessionWords): Script;
  /** Whether the agent has an MCP client `install-mcp` configures. */
  mcp: boolean;
  configFiles: string[];
}

const fileCalls = (repo: string, w: SessionWords) => [
  { name: 'bash', input: { command: `ls ${w.failing}` } },
  { name: 'write', input: { path: join(repo, w.file), content: 'written by the agent\n' } },
];

export const piDriver: PiFamilyDriver = {
  agent: 'pi',
  install: async () => ready(await installAgent('pi'), (bin) => ({ command: bin, args: [] }), AGENT_PACKAGES.pi.version),
  prepare: (box, modelUrl) =>
    void box.write(
      '.pi/agent/models.json',
      `${JSON.stringify({ providers: { fake: { baseUrl: `${modelUrl}/v1`, api: 'openai-completions', apiKey: 'fake', compat: { supportsDeveloperRole: false, supportsReasoningEffort: false }, models: [{ id: 'fake-model' }] } } }, null, 2)}\n`,
    ),
  // PI_OFFLINE: no update check or package refresh at startup (the machine has no internet).
  run: (box, cli, prompt) => box.runAgent(cli.command, [...cli.args, '-p', prompt, '--provider', 'fake', '--model', 'fake-model'], { PI_OFFLINE: '1', PI_SKIP_VERSION_CHECK: '1' }),
  script: (repo, w) => ({ calls: fileCalls(repo, w), reply: w.reply }),
  mcp: false,
  configFiles: ['.pi/agent/models.json', '.pi/agent/extensions/ai-memory.ts'],
};

export const ompDriver: PiFamilyDriver = {
  agent: 'omp',
  install: async () => {
    const [bun, omp] = await Promise.all([installBun(), installAgent('omp')]);
    if (!bun.ok) return bun;
    // The bin is a `#!/usr/bin/env bun` script: run it with the provisioned Bun, on PATH too
    // for the helpers Oh My Pi starts itself.
    return ready(omp, (_bin, dir) => ({ command: bun.bin, args: [join(dir, 'node_modules', '@oh-my-pi', 'pi-coding-agent', 'dist', 'cli.js')], path: dirname(bun.bin) }), AGENT_PACKAGES.omp.version);
  },
  prepare: (box, modelUrl) =>
    void box.write('.omp/agent/models.yml', ['providers:', '  fake:', `    baseUrl: ${modelUrl}/v1`, '    api: openai-completions', '    apiKey: fake', '    models:', '      - id: fake-model', '        name: Fake', ''].join('\n')),
  // PI_NO_TITLE: no extra model request for a session title.
  run: (box, cli, prompt) => box.runAgent(cli.command, [...cli.args, '-p', prompt, '--model', 'fake/fake-model'], { PI_NO_TITLE: '1', PATH: `${cli.path}:${process.env.PATH ?? ''}` }),
  script: (repo, w) => ({
    calls: [...fileCalls(repo, w), { name: 'mcp__ai_memory_memory_write_page', input: mcpPage(w) }, { name: 'mcp__ai_memory_memory_query', input: { query: 'orders paginated cursor' } }],
    reply: w.reply,
  }),
  mcp: true,
  configFiles: ['.omp/agent/models.yml', '.omp/agent/extensions/ai-memory.ts', '.omp/agent/mcp.json'],
};

function ready(installed: Installed, cli: (bin: string, dir: string) => { command: string; args: string[]; path?: string }, version: string) {
  if (!installed.ok) return installed;
  const { command, args, path } = cli(installed.bin, installed.dir);
  return { ok: true as const, command, args, version, path: path ?? '' };
}
