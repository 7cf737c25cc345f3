import { parseFrontmatter, splitPage } from './frontmatter.js';
import { extractLinks, type LinkRef } from './links.js';
import { firstHeading, maskCode } from './markdown.js';
import { PAGE_KINDS, type PageKind } from './page-kinds.js';
import type { PagePath } from './paths.js';

export { PAGE_KINDS, type PageKind };

export const TIERS = ['working', 'episodic', 'semantic', 'procedural'] as const;
export type Tier = (typeof TIERS)[number];

/** Folder → kind, used when frontmatter names no kind. */
const FOLDER_KINDS: Record<string, PageKind> = {
  sessions: 'session',
  handoffs: 'handoff',
  decisions: 'decision',
  rules: 'rule',
  _rules: 'rule',
  notes: 'note',
  gotchas: 'gotcha',
  concepts: 'concept',
  procedures: 'procedure',
  facts: 'fact',
};

/** Everything the index and the API need to know about one page, derived from its text. */
export interface ParsedPage {
  path: PagePath;
  frontmatter: Record<string, unknown>;
  frontmatterError?: string;
  body: string;
  title: string;
  kind: PageKind;
  tier: Tier;
  tags: string[];
  pinned: boolean;
  summary?: string;
  /** Targets this page replaces, as written (frontmatter `supersedes`). */
  supersedes: string[];
  expiresAt?: string;
  created?: string;
  updated?: string;
  sessionId?: string;
  agent?: string;
  /** For handoff pages: what selecting and claiming need, without re-reading the file. */
  handoff?: HandoffMeta;
  links: LinkRef[];
}

export interface HandoffMeta {
  state: 'open' | 'accepted' | 'expired';
  created: string;
  manual: boolean;
  cwd?: string;
  sessionId?: string;
}

export function parsePage(text: string, path: PagePath): ParsedPage {
  const parts = splitPage(text);
  const { data, error } = parseFrontmatter(parts.yaml);
  const kind = deriveKind(data.kind, path);
  // Masking code is the costly step of both title and link extraction: do it once.
  const masked = maskCode(parts.body);
  const page: ParsedPage = {
    path,
    frontmatter: data,
    body: parts.body,
    title: deriveTitle(data.title, parts.body, path, masked),
    kind,
    tier: deriveTier(data.tier, kind),
    tags: stringList(data.tags),
    pinned: data.pinned === true || data.pinned === 'true',
    supersedes: stringList(data.supersedes),
    links: extractLinks(parts.body, data, masked),
  };
  if (error) page.frontmatterError = error;
  const summary = optionalString(data.summary);
  if (summary) page.summary = summary;
  const expiresAt = normalizeInstant(data.expires_at, 'end-of-day');
  if (expiresAt) page.expiresAt = expiresAt;
  const created = optionalString(data.created);
  if (created) page.created = created;
  const updated = optionalString(data.updated);
  if (updated) page.updated = updated;
  const sessionId = optionalString(data.session_id);
  if (sessionId) page.sessionId = sessionId;
  const agent = optionalString(data.agent);
  if (agent) page.agent = agent;
  if (kind === 'handoff') page.handoff = handoffMeta(data);
  return page;
}

function handoffMeta(data: Record<string, unknown>): HandoffMeta {
  const state = data.state === 'accepted' || data.state === 'expired' ? data.state : 'open';
  const meta: HandoffMeta = { state, created: optionalString(data.created) ?? '', manual: data.manual === true };
  const cwd = optionalString(data.cwd);
  if (cwd) meta.cwd = cwd;
  const sessionId = optionalString(data.session_id);
  if (sessionId) meta.sessionId = sessionId;
  return meta;
}

export function deriveTitle(frontmatterTitle: unknown, body: string, path: string, masked?: string): string {
  const fromFrontmatter = optionalString(frontmatterTitle)?.trim();
  if (fromFrontmatter) return fromFrontmatter;
  const heading = firstHeading(body, masked);
  if (heading) return heading;
  const file = path.split('/').pop() ?? path;
  return file.replace(/\.md$/, '');
}

export function deriveKind(frontmatterKind: unknown, path: string): PageKind {
  if (typeof frontmatterKind === 'string') {
    const lower = frontmatterKind.trim().toLowerCase();
    if ((PAGE_KINDS as readonly string[]).includes(lower)) return lower as PageKind;
  }
  const folder = path.includes('/') ? path.split('/')[0]! : '';
  return FOLDER_KINDS[folder] ?? 'fact';
}

function deriveTier(value: unknown, kind: PageKind): Tier {
  if (typeof value === 'string' && (TIERS as readonly string[]).includes(value)) return value as Tier;
  if (kind === 'session' || kind === 'handoff') return 'episodic';
  if (kind === 'procedure') return 'procedural';
  return 'semantic';
}

function optionalString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
  if (typeof value === 'string' && value.trim() !== '') {
    return value.split(',').map((v) => v.trim()).filter(Boolean);
  }
  return [];
}

/**
 * Accepts RFC 3339 instants and bare `YYYY-MM-DD` dates. A bare date used as an expiry means
 * the end of that day in UTC, so a page "expiring 2026-12-01" is still visible on that day.
 */
export function normalizeInstant(value: unknown, bareDate: 'start-of-day' | 'end-of-day'): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const time = bareDate === 'end-of-day' ? 'T23:59:59.999Z' : 'T00:00:00.000Z';
    const date = new Date(`${text}${time}`);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
