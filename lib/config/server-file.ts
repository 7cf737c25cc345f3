import { readFileSync } from 'node:fs';
import { posix } from 'node:path';

/**
 * `<data>/server.json`: where the server that owns a data dir listens. `serve` writes it once
 * it listens and removes it when it stops, so a client started without `--server-url` or
 * `AI_MEMORY_SERVER_URL` finds a server started with `--port 8080` instead of knocking on
 * the default port. Read without any schema library: the hook path must stay light.
 */
export const SERVER_FILE = 'server.json';

export interface ServerRecord {
  url: string;
  web_url: string;
  pid: number;
  started_at: string;
}

/** The data dir a client looks in: `AI_MEMORY_DATA_DIR`, else the default the server uses. */
export function clientDataDir(env: Record<string, string | undefined>, homeDir: string, cwd: string): string {
  const given = env.AI_MEMORY_DATA_DIR?.trim();
  if (given) return posix.resolve(cwd, given);
  const xdg = env.XDG_DATA_HOME;
  return posix.join(xdg && xdg.startsWith('/') ? xdg : posix.join(homeDir, '.local', 'share'), 'ai-memory');
}

/** The URL recorded in the data dir, if the process that wrote it is still alive. */
export function recordedServerUrl(dataDir: string): string | undefined {
  let record: Partial<ServerRecord>;
  try {
    record = JSON.parse(readFileSync(posix.join(dataDir, SERVER_FILE), 'utf8')) as Partial<ServerRecord>;
  } catch {
    return undefined;
  }
  if (typeof record.url !== 'string' || !/^https?:\/\//.test(record.url) || typeof record.pid !== 'number') return undefined;
  return isAlive(record.pid) ? record.url : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, owned by someone else (a server run by another user or in a container).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The URL a local client should use: a wildcard bind is reached on loopback. */
export function localUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
