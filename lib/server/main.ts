import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import type { Server } from 'node:http';
import { loadServerConfig, resolveDataDir, type ServerConfig, type ServerFlags } from '../config/config.js';
import { packageVersion } from '../config/version.js';
import { MemoryError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { MemoryIndex, type Progress } from '../index/memory-index.js';
import { WikiWatcher } from '../index/watcher.js';
import { createProviders } from '../services/llm/providers.js';
import type { ServiceDeps } from '../services/deps.js';
import { createServices, type Services } from '../services/services.js';
import { acquireLock, readConfigFile, dataDirLayout, ensureDataDir } from '../store/data-dir.js';
import { openWikiStore } from '../store/wiki-store.js';
import { recordServer } from '../store/server-record.js';
import { localUrl } from '../config/server-file.js';
import { createApp } from './app.js';
import { closeHttp } from './http/close-http.js';
import { allowedHostSet } from './http/security.js';
import { createServerLogger } from './logger.js';
import { checkWebUiDir } from './web/custom-ui.js';
import { watchParent } from './parent-watch.js';
import { preloadWhenIdle } from './idle-preload.js';
import { warmCapturePath } from '../core/capture/warm-up.js';
import { commitOfflineEdits } from './offline-edits.js';
import { warmDateParser } from '../core/query-dates.js';
import { newRehearsalKey, rehearseCapture } from './warm-http.js';
import { warmAppendPath } from '../store/raw-log-warm-up.js';
import { ANTHROPIC_OAUTH_WARNING } from '../config/llm-config.js';

export interface RunningServer {
  url: string;
  port: number;
  services: Services;
  /** What the services were built on (store, index): for tests and benchmarks that set up data. */
  deps: ServiceDeps;
  index: MemoryIndex;
  watcher: WikiWatcher | undefined;
  close(): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  version: string;
  /** Progress of a cold index build, for a terminal. */
  onIndexProgress?: Progress;
  /** How long the start-up rehearsal of `POST /hook` may take (warm-http.ts); for tests. */
  rehearsalDeadlineMs?: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
/** `generate-auth-token` makes 64 hex characters; a network-facing token needs at least half that. */
export const MIN_TOKEN_LENGTH = 32;

/** Why a token is too weak to face a network, or null. */
export function tokenWeakness(token: string): string | null {
  if (token.length < MIN_TOKEN_LENGTH) return `${token.length} characters, at least ${MIN_TOKEN_LENGTH} needed`;
  if (new Set(token).size < 8) return 'fewer than 8 distinct characters';
  return null;
}

/** The composition root: builds store, index, watcher, services and HTTP app, then listens. */
export async function startServer(config: ServerConfig, options: StartOptions): Promise<RunningServer> {
  const { logger, version } = options;
  if (!LOOPBACK.has(config.host) && !config.authToken) {
    throw new MemoryError(
      'FORBIDDEN',
      `refusing to listen on ${config.host} without AI_MEMORY_AUTH_TOKEN; set a token (ai-memory generate-auth-token) or bind 127.0.0.1`,
    );
  }
  const weakness = config.authToken ? tokenWeakness(config.authToken) : null;
  if (weakness && !LOOPBACK.has(config.host)) {
    throw new MemoryError('FORBIDDEN', `refusing to listen on ${config.host} with a weak AI_MEMORY_AUTH_TOKEN (${weakness}); make one with \`ai-memory generate-auth-token\``);
  }
  if (weakness) logger.warn(`AI_MEMORY_AUTH_TOKEN is weak (${weakness}); fine on loopback, refused on any other address. Make one with \`ai-memory generate-auth-token\``);
  if (config.webUiDir) checkWebUiDir(config.webUiDir);
  const store = await openWikiStore(config.dataDir);
  const releaseLock = await acquireLock(store.layout);
  try {
    logger.info(`data dir ${store.layout.root}`);
    const index = await MemoryIndex.open(
      { files: store.files, git: store.git, indexDir: store.layout.index, logger, persistDelayMs: config.persistDelayMs },
      options.onIndexProgress,
    );
    const deps: ServiceDeps = { store, index, logger, version, providers: createProviders(config.providers), get watcher() { return watcher; } };
    const services = createServices(
      deps,
      {
        externalCommitDelayMs: config.externalCommitDelayMs,
        sessionIdleMs: config.sessionIdleMinutes * 60_000,
        sessionStaleMs: 10 * 60_000,
        maxHookInFlight: config.maxHookInFlight,
        handoffBudgetTokens: config.handoffBudgetTokens,
      },
    );
    await services.sessions.load();
    void services.recoverConsolidations().then(
      (queued) => queued > 0 && logger.info(`consolidation: ${queued} session page(s) from before the restart queued`),
      (error: unknown) => logger.warn(`consolidation recovery: ${(error as Error).message}`),
    );
    let watcher: WikiWatcher | undefined;
    if (config.watch) {
      watcher = new WikiWatcher({
        root: store.layout.wiki,
        index,
        logger,
        reconcileIntervalSec: config.reconcileIntervalSec,
        onExternalChange: (rels) => services.externalCommits.schedule(rels),
        exclusive: (work) => store.writer.run(work),
      });
      await watcher.start();
    }

    // Sessions of agents that never say goodbye are closed when they go quiet.
    const idleTimer = setInterval(() => void services.sessions.closeIdle(), Math.min(60_000, config.sessionIdleMinutes * 15_000));
    idleTimer.unref();

    let server: Server | undefined;
    let stopStdio: (() => Promise<void>) | undefined;
    let url = '';
    let port = 0;

    let forgetServer: (() => Promise<void>) | undefined;
    let closing: Promise<void> | undefined;
    // The post-start check for offline edits (below), once begun: a stop waits for the part of it
    // run in this process, so the commit it schedules is flushed with the others (offline-edits.ts).
    let catchingUp: Promise<unknown> | undefined;
    let announceStop: () => void = () => {};
    const stopping = new Promise<void>((resolve) => (announceStop = resolve));
    const close = () => {
      closing ??= (async () => {
        announceStop();
        await forgetServer?.();
        await stopStdio?.();
        if (server) await closeHttp(server);
        clearInterval(idleTimer);
        services.consolidationQueue.stop();
        services.embeddings.stopRefreshing();
        await watcher?.stop();
        await catchingUp;
        await services.sessions.drain();
        await services.externalCommits.flush();
        await store.writer.drain();
        await store.git.close();
        await store.access.flush();
        await index.close();
        await releaseLock();
      })();
      return closing;
    };

    try {
      if (config.transport === 'stdio') {
        // The MCP SDK loads here, for the stdio transport only; over HTTP /mcp loads it on first use.
        const { serveStdio } = await import('./mcp/stdio.js');
        stopStdio = await serveStdio(services, logger, version);
        logger.info(`ai-memory ${version} serving MCP on stdio`);
      } else {
        const allowedHosts = allowedHostSet(config.host, config.allowedHosts);
        warmCapturePath();
        const rehearsalKey = newRehearsalKey();
        server = await listen(createApp({ services, logger, version, authToken: config.authToken, allowedHosts, webUiDir: config.webUiDir, corsOrigins: config.corsOrigins, rehearsalKey }), config.port, config.host);
        port = (server.address() as AddressInfo).port;
        url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
        // Before the server is announced (log, stdout, the recorded URL clients follow).
        await rehearseCapture({ url: localUrl(config.host, port), key: rehearsalKey, authToken: config.authToken, deadlineMs: options.rehearsalDeadlineMs, alongside: warmAppendPath }, logger);
        logger.info(`ai-memory ${version} listening on ${url}; web UI at ${url}/web/`);
        forgetServer = await recordServer(store.layout, localUrl(config.host, port)).catch((error: unknown) => {
          logger.warn(`could not record the server URL in the data dir (clients need --server-url): ${(error as Error).message}`);
          return undefined;
        });
      }
    } catch (error) {
      // The watcher, timers and index are running by now: stop them, or the process would stay
      // alive after reporting that the port is taken.
      await close().catch((closeError: unknown) => logger.warn(`cleanup after a failed start: ${(closeError as Error).message}`));
      throw error;
    }
    // Work that needs git (isomorphic-git loads with it) and that no request waits on runs once
    // the server is up, in its first quiet second, not among the first requests: loading
    // isomorphic-git and checking the wiki against HEAD held an agent's first hooks up by tens of
    // ms. The history index (its saved snapshot, ~0.1-0.3 s to read at 50k pages, then the walk to
    // HEAD) catches up at the same moment; a history question before that reads it itself. Edits
    // made while no server ran are committed within CATCH_UP_LATEST_MS even under steady traffic.
    const catchUp = () => {
      if (catchingUp || closing) return;
      catchingUp = commitOfflineEdits({ index, store, externalCommits: services.externalCommits }, stopping, logger);
      void index.history.update().catch((error: unknown) => logger.warn(`history index: ${(error as Error).message}`));
    };
    if (server) {
      preloadWhenIdle(server, logger, () => closing !== undefined, () => {
        catchUp();
        // The first search that names a date (or a word ending like one) would compile the parser.
        warmDateParser();
      });
      setTimeout(catchUp, CATCH_UP_LATEST_MS).unref();
    } else {
      setImmediate(catchUp);
    }
    return { url, port, services, deps, index, watcher, close };
  } catch (error) {
    await releaseLock();
    throw error;
  }
}

/** The latest moment after listening at which edits made while no server ran get their commit. */
const CATCH_UP_LATEST_MS = 30_000;

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new MemoryError('CONFLICT', `port ${port} on ${host} is already in use; is another ai-memory running? (pass --port)`));
      } else {
        reject(error);
      }
    });
  });
}

