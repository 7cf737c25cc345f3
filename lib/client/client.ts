import type { ClientConfig } from '../config/client-config.js';
import type {
  HistoryResponse,
  PageResponse,
  PageSummary,
  ProjectSummary,
  ReindexResponse,
  SearchRequest,
  SearchResponse,
  StatusResponse,
  WorkspaceSummary,
  WritePageRequest,
  UserView,
  WritePageResponse,
  PurgeResult,
  RenameResult,
  SyncResult,
} from '../core/contract.js';
import type { DiffResponse, ProjectOverview } from '../core/contract-browse.js';
import { MemoryError } from '../core/errors.js';
import { parsePagePath } from '../core/paths.js';
import type { BootstrapRequest } from '../core/maintenance/bootstrap-input.js';
import type { BootstrapResponse, CatchUpResponse, ConsolidateResponse, EmbedReport, LintReport, SweepReport } from '../core/maintenance/reports.js';

export type ProgressHandler = (done: number, total: number) => void;

export interface ScopeArgs {
  workspace: string;
  project: string;
}

/**
 * A typed HTTP client of the server. Every CLI command but `serve` goes through it; server
 * errors come back as the same MemoryError they were on the server side.
 */
export function createClient(config: ClientConfig, options: { timeoutMs?: number } = {}) {
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function request(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}, timeout: number | null = timeoutMs): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    if (config.authToken) headers.authorization = `Bearer ${config.authToken}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${config.serverUrl}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(timeout !== null ? { signal: AbortSignal.timeout(timeout) } : {}),
      });
    } catch (error) {
      throw unreachable(config.serverUrl, error);
    }
    if (!response.ok) {
      const text = await response.text();
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: a proxy or another program answered
      }
      throw MemoryError.fromJSON(parsed, `${method} ${path} failed with HTTP ${response.status}`);
    }
    return response;
  }

  async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await (await request(method, path, body)).json()) as T;
  }

  /** Reads an NDJSON progress stream (see the server's respondWithProgress) to its result. */
  async function withProgress<T>(path: string, body: unknown, onProgress?: ProgressHandler): Promise<T> {
    const response = await request('POST', path, body, { accept: 'application/x-ndjson' }, null);
    if (!response.headers.get('content-type')?.includes('ndjson')) return (await response.json()) as T;
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line === '') continue;
        const message = JSON.parse(line) as { progress?: { done: number; total: number }; result?: T; error?: string };
        if (message.progress) onProgress?.(message.progress.done, message.progress.total);
        else if (message.error !== undefined) throw MemoryError.fromJSON(message);
        else if ('result' in message) return message.result as T;
      }
    }
    throw new MemoryError('INTERNAL', `${path}: the server closed the stream without a result`);
  }

  const scopePath = (scope: ScopeArgs) => `/api/v1/workspaces/${enc(scope.workspace)}/projects/${enc(scope.project)}`;

  return {
    serverUrl: config.serverUrl,
    health: () => json<{ ok: boolean; version: string }>('GET', '/healthz'),
    status: () => json<StatusResponse>('GET', '/admin/status'),
    workspaces: () => json<{ workspaces: WorkspaceSummary[] }>('GET', '/api/v1/workspaces'),
    projects: (workspace?: string) =>
      json<{ projects: ProjectSummary[] }>('GET', `/api/v1/projects${workspace ? `?workspace=${enc(workspace)}` : ''}`),
    pages: (scope: ScopeArgs) => json<{ pages: PageSummary[] }>('GET', `${scopePath(scope)}/pages`),
    /** Counts, recent pages and the pending handoff, read without claiming it. */
    overview: (scope: ScopeArgs) => json<ProjectOverview>('GET', `${scopePath(scope)}/overview`),
    search: (body: SearchRequest) => json<SearchResponse>('POST', '/api/v1/search', body),
    readPage: (scope: ScopeArgs, path: string, at: { rev?: string; asOf?: string } = {}) => {
      const params = new URLSearchParams();
      if (at.rev) params.set('rev', at.rev);
      if (at.asOf) params.set('as_of', at.asOf);
      const suffix = params.size > 0 ? `?${params}` : '';
      return json<PageResponse>('GET', `${scopePath(scope)}/pages/${encPath(path)}${suffix}`);
    },
    history: (scope: ScopeArgs, path: string) => json<HistoryResponse>('GET', `${scopePath(scope)}/history/${encPath(path)}`),
    diff: (scope: ScopeArgs, path: string, rev: string) => json<DiffResponse>('GET', `${scopePath(scope)}/diff/${encPath(path)}?rev=${enc(rev)}`),
    writePage: (body: WritePageRequest) => json<WritePageResponse>('POST', '/admin/write-page', body),
    deletePage: (body: ScopeArgs & { path: string }) => json<{ deleted: boolean; commit?: string }>('POST', '/admin/delete-page', body),
    reindex: (onProgress?: ProgressHandler) => withProgress<ReindexResponse>('/admin/reindex', {}, onProgress),
    purgeProject: (body: { workspace?: string | undefined; project: string; confirm: boolean }) =>
      json<PurgeResult>('POST', '/admin/purge-project', body),
    renameProject: (body: { workspace?: string | undefined; from: string; to: string }) => json<RenameResult>('POST', '/admin/rename-project', body),
    /** The backup archive as a byte stream; large, so no timeout. */
    backup: async () => (await request('GET', '/admin/backup', undefined, { accept: 'application/gzip' }, null)).body,
    sync: (remote?: string) => json<SyncResult>('POST', '/admin/sync', remote ? { remote } : {}),
    users: () => json<{ users: UserView[] }>('GET', '/admin/users'),
    addUser: (name: string) => json<UserView & { token: string }>('POST', '/admin/users', { name }),
    userAction: (name: string, action: 'expire' | 'revive' | 'rotate-token') =>
      json<UserView & { token?: string }>('POST', `/admin/users/${enc(name)}/${action}`, {}),
    forgetSweep: (body: MaintenanceArgs) => json<SweepReport>('POST', '/admin/forget-sweep', body),
    lint: (body: MaintenanceArgs & { no_llm?: boolean }) => json<LintReport>('POST', '/admin/lint', body),
    bootstrap: (body: BootstrapRequest) => json<BootstrapResponse>('POST', '/admin/bootstrap', body),
    catchUp: (scope: ScopeArgs, focus?: string) =>
      json<CatchUpResponse>('GET', `/admin/catch-up?${new URLSearchParams({ ...scope, ...(focus ? { focus } : {}) })}`),
    embed: (body: { force?: boolean; dry_run?: boolean }, onProgress?: ProgressHandler) => withProgress<EmbedReport>('/admin/embed', body, onProgress),
    consolidate: (body: ScopeArgs & { session_id?: string; dry_run?: boolean; multi_page?: boolean; instructions?: string }) => json<ConsolidateResponse>('POST', '/admin/consolidate', body),
  };
}

export type MemoryClient = ReturnType<typeof createClient>;

/** Scope (both or neither) and dry-run of a maintenance command. */
export interface MaintenanceArgs {
  workspace?: string;
  project?: string;
  dry_run?: boolean;
}

function enc(value: string): string {
  return encodeURIComponent(value);
}

/**
 * Validated before it goes into a URL: `fetch` would resolve `..` segments away, so
 * `read-page ../../x` would reach some other route instead of the page-path error.
 */
function encPath(path: string): string {
  return parsePagePath(path).split('/').map(encodeURIComponent).join('/');
}

// undici's codes for a connection that was open and then closed under the request.
const DROPPED = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED']);

function unreachable(serverUrl: string, error: unknown): MemoryError {
  if (!/^https?:\/\//i.test(serverUrl)) {
    return new MemoryError(
      'INVALID_INPUT',
      `the server URL ${JSON.stringify(serverUrl)} is not an http(s) URL; set AI_MEMORY_SERVER_URL (or --server-url) to one such as http://127.0.0.1:49374`,
      { url: serverUrl },
    );
  }
  const cause = error as { name?: string; cause?: { code?: string } };
  if (cause?.name === 'TimeoutError') {
    return new MemoryError('SERVER_UNREACHABLE', `the ai-memory server at ${serverUrl} did not answer in time`);
  }
  // The server took the request and the connection broke before the answer: it may have been
  // carried out (a server stopping cuts what outlasts its grace period), so do not say "not running".
  if (DROPPED.has(cause?.cause?.code ?? '')) {
    return new MemoryError(
      'SERVER_UNREACHABLE',
      `the connection to the ai-memory server at ${serverUrl} broke before it answered (was it stopping?); the request may have been carried out, so check (e.g. \`ai-memory read-page\`, \`ai-memory history\`) before you repeat it`,
      { url: serverUrl },
    );
  }
  return new MemoryError(
    'SERVER_UNREACHABLE',
    `the ai-memory server is not running at ${serverUrl}. Start it with \`ai-memory serve\` (or \`npm start\`), or point --server-url (or AI_MEMORY_SERVER_URL) at it.`,
    { url: serverUrl },
  );
}
