/**
 * A scripted session for `npm run bench:handoff`: what the agent was asked, what it ran and
 * changed, what it replied, and what the next agent must be told (facts) or must not be told
 * as current (stale: fixed failures, abandoned plans).
 */
export type Agent = 'claude-code' | 'codex' | 'gemini-cli' | 'opencode';

export type Category = 'explicit-next' | 'implicit-next' | 'fixed-failure' | 'direction-change' | 'long' | 'mid-turn';

export type Step =
  | { prompt: string }
  | { reply: string }
  | { run: string; output: string; exit?: number }
  | { edit: string }
  | { read: string };

export interface Scenario {
  id: string;
  agent: Agent;
  category: Category;
  /** The project's language, for the spread of the set. */
  language: string;
  steps: Step[];
  /** Case-insensitive phrases the SessionStart block must contain. */
  facts: string[];
  /** Phrases that must not appear as current: in the next steps, open questions or unfixed failures. */
  stale?: string[];
}
