import { posix } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { z } from 'zod';
import { MemoryError } from '../core/errors.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../core/contract.js';
import { DEFAULT_HANDOFF_BUDGET_TOKENS } from '../core/capture/handoff-block.js';
import { loadProvidersConfig, type ProvidersConfig } from './llm-config.js';

/**
 * One source of truth for configuration. Precedence: flags > environment (`AI_MEMORY_*`) >
 * `<data>/config.toml` > defaults. Only entry points call `loadServerConfig`/`loadClientConfig`,
 * passing the environment in; every other module receives the resulting object.
 */
export interface ServerConfig {
  /** Absolute data directory: wiki/, raw/, index/, logs/. */
  dataDir: string;
  host: string;
  port: number;
  transport: 'http' | 'stdio';
  authToken?: string;
  /** Extra Host header values accepted besides loopback names and the bind host. */
  allowedHosts: string[];
  /** Watch the wiki for edits made behind the server's back. */
  watch: boolean;
  /** Quiet period before external edits are committed, so a burst becomes one commit. */
  externalCommitDelayMs: number;
  /** Quiet period before the derived index is persisted to disk. */
  persistDelayMs: number;
  /** Seconds between full reconcile scans that catch events the watcher missed. */
  reconcileIntervalSec: number;
  /** Minutes without events after which a session is closed (page and handoff written). */
  sessionIdleMinutes: number;
  /** Captured events allowed to wait for their disk sync at once; above it /hook answers 429. */
  maxHookInFlight: number;
  /** Size of the handoff block given to the next agent at session start, in tokens (4 characters each). */
  handoffBudgetTokens: number;
  /** Opt-in LLM and embedding providers (none by default). */
  providers?: ProvidersConfig;
  /** A static build served at /web instead of the built-in UI. */
  webUiDir?: string;
  /** Browser origins allowed to call /api/v1 (CORS). */
  corsOrigins?: string[];
}

export type { ClientConfig, Env } from './client-config.js';
import type { Env } from './client-config.js';

export interface ServerFlags {
  dataDir?: string;
  host?: string;
  port?: number;
  transport?: 'http' | 'stdio';
  watch?: boolean;
  webUiDir?: string;
}

const FileSchema = z
  .object({
    server: z
      .object({
        host: z.string().describe('Interface to bind').optional(),
        port: z.number().int().min(0).max(65535).describe('TCP port').optional(),
      })
      .strict()
      .partial()
      .optional(),
    auth: z
      .object({
        token: z.string().min(1).describe('Bearer token required on every route but /healthz').optional(),
        allowed_hosts: z.array(z.string()).describe('Host header values accepted (DNS-rebinding guard)').optional(),
      })
      .strict()
      .optional(),
    sessions: z
      .object({ idle_minutes: z.number().positive().describe('Close a session after this many quiet minutes').optional() })
      .strict()
      .optional(),
    watcher: z
      .object({
        enabled: z.boolean().optional(),
        external_commit_delay_ms: z.number().int().min(0).optional(),
        reconcile_interval_sec: z.number().int().min(0).optional(),
      })
      .strict()
      .optional(),
    index: z.object({ persist_delay_ms: z.number().int().min(0).optional() }).strict().optional(),
    handoff: z
      .object({
        budget_tokens: z.number().int().min(200).max(20_000).describe('Size of the SessionStart handoff block, in tokens of 4 characters').optional(),
      })
      .strict()
      .optional(),
  })
  // A misspelt key would otherwise be dropped without a word and its default used.
  .strict();

/** Every setting at its default, for a data dir; what loadServerConfig starts from. */
export function serverConfigDefaults(dataDir: string): ServerConfig {
  return {
    dataDir,
    host: DEFAULT_HOST,
    port: DEFAULT_PORT,
    transport: 'http',
    allowedHosts: [],
    watch: true,
    externalCommitDelayMs: 1500,
    persistDelayMs: 5000,
    reconcileIntervalSec: 30,
    sessionIdleMinutes: 30,
    maxHookInFlight: 1024,
    handoffBudgetTokens: DEFAULT_HANDOFF_BUDGET_TOKENS,
    corsOrigins: [],
  };
}

export function defaultDataDir(env: Env, homeDir: string): string {
  const xdg = env.XDG_DATA_HOME;
  const base = xdg && xdg.startsWith('/') ? xdg : posix.join(homeDir, '.local', 'share');
  return posix.join(base, 'ai-memory');
}

/** Resolves the data dir alone: the config file lives inside it. */
export function resolveDataDir(flags: ServerFlags, env: Env, homeDir: string, cwd: string): string {
  const chosen = flags.dataDir ?? nonEmpty(env.AI_MEMORY_DATA_DIR) ?? defaultDataDir(env, homeDir);
  return posix.resolve(cwd, chosen);
}

