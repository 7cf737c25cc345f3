import type { HistoryResponse, PageResponse, ScopeRef, SearchResponse, WritePageRequest, WritePageResponse } from '../../lib/core/contract.js';
import type { Connection } from './connection.js';
import type { McpClient } from './mcp-client.js';
import type { PageRef } from './vault-paths.js';

/** A handoff as memory_handoff_list returns it (only the fields the plugin shows). */
export interface HandoffView {
  id: string;
  state: string;
  created: string;
  summary: string;
  open_questions?: string[];
  next_steps?: string[];
  files_touched?: string[];
  /** What the session was about; the panel names the handoff after it. */
  title?: string;
  last_prompt?: string;
  last_reply?: string;
  unfixed_failures?: string[];
  decisions?: string[];
  agent?: string;
  cwd?: string;
  manual?: boolean;
}

/** A page line of memory_briefing. */
export interface BriefingPage {
  path: string;
  title: string;
  kind: string;
  updated: string;
  summary?: string;
}

export interface BriefingView {
  counts: { pages: number; sessions: number; decisions: number; rules: number; open_handoffs: number };
  pending_handoff_count: number;
  rules: BriefingPage[];
  pinned: BriefingPage[];
  recent_pages: BriefingPage[];
  last_observation_at?: string;
}

/**
 * Everything the plugin asks of the server. Reads use the JSON API (/api/v1); project
 * overviews and every write go through the MCP tools, so a write is validated, indexed and
 * committed exactly as an agent's would be.
 */
export class MemoryApi {
  constructor(
    private readonly connection: Connection,
    private readonly mcp: McpClient,
  ) {}

  /** The server's version; /healthz needs no token, so this checks only that it answers. */
  async health(): Promise<{ version: string }> {
    return this.connection.json('GET', '/healthz');
  }

  /** Workspaces with their project counts; needs the token when the server has one. */
  async workspaces(): Promise<Array<{ workspace: string; project_count: number }>> {
    return (await this.connection.json<{ workspaces: Array<{ workspace: string; project_count: number }> }>('GET', '/api/v1/workspaces')).workspaces;
  }

  /** The page now, or at commit `rev`. */
  readPage(ref: PageRef, rev?: string): Promise<PageResponse> {
    const query = rev ? `?rev=${encodeURIComponent(rev)}` : '';
    return this.connection.json('GET', `${projectPath(ref)}/pages/${encodePath(ref.path)}${query}`);
  }

  /** The page's commits, newest first. */
  history(ref: PageRef): Promise<HistoryResponse> {
    return this.connection.json('GET', `${projectPath(ref)}/history/${encodePath(ref.path)}`);
  }

  /** Memory search (full text, titles and links fused); `scope` null searches every project. */
  search(q: string, scope: ScopeRef | null, limit = 20): Promise<SearchResponse> {
    const params = new URLSearchParams({ q, limit: String(limit) });
    if (scope) {
      params.set('workspace', scope.workspace);
      params.set('project', scope.project);
    }
    return this.connection.json('GET', `/api/v1/search?${params.toString()}`);
  }

  async openHandoffs(scope: ScopeRef): Promise<HandoffView[]> {
    const result = await this.mcp.callTool<{ handoffs: HandoffView[] }>('memory_handoff_list', { ...scope, state: 'open', limit: 20 });
    return result.handoffs ?? [];
  }

  briefing(scope: ScopeRef, recentPages: number): Promise<BriefingView> {
    return this.mcp.callTool<BriefingView>('memory_briefing', { ...scope, recent_pages_limit: recentPages });
  }

  /** Writes (creates or replaces) a page; the server commits it. */
  writePage(request: WritePageRequest & ScopeRef): Promise<WritePageResponse> {
    return this.mcp.callTool<WritePageResponse>('memory_write_page', { ...request });
  }
}

function projectPath(scope: ScopeRef): string {
  return `/api/v1/workspaces/${encodeURIComponent(scope.workspace)}/projects/${encodeURIComponent(scope.project)}`;
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
