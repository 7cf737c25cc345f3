/**
 * The capture vocabulary. Every agent's native hook event name maps to one canonical event
 * kind; the hook command and the server share this table so both sides agree on what a
 * payload is.
 */
export const EVENT_KINDS = [
  'session-start',
  'user-prompt',
  'pre-tool',
  'post-tool',
  'tool-failure',
  'pre-compact',
  'post-compact',
  'stop',
  'assistant-reply',
  'subagent-start',
  'subagent-stop',
  'session-end',
  'notification',
  'other',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Agents with first-class adapters; any other well-formed name is captured generically. */
export const KNOWN_AGENTS = [
  'claude-code',
  'codex',
  'gemini-cli',
  'cursor',
  'opencode',
  'antigravity',
  'openclaw',
  'omp',
  'pi',
  'claude-desktop',
] as const;
export type KnownAgent = (typeof KNOWN_AGENTS)[number];

const AGENT_ALIASES: Record<string, KnownAgent> = {
  claude: 'claude-code',
  claude_code: 'claude-code',
  gemini: 'gemini-cli',
  'open-code': 'opencode',
  opencode2: 'opencode',
  agy: 'antigravity',
  'antigravity-cli': 'antigravity',
  'oh-my-pi': 'omp',
  'pi-coding-agent': 'pi',
};

const AGENT_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** The agent's canonical id, or null when the name is not a usable identifier. */
export function canonicalAgent(name: string | undefined | null): string | null {
  if (typeof name !== 'string') return null;
  const lower = name.trim().toLowerCase();
  if (AGENT_ALIASES[lower]) return AGENT_ALIASES[lower];
  return AGENT_NAME.test(lower) ? lower : null;
}

// Native names, compared without case, dashes or underscores ("SessionStart",
// "session-start", "session_start" and "sessionStart" are one name).
const EVENT_ALIASES: Record<string, EventKind> = {
  sessionstart: 'session-start',
  userprompt: 'user-prompt',
  userpromptsubmit: 'user-prompt',
  beforesubmitprompt: 'user-prompt',
  beforeagent: 'user-prompt',
  chatmessage: 'user-prompt',
  pretooluse: 'pre-tool',
  pretool: 'pre-tool',
  beforetool: 'pre-tool',
  beforeshellexecution: 'pre-tool',
  beforemcpexecution: 'pre-tool',
  toolexecutebefore: 'pre-tool',
  posttooluse: 'post-tool',
  posttool: 'post-tool',
  aftertool: 'post-tool',
  aftershellexecution: 'post-tool',
  aftermcpexecution: 'post-tool',
  afterfileedit: 'post-tool',
  toolexecuteafter: 'post-tool',
  posttoolusefailure: 'tool-failure',
  toolfailure: 'tool-failure',
  precompact: 'pre-compact',
  precompress: 'pre-compact',
  sessioncompacting: 'pre-compact',
  postcompact: 'post-compact',
  postcompaction: 'post-compact',
  sessioncompacted: 'post-compact',
  stop: 'stop',
  afteragent: 'stop',
  afteragentresponse: 'assistant-reply',
  assistantreply: 'assistant-reply',
  sessionidle: 'stop',
  subagentstart: 'subagent-start',
  subagentstop: 'subagent-stop',
  subagentend: 'subagent-stop',
  sessionend: 'session-end',
  sessiondeleted: 'session-end',
  notification: 'notification',
  // Pi and Oh My Pi extension events, forwarded under their own names (session_start is above).
  beforeagentstart: 'user-prompt',
  toolcall: 'pre-tool',
  toolresult: 'post-tool',
  agentend: 'stop',
  sessionbeforecompact: 'pre-compact',
  sessioncompact: 'post-compact',
  sessionshutdown: 'session-end',
  // OpenClaw plugin hooks (hooks/openclaw/index.js forwards them under their own names).
  beforepromptbuild: 'user-prompt',
  aftertoolcall: 'post-tool',
  beforecompaction: 'pre-compact',
  aftercompaction: 'post-compact',
};

export function canonicalEvent(native: string | undefined | null): EventKind {
  if (typeof native !== 'string') return 'other';
  const key = native.toLowerCase().replace(/[^a-z]/g, '');
  return EVENT_ALIASES[key] ?? 'other';
}

/** Agents whose hooks have no session-end event: their sessions close at the next start or when idle. */
// OpenCode's plugin API ends a turn (session.idle), not a session: session.deleted comes only when one is deleted.
// OpenClaw sends session_end from its Gateway only: a one-shot `openclaw agent --local` never ends one.
export const AGENTS_WITHOUT_SESSION_END: ReadonlySet<string> = new Set(['codex', 'antigravity', 'opencode', 'openclaw']);

/**
 * Whether a pre-compact event means the context is about to be compacted. Gemini CLI (0.61)
 * fires PreCompress with trigger "auto" before every turn, before it checks the history against
 * its threshold (ChatCompressionService.compress), and the payload carries no token count or
 * outcome: an automatic one is a check, not a compaction, so it gets no timeline row and no
 * checkpoint. "manual" is the user's /compress, which compresses. Other agents fire their
 * pre-compact hook only when they compact.
 */
export function announcesCompaction(event: { kind: EventKind; native: string; source?: string | undefined }): boolean {
  if (event.kind !== 'pre-compact') return false;
  const isGeminiCheck = event.native.toLowerCase().replace(/[^a-z]/g, '') === 'precompress' && event.source !== 'manual';
  return !isGeminiCheck;
}