export function loadServerConfig(options: {
  flags: ServerFlags;
  env: Env;
  dataDir: string;
  configToml?: string;
}): ServerConfig {
  const { flags, env } = options;
  const file = parseConfigFile(options.configToml);
  const defaults = serverConfigDefaults(options.dataDir);
  const config: ServerConfig = {
    dataDir: options.dataDir,
    host: flags.host ?? nonEmpty(env.AI_MEMORY_HOST) ?? file.server?.host ?? defaults.host,
    port: flags.port ?? intFromEnv(env, 'AI_MEMORY_PORT') ?? file.server?.port ?? defaults.port,
    transport: flags.transport ?? (env.AI_MEMORY_TRANSPORT === 'stdio' ? 'stdio' : defaults.transport),
    allowedHosts: listFromEnv(env.AI_MEMORY_ALLOWED_HOSTS) ?? file.auth?.allowed_hosts ?? defaults.allowedHosts,
    watch: flags.watch ?? boolFromEnv(env, 'AI_MEMORY_WATCH') ?? file.watcher?.enabled ?? defaults.watch,
    externalCommitDelayMs:
      intFromEnv(env, 'AI_MEMORY_EXTERNAL_COMMIT_DELAY_MS') ?? file.watcher?.external_commit_delay_ms ?? defaults.externalCommitDelayMs,
    persistDelayMs: intFromEnv(env, 'AI_MEMORY_PERSIST_DELAY_MS') ?? file.index?.persist_delay_ms ?? defaults.persistDelayMs,
    reconcileIntervalSec: file.watcher?.reconcile_interval_sec ?? defaults.reconcileIntervalSec,
    sessionIdleMinutes: intFromEnv(env, 'AI_MEMORY_SESSION_IDLE_MINUTES') ?? file.sessions?.idle_minutes ?? defaults.sessionIdleMinutes,
    maxHookInFlight: defaults.maxHookInFlight,
    handoffBudgetTokens: handoffBudget(env, file.handoff?.budget_tokens) ?? defaults.handoffBudgetTokens,
    corsOrigins: listFromEnv(env.AI_MEMORY_CORS_ORIGINS) ?? defaults.corsOrigins,
  };
  const webUiDir = flags.webUiDir ?? nonEmpty(env.AI_MEMORY_WEB_UI_DIR);
  if (webUiDir) config.webUiDir = webUiDir;
  const token = nonEmpty(env.AI_MEMORY_AUTH_TOKEN) ?? file.auth?.token;
  if (token) config.authToken = token;
  config.providers = loadProvidersConfig(env, options.dataDir);
  return config;
}

function parseConfigFile(text: string | undefined): z.infer<typeof FileSchema> {
  if (text === undefined || text.trim() === '') return {};
  let raw: unknown;
  try {
    raw = parseToml(text);
  } catch (error) {
    throw new MemoryError('INVALID_INPUT', `config.toml is not valid TOML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = FileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    const hint = issue.code === 'unrecognized_keys' ? ` (known: ${knownKeys(issue.path).join(', ')})` : '';
    throw new MemoryError('INVALID_INPUT', `config.toml: ${where}${issue.message}${hint}`);
  }
  return parsed.data;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

function intFromEnv(env: Env, name: string): number | undefined {
  const value = nonEmpty(env[name]);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) {
    throw new MemoryError('INVALID_INPUT', `${name} must be a non-negative integer, got ${JSON.stringify(value)}`);
  }
  return number;
}

/** Below 200 tokens the block could not even hold its own header; above 20,000 it floods the context. */
function handoffBudget(env: Env, fromFile: number | undefined): number | undefined {
  const value = intFromEnv(env, 'AI_MEMORY_HANDOFF_BUDGET_TOKENS') ?? fromFile;
  if (value !== undefined && (value < 200 || value > 20_000)) {
    throw new MemoryError('INVALID_INPUT', `AI_MEMORY_HANDOFF_BUDGET_TOKENS must be between 200 and 20000 tokens, got ${value}`);
  }
  return value;
}

function boolFromEnv(env: Env, name: string): boolean | undefined {
  const value = nonEmpty(env[name])?.toLowerCase();
  if (value === undefined) return undefined;
  return ['1', 'true', 'yes', 'on'].includes(value);
}

function listFromEnv(value: string | undefined): string[] | undefined {
  const text = nonEmpty(value);
  return text === undefined ? undefined : text.split(',').map((s) => s.trim()).filter(Boolean);
}

/** The keys a section of config.toml accepts (the sections themselves for the top level). */
function knownKeys(path: readonly PropertyKey[]): string[] {
  const section = path.length === 0 ? FileSchema : FileSchema.shape[String(path[0]) as keyof typeof FileSchema.shape]?.unwrap();
  return section ? Object.keys(section.shape) : [];
}
