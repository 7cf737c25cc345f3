import { DEFAULT_HOST, DEFAULT_PORT } from '../core/contract.js';

/**
 * What a client (the CLI, the hook command) needs: where the server is and the token. Kept apart
 * from the server's configuration so a hook, which runs on every tool call, loads no schema
 * library.
 */
export interface ClientConfig {
  serverUrl: string;
  authToken?: string;
}

export type Env = Record<string, string | undefined>;

export function loadClientConfig(env: Env, flags: { serverUrl?: string | undefined; authToken?: string | undefined } = {}): ClientConfig {
  const serverUrl = (flags.serverUrl ?? nonEmpty(env.AI_MEMORY_SERVER_URL) ?? `http://${DEFAULT_HOST}:${DEFAULT_PORT}`).replace(/\/+$/, '');
  const config: ClientConfig = { serverUrl };
  const token = flags.authToken ?? nonEmpty(env.AI_MEMORY_AUTH_TOKEN);
  if (token) config.authToken = token;
  return config;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}
