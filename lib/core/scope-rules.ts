/**
 * Which project a request means, surface by surface: one table the resolvers read their
 * settings and their `resolved_by` values from (lib/services/scope-service.ts for HTTP and MCP,
 * lib/services/capture/event-scope.ts for hooks, lib/client/resolve-project.ts for the CLI and
 * the hook forwarder), and that docs/architecture.md prints (a test compares the two).
 */
export interface ScopeRule {
  /** Where requests come from. */
  surface: string;
  /** Where the names are read. */
  input: string;
  /** The rule, in the order the steps are tried. */
  rule: string;
  /** Each way a request can end up in a project, in the order they are tried. */
  resolvedBy: readonly string[];
  /** A project named without its workspace means workspace `default`. */
  defaultWorkspace: boolean;
  /** Reading an unknown project is NOT_FOUND (reads never create a project). */
  readsNeedProject: boolean;
  /** mcp: a session with an event this recent is the one the agent works in. */
  activeWindowMs?: number;
  /** mcp: how far back the latest session still names the project. */
  recentWindowMs?: number;
}

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

export const SCOPE_RULES = {
  api: {
    surface: 'HTTP `/api/v1`, `/web`',
    input: 'path `/workspaces/:ws/projects/:project`, `workspace`+`project` query or body fields',
    rule: 'both names or neither (one alone is INVALID_SCOPE); an unknown project is NOT_FOUND; a search naming neither searches every project',
    resolvedBy: ['explicit', 'all_projects'],
    defaultWorkspace: false,
    readsNeedProject: true,
  },
  admin: {
    surface: 'HTTP `/admin` (CLI writes, catch-up, consolidate, maintenance)',
    input: '`workspace`, `project` body or query fields',
    rule: 'a project alone means workspace `default`; a write creates the project, a read or consolidation needs it',
    resolvedBy: ['explicit'],
    defaultWorkspace: true,
    readsNeedProject: true,
  },
  mcp: {
    surface: 'MCP tools',
    input: 'tool arguments `workspace`+`project`, `scope`, and the sessions hooks captured',
    rule:
      'both names (a read needs the project to exist, a write creates it); else `scope: "global"` (`default/_global`); else the open session with the latest event in the last hour; else the latest session of the last 30 days (ended ones too, for reads only); else `default/scratch`. `memory_query` also takes `scopes` (explicit) or `global: true` (all_projects)',
    resolvedBy: ['explicit', 'global', 'session', 'recent', 'default', 'all_projects'],
    defaultWorkspace: false,
    readsNeedProject: true,
    activeWindowMs: HOUR_MS,
    recentWindowMs: 30 * DAY_MS,
  },
  hook: {
    surface: 'hooks (`POST /hook`, `GET /handoff`)',
    input: '`workspace`, `project`, `cwd` query fields (resolved by the forwarder, row cli), payload `cwd`',
    rule:
      'an event of a known session stays in the project the session started in (`POST /hook` only); else the names given; else the cwd folder name; else `default/scratch`. A name that is `_global`, not a valid folder or holds a secret falls back to scratch: capture never refuses an event',
    resolvedBy: ['session', 'explicit', 'cwd', 'default'],
    defaultWorkspace: true,
    readsNeedProject: false,
  },
  cli: {
    surface: 'CLI commands and the hook forwarder (`ai-memory hook`), where the agent runs',
    input: '`--workspace`/`--project` flags, `.ai-memory.toml`, the current directory',
    rule:
      'the flags; else the nearest `.ai-memory.toml` (up to home or the checkout root); else with `project_strategy = "repo-root"` the main checkout folder name (worktrees too); else the folder name; else `default/scratch`',
    resolvedBy: ['explicit', 'marker', 'repo-root', 'cwd', 'default'],
    defaultWorkspace: true,
    readsNeedProject: true,
  },
} as const satisfies Record<string, ScopeRule>;

export type ScopeSurface = keyof typeof SCOPE_RULES;
/** The `resolved_by` values a surface can give; a resolver typed with it cannot give another. */
export type ResolvedByOf<S extends ScopeSurface> = (typeof SCOPE_RULES)[S]['resolvedBy'][number];

/** The table as markdown, as docs/architecture.md shows it. */
export function scopeRulesTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = Object.values(SCOPE_RULES).map(
    (r: ScopeRule) => `| ${cell(r.surface)} | ${cell(r.input)} | ${cell(r.rule)} | ${r.resolvedBy.map((s) => `\`${s}\``).join(', ')} |`,
  );
  return ['| Surface | Names read from | Rule, in order | `resolved_by` |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
