import { join } from 'node:path';
import type { Script } from './fake-model/script.js';
import type { AgentBox, AgentRun } from './sandbox.js';

/**
 * How a user runs each agent against a local model endpoint, headless: the settings they add by
 * hand (docs/install.md repeats them), the command line, and the names the agent gives its shell,
 * file-write and MCP tools (what the fake model must call to make it really run them).
 */
export interface AgentDriver {
  name: DrivenAgent;
  /** Config a user writes before installing ai-memory: the model endpoint, the auth method. */
  prepare(box: AgentBox, modelUrl: string): void;
  run(box: AgentBox, bin: string, modelUrl: string, prompt: string): Promise<AgentRun>;
  /** The scenario: a command that fails, a file written, the MCP tools, then a reply. */
  script(repo: string, words: SessionWords): Script;
  /** The agent's config files ai-memory's installers edit (hooks and MCP), relative to HOME. */
  configFiles: string[];
  /** Those of them the agent itself rewrites as it runs (state next to config): no byte comparison. */
  rewrittenByAgent?: string[];
}

/** Words unique to one session, so its page and handoff can be told apart from the others'. */
export interface SessionWords {
  tag: string;
  failing: string;
  file: string;
  reply: string;
}

/** The page each agent writes through memory_write_page: notes/<tag>.md. */
export const mcpPage = (w: SessionWords) => ({ path: `notes/${w.tag}.md`, body: `# Notes from the ${w.tag} session\n\nThe orders list is paginated by cursor.\n` });

const claudeCode: AgentDriver = {
  name: 'claude-code',
  prepare: (box) => void box.write('.claude/settings.json', `${JSON.stringify({ cleanupPeriodDays: 30 }, null, 2)}\n`),
  run: (box, bin, modelUrl, prompt) =>
    // The `=` form: a bare --allowedTools is variadic and would swallow the prompt.
    box.runAgent(bin, ['-p', prompt, '--allowedTools=Bash,Write,Edit,Read,mcp__ai-memory'], {
      ANTHROPIC_BASE_URL: modelUrl,
      ANTHROPIC_API_KEY: 'sk-ant-fake',
      DISABLE_AUTOUPDATER: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    }),
  script: (repo, w) => ({
    calls: [
      { name: 'Bash', input: { command: `ls ${w.failing}`, description: 'List the missing folder' } },
      { name: 'Write', input: { file_path: join(repo, w.file), content: 'written by the agent\n' } },
      { name: 'mcp__ai-memory__memory_write_page', input: { path: 'decisions/0001-postgres.md', body: '# Standardised on Postgres\n\nWe chose Postgres 16 for the orders service.\n' } },
      { name: 'mcp__ai-memory__memory_query', input: { query: 'postgres orders' } },
    ],
    reply: w.reply,
  }),
  configFiles: ['.claude/settings.json', '.claude.json'],
  rewrittenByAgent: ['.claude.json'],
};

const codex: AgentDriver = {
  name: 'codex',
  prepare: (box, modelUrl) =>
    void box.write(
      '.codex/config.toml',
      ['model = "fake-model"', 'model_provider = "fake"', '', '[model_providers.fake]', 'name = "Local fake"', `base_url = "${modelUrl}/v1"`, 'wire_api = "responses"', 'env_key = "FAKE_MODEL_KEY"', ''].join('\n'),
    ),
  run: (box, bin, _modelUrl, prompt) =>
    // Hooks in ~/.codex/hooks.json run only once trusted through /hooks; a headless run skips that review.
    box.runAgent(bin, ['exec', '--dangerously-bypass-hook-trust', '--skip-git-repo-check', '--sandbox', 'workspace-write', prompt], { FAKE_MODEL_KEY: 'fake' }),
  script: (_repo, w) => ({
    calls: [
      { name: 'exec_command', input: { cmd: `ls ${w.failing}` } },
      { name: 'exec_command', input: { cmd: `printf 'written by the agent\\n' > ${w.file}` } },
      // Codex groups each MCP server's tools under one namespace.
      { namespace: 'mcp__ai_memory', name: 'memory_write_page', input: mcpPage(w) },
      { namespace: 'mcp__ai_memory', name: 'memory_query', input: { query: 'postgres orders' } },
    ],
    reply: w.reply,
  }),
  configFiles: ['.codex/config.toml', '.codex/hooks.json'],
};

const geminiCli: AgentDriver = {
  name: 'gemini-cli',
  prepare: (box) => void box.write('.gemini/settings.json', `${JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } } }, null, 2)}\n`),
  run: (box, bin, modelUrl, prompt) =>
    // --yolo: without it a headless run offers only read-only tools (no shell, no file write).
    box.runAgent(bin, ['--yolo', '-p', prompt], { GEMINI_API_KEY: 'fake', GOOGLE_GEMINI_BASE_URL: modelUrl, GEMINI_CLI_TRUST_WORKSPACE: 'true' }),
  script: (repo, w) => ({
    calls: [
      { name: 'run_shell_command', input: { command: `ls ${w.failing}`, description: 'List the missing folder' } },
      { name: 'write_file', input: { file_path: join(repo, w.file), content: 'written by the agent\n' } },
      { name: 'mcp_ai-memory_memory_write_page', input: mcpPage(w) },
      { name: 'mcp_ai-memory_memory_query', input: { query: 'postgres orders' } },
    ],
    reply: w.reply,
  }),
  configFiles: ['.gemini/settings.json'],
};

const opencode: AgentDriver = {
  name: 'opencode',
  prepare: (box, modelUrl) =>
    void box.write(
      '.config/opencode/opencode.json',
      `${JSON.stringify(
        {
          $schema: 'https://opencode.ai/config.json',
          provider: { fake: { npm: '@ai-sdk/openai-compatible', name: 'Local fake', options: { baseURL: `${modelUrl}/v1`, apiKey: 'fake' }, models: { 'fake-model': { name: 'Fake', tool_call: true } } } },
          model: 'fake/fake-model',
          // `opencode run` rejects every permission prompt; a user running it unattended allows these.
          permission: { bash: 'allow', edit: 'allow' },
        },
        null,
        2,
      )}\n`,
    ),
  run: (box, bin, _modelUrl, prompt) =>
    box.runAgent(bin, ['run', '--model', 'fake/fake-model', prompt], {
      OPENCODE_DISABLE_MODELS_FETCH: '1',
      OPENCODE_DISABLE_AUTOUPDATE: '1',
      OPENCODE_DISABLE_DEFAULT_PLUGINS: '1',
      OPENCODE_DISABLE_LSP_DOWNLOAD: '1',
    }),
  script: (repo, w) => ({
    calls: [
      { name: 'bash', input: { command: `ls ${w.failing}`, description: 'List the missing folder' } },
      { name: 'write', input: { filePath: join(repo, w.file), content: 'written by the agent\n' } },
      { name: 'ai-memory_memory_write_page', input: mcpPage(w) },
      { name: 'ai-memory_memory_query', input: { query: 'postgres orders' } },
    ],
    reply: w.reply,
  }),
  configFiles: ['.config/opencode/opencode.json', '.config/opencode/plugins/ai-memory.js'],
};

export const DRIVERS = { 'claude-code': claudeCode, codex, 'gemini-cli': geminiCli, opencode } as const;
export type DrivenAgent = keyof typeof DRIVERS;