/** Entry point for `ai-memory serve`: reads configuration once, starts, and stops on signals. */
export async function runServe(flags: ServerFlags, env: Record<string, string | undefined>, launch: { exitWithParent?: boolean } = {}): Promise<void> {
  const dataDir = resolveDataDir(flags, env, homedir(), process.cwd());
  const layout = dataDirLayout(dataDir);
  await ensureDataDir(layout);
  const config = loadServerConfig({ flags, env, dataDir, configToml: await readConfigFile(layout) });
  const stdio = config.transport === 'stdio';
  // On stdio, stdout belongs to the MCP protocol: only warnings reach stderr.
  const logger = createServerLogger(layout.logs, { quiet: stdio });
  const version = packageVersion(import.meta.url);
  if (config.providers?.llm?.provider === 'anthropic-oauth') logger.warn(ANTHROPIC_OAUTH_WARNING);
  const progress = process.stderr.isTTY && !stdio ? terminalProgress('indexing wiki') : undefined;
  // A stop asked for while the index loads (systemctl stop, docker stop: node is PID 1 there, and
  // PID 1 gets no default action) is remembered and carried out once the server is up; a second
  // signal quits at once, which the write path survives like a crash. One listener per signal
  // serves the whole run: Node drops a signal whose listener is removed before the event loop
  // hands it over, so swapping listeners once the server was up lost a SIGTERM sent right after
  // "listening" and the server never stopped.
  let stopAskedBy: string | undefined;
  let shutdown: ((reason: string) => void) | undefined;
  let signals = 0;
  const requestStop = (reason: string, bySignal: boolean) => {
    if (bySignal && (signals += 1) > 1) process.exit(130);
    if (stopAskedBy) return; // already stopping, or will be once up
    stopAskedBy = reason;
    if (shutdown) shutdown(reason);
    else logger.info(`received ${reason} while starting; stopping as soon as the server is up (again to quit now)`);
  };
  process.on('SIGINT', () => requestStop('SIGINT', true));
  process.on('SIGTERM', () => requestStop('SIGTERM', true));
  if (launch.exitWithParent) watchParent(() => requestStop('the exit of its launcher (npm start)', false));
  let stop: () => Promise<void>;
  try {
    const running = await startServer(config, { logger, version, ...(progress ? { onIndexProgress: progress } : {}) });
    // For scripts that wait on stdout; on a terminal the log line above already says it.
    if (!stdio && !(process.stdout.isTTY && process.stderr.isTTY)) process.stdout.write(`ai-memory listening on ${running.url}\nweb UI: ${running.url}/web/\n`);
    stop = running.close;
  } catch (error) {
    // Another server owns the data dir: a stdio client is bridged to it instead of refused.
    if (!(stdio && error instanceof MemoryError && error.code === 'CONFLICT')) throw error;
    const serverUrl = (env.AI_MEMORY_SERVER_URL ?? `http://127.0.0.1:${config.port}`).replace(/\/+$/, '');
    logger.warn(`another ai-memory server owns ${dataDir}; bridging stdio MCP to ${serverUrl}`);
    const { bridgeStdioToHttp } = await import('./mcp/bridge.js');
    stop = await bridgeStdioToHttp(serverUrl, version, config.authToken);
  }
  shutdown = (reason: string) => {
    logger.info(`received ${reason}, shutting down`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  if (stdio) process.stdin.once('end', () => requestStop('end of stdin', false));
  if (stopAskedBy) shutdown(stopAskedBy);
}

function terminalProgress(label: string): Progress {
  return (done, total) => {
    process.stderr.write(`\r${label}: ${done}/${total}${done === total ? '\n' : ''}`);
  };
}
