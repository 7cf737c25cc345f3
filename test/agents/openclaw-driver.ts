import type { Script } from './fake-model/script.js';
import type { AgentBox, AgentRun } from './sandbox.js';
import { mcpPage, type SessionWords } from './drivers.js';

/**
 * How a user runs OpenClaw against a local OpenAI-compatible endpoint, headless: a custom
 * provider in ~/.openclaw/openclaw.json (models.providers, docs/install.md repeats it), the repo
 * as the agent's workspace, and one embedded turn with `openclaw agent --local`. Update checks
 * are off (`update.checkOnStart: false`, OPENCLAW_NO_AUTO_UPDATE) so nothing leaves the machine.
 */
export const OPENCLAW_CONFIG = '.openclaw/openclaw.json';

export function prepareOpenclaw(box: AgentBox, modelUrl: string): void {
  const config = {
    update: { checkOnStart: false },
    agents: {
      // skipBootstrap: OpenClaw would otherwise seed AGENTS.md, SOUL.md... into the repository.
      defaults: { workspace: box.repo, skipBootstrap: true, model: { primary: 'fake/fake-model' } },
    },
    models: {
      mode: 'merge',
      providers: { fake: { baseUrl: `${modelUrl}/v1`, apiKey: 'fake-key', api: 'openai-completions', models: [{ id: 'fake-model', name: 'Fake' }] } },
    },
  };
  box.write(OPENCLAW_CONFIG, `${JSON.stringify(config, null, 2)}\n`);
}

/** `openclaw` is a `#!/usr/bin/env node` script: Node 24 goes first on PATH. */
export function runOpenclaw(box: AgentBox, bin: string, nodeBinDir: string, prompt: string): Promise<AgentRun> {
  return box.runAgent(bin, ['agent', '--local', '--agent', 'main', '--message', prompt], { PATH: `${nodeBinDir}:${process.env.PATH ?? ''}`, OPENCLAW_NO_AUTO_UPDATE: '1' }, 420_000);
}

/**
 * OpenClaw's tools: `exec` (shell) and `write` directly; MCP tools (`<server>__<tool>`) sit behind
 * Tool Search by default, so the model reaches them through `tool_call` with their name.
 */
export function openclawScript(w: SessionWords): Script {
  return {
    calls: [
      { name: 'exec', input: { command: `ls ${w.failing}` } },
      { name: 'write', input: { path: w.file, content: 'written by the agent\n' } },
      { name: 'tool_call', input: { id: 'ai-memory__memory_write_page', args: mcpPage(w) } },
      { name: 'tool_call', input: { id: 'ai-memory__memory_query', args: { query: 'paginated by cursor' } } },
    ],
    reply: w.reply,
  };
}
