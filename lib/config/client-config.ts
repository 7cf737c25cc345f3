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

/**
 * Precedence: the flag, `AI_MEMORY_SERVER_URL`, the URL the running server recorded in the data
 * dir (`recorded`, see server-file.ts), the default port.
 */
export function loadClientConfig(env: Env, flags: { serverUrl?: string | undefined; authToken?: string | undefined } = {}, recorded?: string): ClientConfig {
  const serverUrl = (flags.serverUrl ?? nonEmpty(env.AI_MEMORY_SERVER_URL) ?? recorded ?? `http://${DEFAULT_HOST}:${DEFAULT_PORT}`).replace(/\/+$/, '');
  const config: ClientConfig = { serverUrl };
  const token = flags.authToken ?? nonEmpty(env.AI_MEMORY_AUTH_TOKEN);
  if (token) config.authToken = token;
  return config;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}
