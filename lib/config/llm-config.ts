import { MemoryError } from '../core/errors.js';
import type { Env } from './client-config.js';

/**
 * Opt-in LLM and embedding providers (SPEC section 9). Nothing is configured by default and
 * everything works without them. Read from the environment by the server's entry point only.
 */
export const LLM_PROVIDERS = ['anthropic', 'openai', 'openai-compat', 'gemini', 'anthropic-oauth', 'openai-oauth', 'copilot'] as const;
/** Providers backed by a subscription sign-in rather than an API key (docs/llm.md). */
export const SUBSCRIPTION_PROVIDERS = ['openai-oauth', 'copilot', 'anthropic-oauth'] as const;
export type SubscriptionProvider = (typeof SUBSCRIPTION_PROVIDERS)[number];
export type LlmProviderName = (typeof LLM_PROVIDERS)[number];
export const EMBEDDING_PROVIDERS = ['openai', 'openai-compat', 'gemini', 'voyage'] as const;
export type EmbeddingProviderName = (typeof EMBEDDING_PROVIDERS)[number];

export interface LlmConfig {
  provider: LlmProviderName;
  model: string;
  /** API root; the provider's public endpoint unless overridden (required for openai-compat). */
  baseUrl: string;
  apiKey?: string;
  timeoutMs: number;
  /** Subscription providers: where `auth.json` lives and the sign-in endpoints. */
  signIn?: SignInConfig;
}

export interface SignInConfig {
  dataDir: string;
  endpoints: SignInEndpoints;
}

/** Overridable so a company proxy (or a test's loopback fake) can stand in for them. */
export interface SignInEndpoints {
  /** OpenAI's OAuth issuer (AI_MEMORY_OPENAI_AUTH_URL). */
  openaiAuth: string;
  /** GitHub's web origin for the device flow (AI_MEMORY_GITHUB_URL). */
  github: string;
  /** GitHub's API, which exchanges a GitHub token for a Copilot token (AI_MEMORY_GITHUB_API_URL). */
  githubApi: string;
}

export function signInEndpoints(env: Env): SignInEndpoints {
  return {
    openaiAuth: trimSlash(text(env.AI_MEMORY_OPENAI_AUTH_URL) ?? 'https://auth.openai.com'),
    github: trimSlash(text(env.AI_MEMORY_GITHUB_URL) ?? 'https://github.com'),
    githubApi: trimSlash(text(env.AI_MEMORY_GITHUB_API_URL) ?? 'https://api.github.com'),
  };
}

/** A GitHub token from the environment, for copilot (a saved sign-in is used when none is set). */
export const GITHUB_TOKEN_VARS = ['COPILOT_GITHUB_TOKEN', 'GH_TOKEN', 'GITHUB_TOKEN'];
export const ANTHROPIC_OAUTH_VARS = ['ANTHROPIC_OAUTH_TOKEN', 'CLAUDE_CODE_OAUTH_TOKEN'];

/** Printed once when the server starts with anthropic-oauth (docs/llm.md says the same). */
export const ANTHROPIC_OAUTH_WARNING =
  'anthropic-oauth uses a Claude subscription token (from Claude Code) outside Claude Code. Anthropic\'s terms allow those tokens only in Anthropic\'s own apps; Anthropic may refuse or revoke the token, or act on the account. Use ANTHROPIC_API_KEY with AI_MEMORY_LLM_PROVIDER=anthropic unless you have accepted that risk.';

export function githubTokenFromEnv(env: Env): string | undefined {
  return firstVar(env, GITHUB_TOKEN_VARS);
}

export interface EmbeddingConfig {
  provider: EmbeddingProviderName;
  model: string;
  baseUrl: string;
  apiKey?: string;
  timeoutMs: number;
  /**
   * Quiet period after page changes before they are embedded, once `embed` has filled the
   * vector index (AI_MEMORY_EMBEDDING_REFRESH_MS; 0 leaves it to `ai-memory embed`).
   */
  refreshDelayMs?: number;
}

