import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { createClient, type MemoryClient } from '../../lib/client/client.js';
import { serverConfigDefaults, type ServerConfig } from '../../lib/config/config.js';
import { silentLogger } from '../../lib/core/logger.js';
import { startServer, type RunningServer } from '../../lib/server/main.js';

export interface TestServer {
  dataDir: string;
  wikiDir: string;
  url: string;
  client: MemoryClient;
  running: RunningServer;
  /** Stops the server (idempotent); the data dir stays for a restart. */
  stop(): Promise<void>;
  /** Stops and starts again on the same data dir. */
  restart(overrides?: Partial<ServerConfig>): Promise<TestServer>;
  /** Stops every server started on this data dir and removes it. */
  dispose(): Promise<void>;
}

// Servers started on each temp data dir; the dir is removed only after all of them stopped.
const serversByDir = new Map<string, Array<() => Promise<void>>>();

async function disposeDir(dir: string): Promise<void> {
  for (const stop of serversByDir.get(dir) ?? []) await stop();
  serversByDir.delete(dir);
  await rm(dir, { recursive: true, force: true });
}

/**
 * A real server on an ephemeral loopback port over a temp data dir, cleaned up when the
 * calling test ends. Inside a suite's `before` hook use `startSuiteServer` and dispose it in
 * the suite's `after` instead: node:test runs an `after` registered in a hook right away.
 */
export async function startTestServer(overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const server = await startSuiteServer(overrides);
  after(() => server.dispose());
  return server;
}

export async function startSuiteServer(overrides: Partial<ServerConfig> = {}, dataDir?: string): Promise<TestServer> {
  let dir = dataDir;
  if (!dir) {
    dir = await mkdtemp(join(tmpdir(), 'aim-data-'));
    serversByDir.set(dir, []);
  }
  const config: ServerConfig = {
    ...serverConfigDefaults(dir),
    port: 0,
    externalCommitDelayMs: 100,
    persistDelayMs: 50,
    reconcileIntervalSec: 0,
    ...overrides,
  };
  const running = await startServer(config, { logger: silentLogger, version: 'test' });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await running.close();
  };
  serversByDir.get(dir)?.push(stop);
  const owned = dir;
  return {
    dataDir: dir,
    wikiDir: join(dir, 'wiki'),
    url: running.url,
    client: createClient({ serverUrl: running.url }),
    running,
    stop,
    restart: async (more = {}) => {
      await stop();
      return startSuiteServer({ ...overrides, ...more }, owned);
    },
    dispose: () => disposeDir(owned),
  };
}
