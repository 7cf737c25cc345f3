import type { CapturedEvent, CapturedTool } from './captured-event.js';
import { isShellTool, toolOutcome } from './tool-outcome.js';

/**
 * What the tool calls of a session leave behind: failures split into those fixed later (the
 * same command, or an edit of the same file, succeeded afterwards) and those still failing,
 * and the files changed (edits and writes, not reads), most recent first.
 */
export interface ToolFailure {
  at: string;
  tool: string;
  /** The command or file, one line. */
  target: string;
  exitCode?: number;
  error?: string;
}

export interface ToolHistory {
  unfixed: ToolFailure[];
  fixed: ToolFailure[];
  filesChanged: string[];
}

/** Tools that look at files without changing them. */
const READ_ONLY = /^(?:read|read_file|read_many_files|view|cat|glob|grep|grep_search|search|search_file_content|codebase_search|list|ls|list_dir|list_directory|find|find_files|webfetch|web_fetch|fetch|websearch|web_search|google_web_search|open|notebookread|todoread|todowrite|task|lsp)$/i;

export function toolHistory(events: CapturedEvent[]): ToolHistory {
  const calls = events.filter((e) => (e.kind === 'post-tool' || e.kind === 'tool-failure') && e.tool);
  const latest = new Map<string, { failure: ToolFailure | null; failedBefore: ToolFailure | null }>();
  const files: string[] = [];
  for (const event of calls) {
    const tool = event.tool!;
    const key = keyOf(tool);
    const previous = latest.get(key);
    if (tool.failed) {
      latest.set(key, { failure: failureOf(event.at, tool), failedBefore: previous?.failedBefore ?? null });
    } else {
      // A success after a failure of the same call fixed it.
      const fixed = previous?.failure ?? previous?.failedBefore ?? null;
      latest.set(key, { failure: null, failedBefore: fixed });
      if (!READ_ONLY.test(tool.name)) files.push(...(tool.files ?? []));
    }
  }
  const unfixed: ToolFailure[] = [];
  const fixed: ToolFailure[] = [];
  for (const { failure, failedBefore } of latest.values()) {
    if (failure) unfixed.push(failure);
    else if (failedBefore) fixed.push(failedBefore);
  }
  const byTime = (a: ToolFailure, b: ToolFailure) => b.at.localeCompare(a.at);
  return { unfixed: unfixed.sort(byTime), fixed: fixed.sort(byTime), filesChanged: [...new Set(files.reverse())] };
}

/** The same command (whitespace aside) is the same call; so is any change of the same file. */
function keyOf(tool: CapturedTool): string {
  const input = (tool.input ?? '').replace(/\s+/g, ' ').trim();
  if (isShellTool(tool.name)) return `shell\u0000${input}`;
  const file = tool.files?.[0];
  if (file) return `file\u0000${file}`;
  return `${tool.name}\u0000${input}`;
}

function failureOf(at: string, tool: CapturedTool): ToolFailure {
  const target = (tool.input ?? tool.files?.[0] ?? '').split('\n')[0]!.trim().slice(0, 160);
  const failure: ToolFailure = { at, tool: tool.name, target };
  // Events captured before exit codes and error excerpts were recorded get them from the output.
  const derived = tool.exit_code === undefined || tool.error === undefined ? toolOutcome({ tool: tool.name, output: tool.output, flaggedFailed: true }) : null;
  const exitCode = tool.exit_code ?? derived?.exitCode;
  if (exitCode !== undefined) failure.exitCode = exitCode;
  const error = tool.error ?? derived?.error ?? firstLines(tool.output);
  if (error) failure.error = error;
  return failure;
}

function firstLines(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const joined = text.trim().split('\n').filter((l) => l.trim() !== '').slice(0, 2).join(' · ');
  return joined.length > 300 ? `${joined.slice(0, 299)}…` : joined || undefined;
}

/** "`npm run lint` (exit 1): 12:7 error 'refill' is assigned a value but never used". */
export function describeFailure(failure: ToolFailure): string {
  const what = failure.target ? `\`${failure.target.replace(/`/g, "'")}\`` : failure.tool;
  const exit = failure.exitCode !== undefined ? ` (exit ${failure.exitCode})` : '';
  return `${what}${exit} failed${failure.error ? `: ${failure.error}` : ''}`;
}
