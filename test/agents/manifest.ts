/**
 * The agent CLIs the suite drives, pinned to exact versions. Bump a version here (and re-record
 * test/fixtures/hooks/<agent>/<version>/) to test a new release.
 */
export interface AgentPackage {
  /** npm package name. */
  pkg: string;
  version: string;
  /** The executable under node_modules/.bin. */
  bin: string;
}

export const AGENT_PACKAGES = {
  // 2.1.197 is the newest release that runs on Node 20; later ones require Node 22.
  'claude-code': { pkg: '@anthropic-ai/claude-code', version: '2.1.197', bin: 'claude' },
  codex: { pkg: '@openai/codex', version: '0.171.0', bin: 'codex' },
  'gemini-cli': { pkg: '@google/gemini-cli', version: '0.61.0', bin: 'gemini' },
  opencode: { pkg: 'opencode-ai', version: '1.18.33', bin: 'opencode' },
  'mcp-remote': { pkg: 'mcp-remote', version: '0.15.1', bin: 'mcp-remote' },
  pi: { pkg: '@mariozechner/pi-coding-agent', version: '0.73.1', bin: 'pi' },
  // 18.3.4 (and 18.2.9) name dependency versions the registry does not have; 18.2.3 installs.
  // Runs under Bun (runtime-bun.ts), not Node.
  omp: { pkg: '@oh-my-pi/pi-coding-agent', version: '18.2.3', bin: 'omp' },
  // Needs Node 24.16+: installed and run by runtime-node24.ts under the Node 24 pinned there.
  openclaw: { pkg: 'openclaw', version: '2026.9.6', bin: 'openclaw' },
} as const satisfies Record<string, AgentPackage>;

export type AgentName = keyof typeof AGENT_PACKAGES;