export interface ProvidersConfig {
  llm?: LlmConfig;
  embeddings?: EmbeddingConfig;
  /** Consolidate a session page with the LLM when the session ends (AI_MEMORY_CONSOLIDATE_ON_SESSION_END=1). */
  consolidateOnSessionEnd: boolean;
  /** Ask the LLM for rephrasings of each search query and search them too (AI_MEMORY_SEARCH_REWRITE=1). */
  searchRewrite?: boolean;
}

const LLM_DEFAULTS: Record<LlmProviderName, { model?: string; baseUrl?: string; keyVars: string[] }> = {
  anthropic: { model: 'claude-haiku-4-5', baseUrl: 'https://api.anthropic.com', keyVars: ['ANTHROPIC_API_KEY'] },
  openai: { model: 'gpt-4.1-mini', baseUrl: 'https://api.openai.com/v1', keyVars: ['OPENAI_API_KEY'] },
  'openai-compat': { keyVars: ['OPENAI_API_KEY'] },
  gemini: { model: 'gemini-2.5-flash', baseUrl: 'https://generativelanguage.googleapis.com', keyVars: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'] },
  'anthropic-oauth': { model: 'claude-haiku-4-5', baseUrl: 'https://api.anthropic.com', keyVars: ANTHROPIC_OAUTH_VARS },
  // The Codex backend of a ChatGPT plan (Responses API).
  'openai-oauth': { model: 'gpt-5.1-codex-mini', baseUrl: 'https://chatgpt.com/backend-api/codex', keyVars: [] },
  // Copilot answers at the API its token names; this is the usual one.
  copilot: { model: 'gpt-4.1', baseUrl: 'https://api.githubcopilot.com', keyVars: GITHUB_TOKEN_VARS },
};

const EMBEDDING_DEFAULTS: Record<EmbeddingProviderName, { model?: string; baseUrl?: string; keyVars: string[] }> = {
  openai: { model: 'text-embedding-3-small', baseUrl: 'https://api.openai.com/v1', keyVars: ['OPENAI_API_KEY'] },
  'openai-compat': { keyVars: ['OPENAI_API_KEY'] },
  gemini: { model: 'gemini-embedding-001', baseUrl: 'https://generativelanguage.googleapis.com', keyVars: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'] },
  voyage: { model: 'voyage-3.5-lite', baseUrl: 'https://api.voyageai.com/v1', keyVars: ['VOYAGE_API_KEY'] },
};

export function loadProvidersConfig(env: Env, dataDir?: string): ProvidersConfig {
  const config: ProvidersConfig = { consolidateOnSessionEnd: ['1', 'true', 'yes'].includes((env.AI_MEMORY_CONSOLIDATE_ON_SESSION_END ?? '').trim().toLowerCase()) };
  const timeoutMs = positiveInt(env, 'AI_MEMORY_LLM_TIMEOUT_MS') ?? 120_000;
  const llm = text(env.AI_MEMORY_LLM_PROVIDER);
  if (llm) {
    const provider = oneOf(llm, LLM_PROVIDERS, 'AI_MEMORY_LLM_PROVIDER');
    const defaults = LLM_DEFAULTS[provider];
    const model = text(env.AI_MEMORY_LLM_MODEL) ?? defaults.model;
    const baseUrl = text(env.AI_MEMORY_LLM_BASE_URL) ?? defaults.baseUrl;
    if (!baseUrl) throw new MemoryError('INVALID_INPUT', `AI_MEMORY_LLM_PROVIDER=${provider} needs AI_MEMORY_LLM_BASE_URL (for example http://127.0.0.1:11434/v1 for Ollama)`);
    if (!model) throw new MemoryError('INVALID_INPUT', `AI_MEMORY_LLM_PROVIDER=${provider} needs AI_MEMORY_LLM_MODEL`);
    const subscription = (SUBSCRIPTION_PROVIDERS as readonly string[]).includes(provider);
    const apiKey = subscription ? firstVar(env, defaults.keyVars) : (text(env.AI_MEMORY_LLM_API_KEY) ?? firstVar(env, defaults.keyVars));
    if (!apiKey && provider === 'anthropic-oauth') {
      throw new MemoryError('INVALID_INPUT', `AI_MEMORY_LLM_PROVIDER=anthropic-oauth needs a token: set ${ANTHROPIC_OAUTH_VARS.join(' or ')} (\`claude setup-token\` prints one)`);
    }
    if (!apiKey && !subscription && provider !== 'openai-compat') {
      throw new MemoryError('INVALID_INPUT', `AI_MEMORY_LLM_PROVIDER=${provider} needs an API key: set ${defaults.keyVars.join(' or ')} (or AI_MEMORY_LLM_API_KEY)`);
    }
    config.llm = { provider, model, baseUrl: trimSlash(baseUrl), timeoutMs, ...(apiKey ? { apiKey } : {}) };
    // Without a saved sign-in the server still starts: calls fail with "run ai-memory auth login".
    if (subscription && dataDir) config.llm.signIn = { dataDir, endpoints: signInEndpoints(env) };
  }
  if (['1', 'true', 'yes'].includes((env.AI_MEMORY_SEARCH_REWRITE ?? '').trim().toLowerCase())) {
    if (!config.llm) throw new MemoryError('INVALID_INPUT', 'AI_MEMORY_SEARCH_REWRITE=1 needs an LLM provider: set AI_MEMORY_LLM_PROVIDER too (see docs/llm.md), or unset it');
    config.searchRewrite = true;
  }
  const embedding = text(env.AI_MEMORY_EMBEDDING_PROVIDER);
  if (embedding) {
    const provider = oneOf(embedding, EMBEDDING_PROVIDERS, 'AI_MEMORY_EMBEDDING_PROVIDER');
    const defaults = EMBEDDING_DEFAULTS[provider];
    const model = text(env.AI_MEMORY_EMBEDDING_MODEL) ?? defaults.model;
    const baseUrl = text(env.AI_MEMORY_EMBEDDING_BASE_URL) ?? (provider === 'openai-compat' ? text(env.AI_MEMORY_LLM_BASE_URL) : undefined) ?? defaults.baseUrl;
    if (!baseUrl) throw new MemoryError('INVALID_INPUT', `AI_MEMORY_EMBEDDING_PROVIDER=${provider} needs AI_MEMORY_EMBEDDING_BASE_URL`);
    if (!model) throw new MemoryError('INVALID_INPUT', `AI_MEMORY_EMBEDDING_PROVIDER=${provider} needs AI_MEMORY_EMBEDDING_MODEL`);
    const apiKey = text(env.AI_MEMORY_EMBEDDING_API_KEY) ?? firstVar(env, defaults.keyVars);
    if (!apiKey && provider !== 'openai-compat') {
      throw new MemoryError('INVALID_INPUT', `AI_MEMORY_EMBEDDING_PROVIDER=${provider} needs an API key: set ${defaults.keyVars.join(' or ')} (or AI_MEMORY_EMBEDDING_API_KEY)`);
    }
    const refreshDelayMs = nonNegativeInt(env, 'AI_MEMORY_EMBEDDING_REFRESH_MS') ?? 10_000;
    config.embeddings = { provider, model, baseUrl: trimSlash(baseUrl), timeoutMs, refreshDelayMs, ...(apiKey ? { apiKey } : {}) };
  }
  return config;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], name: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new MemoryError('INVALID_INPUT', `${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
}

function text(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

function firstVar(env: Env, names: string[]): string | undefined {
  for (const name of names) {
    const value = text(env[name]);
    if (value) return value;
  }
  return undefined;
}

function positiveInt(env: Env, name: string): number | undefined {
  const value = text(env[name]);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new MemoryError('INVALID_INPUT', `${name} must be a positive integer (milliseconds)`);
  return n;
}

function nonNegativeInt(env: Env, name: string): number | undefined {
  const value = text(env[name]);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new MemoryError('INVALID_INPUT', `${name} must be 0 or a positive integer (milliseconds)`);
  return n;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
