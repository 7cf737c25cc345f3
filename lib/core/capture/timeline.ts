import type { CapturedEvent } from './captured-event.js';
import { announcesCompaction } from './events.js';
import { unframedOutput } from './tool-outcome.js';

/**
 * A session as a person reads it: what was asked, what the agent did and what it answered.
 * Hooks report a tool call twice (before and after); a reader wants one row per call with its
 * outcome, so the two halves are folded here.
 */
export type TimelineRow = PromptRow | ReplyRow | ToolRow | MarkerRow;

export interface PromptRow {
  type: 'prompt';
  at: string;
  text: string;
}

export interface ReplyRow {
  type: 'reply';
  at: string;
  text: string;
}

export interface ToolRow {
  type: 'tool';
  at: string;
  /** When the result arrived; absent while the call is still running (or its result was never captured). */
  done_at?: string;
  name: string;
  /** The command, file or arguments as captured (newlines kept). */
  input?: string;
  output?: string;
  failed: boolean;
  exit_code?: number;
  error?: string;
  files?: string[];
}

/** Session boundaries, compactions, subagents, notifications. */
export interface MarkerRow {
  type: 'marker';
  at: string;
  kind: string;
  detail?: string;
}

export function foldTimeline(events: CapturedEvent[]): TimelineRow[] {
  const rows: TimelineRow[] = [];
  // Calls waiting for their result, oldest first: hooks carry no call id everywhere, so a result
  // pairs with the oldest open call of the same tool and input (agents run calls in order).
  const open: ToolRow[] = [];
  for (const event of events) {
    if (event.kind === 'user-prompt' && event.prompt) rows.push({ type: 'prompt', at: event.at, text: event.prompt });
    else if (event.kind === 'assistant-reply' && event.reply) rows.push({ type: 'reply', at: event.at, text: event.reply });
    else if (event.tool && event.kind === 'pre-tool') {
      const row = toolRow(event);
      rows.push(row);
      open.push(row);
    } else if (event.tool && (event.kind === 'post-tool' || event.kind === 'tool-failure')) {
      const index = open.findIndex((row) => row.name === event.tool!.name && (row.input === undefined || event.tool!.input === undefined || row.input === event.tool!.input));
      if (index >= 0) complete(open.splice(index, 1)[0]!, event);
      else rows.push(complete(toolRow(event), event));
    } else if (event.kind === 'pre-compact' && !announcesCompaction(event)) {
      // Gemini CLI's per-turn compression check: nothing happened to the context.
      continue;
    } else if (event.kind !== 'stop' || event.text) {
      const detail = event.text ?? event.source ?? event.subagent;
      rows.push({ type: 'marker', at: event.at, kind: event.kind, ...(detail ? { detail } : {}) });
    }
  }
  return rows;
}

function toolRow(event: CapturedEvent): ToolRow {
  const tool = event.tool!;
  const row: ToolRow = { type: 'tool', at: event.at, name: tool.name, failed: false };
  if (tool.input !== undefined) row.input = tool.input;
  if (tool.files && tool.files.length > 0) row.files = tool.files;
  return row;
}

function complete(row: ToolRow, event: CapturedEvent): ToolRow {
  const tool = event.tool!;
  row.done_at = event.at;
  if (row.input === undefined && tool.input !== undefined) row.input = tool.input;
  if (tool.output !== undefined) row.output = tool.output;
  if (tool.failed || event.kind === 'tool-failure') row.failed = true;
  if (tool.exit_code !== undefined) {
    row.exit_code = tool.exit_code;
    if (tool.exit_code !== 0) row.failed = true;
  }
  if (tool.error !== undefined) row.error = tool.error;
  if (tool.files && tool.files.length > 0) row.files = [...new Set([...(row.files ?? []), ...tool.files])];
  return row;
}

/**
 * The first lines of a failure as the tool printed them (newlines kept); the capture's one-line
 * error excerpt when no output was kept.
 */
export function failureExcerpt(row: ToolRow, maxLines = 6): string | undefined {
  const text = row.output ? unframedOutput(row.output).replace(/^\s*\n/, '') : row.error;
  if (!text) return undefined;
  const lines = text.replace(/\s+$/, '').split('\n');
  return lines.length > maxLines ? `${lines.slice(0, maxLines).join('\n')}\n…` : lines.join('\n');
}
