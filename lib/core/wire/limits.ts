/**
 * Every size limit of a wire request, in one place: the HTTP routes, the MCP tools and the
 * services read them from here, so a limit changes once and every surface says the same number.
 * Where two surfaces differ on purpose (an agent's context against a browsing UI), both are here,
 * named for their surface.
 */
export const LIMITS = {
  workspaceChars: 64,
  projectChars: 128,
  /** A page path inside a project (each segment is also capped at 200 bytes by core/paths.ts). */
  pathChars: 512,
  queryChars: 2000,
  /** Title type-ahead: the beginning of a title. */
  titleQueryChars: 200,
  /** Projects one search may name in `scopes`. */
  searchScopes: 25,
  /** A page body, in UTF-8 bytes: larger pages should be split. */
  bodyBytes: 1024 * 1024,
  titleChars: 300,
  tags: 32,
  tagChars: 64,
  /** Other names of a page (frontmatter `aliases`, as Obsidian reads them). */
  aliases: 20,
  aliasChars: 120,
  summaryChars: 500,
  supersedes: 20,
  /** `instructions` of a consolidation (the project's `_prompts/consolidation.md` is cut there too). */
  instructionChars: 2000,
  /** Links away a related page may be. */
  relatedDepth: 3,
  sessionIdChars: 256,
  handoffIdChars: 64,
  handoffSummaryChars: 3000,
  handoffItems: 20,
  handoffItemChars: 1500,
  cwdChars: 1024,
  focusChars: 500,
  reasonChars: 500,
  observationQueryChars: 500,
  /** A git remote: a URL or a path. */
  remoteChars: 2048,
  userNameChars: 64,
} as const;

/** `limit` (and similar counts): the default when absent, and the largest accepted. */
export interface CountLimit {
  /** Absent where no limit means "all" (GET .../history). */
  fallback?: number;
  max: number;
}

export const COUNTS = {
  /** Search hits, recent pages, briefing and overview lists: the same on every surface. */
  hits: { fallback: 10, max: 100 },
  /** memory_history: an agent rarely needs more than a screen of commits. */
  historyForAgent: { fallback: 20, max: 100 },
  /** GET .../history: every commit unless limited. */
  historyForApi: { max: 1000 },
  handoffs: { fallback: 50, max: 200 },
  /** memory_explore: recent pages the digest draws on. */
  exploreRecent: { fallback: 15, max: 100 },
  /** memory_read_session_observations: events land in an agent's context, so smaller pages. */
  observationsForAgent: { fallback: 50, max: 200 },
  observationsForApi: { fallback: 100, max: 1000 },
  sessions: { fallback: 50, max: 500 },
  titles: { fallback: 10, max: 50 },
  /** The web UI's title suggestions under the search box. */
  webTitles: { fallback: 8, max: 20 },
} as const satisfies Record<string, CountLimit>;

/** Characters of each event body: at least 200 for an agent (less says nothing). */
export const OBSERVATION_BODY = {
  forAgent: { min: 200, fallback: 4000, max: 16384 },
  forApi: { min: 1, fallback: 2000, max: 20000 },
} as const;
