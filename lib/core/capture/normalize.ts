import type { CapturedTool } from './captured-event.js';
import { relativeWithin } from '../host-path.js';
import { canonicalEvent, type EventKind } from './events.js';
import { stripInjectedContext } from './injected-context.js';
import { EXCERPT_CAP, PROMPT_CAP, redactAndCap } from './redact.js';
import { filesWrittenBy } from './shell-writes.js';
import { isShellTool, toolOutcome } from './tool-outcome.js';

/**
 * Turns any agent's hook payload into the one captured shape. Field names differ per agent
 * (`session_id` / `conversation_id` / `sessionID`, `cwd` / `workspace_roots`), and the tool
 * output is polymorphic: an object (Claude Code built-ins), a plain string (Codex), an MCP
 * result, Gemini's `{llmContent, returnDisplay, error}`. Unknown fields are ignored; a missing
 * `tool_response` means "no output", never a guess at another key.
 */
export interface NormalizedPayload {
  kind: EventKind;
  native: string;
  session: string | null;
  cwd: string | null;
  prompt?: string;
  tool?: CapturedTool;
  /** The assistant's reply at the end of a turn (Stop / AfterAgent), kept as its own event. */
  reply?: string;
  text?: string;
  source?: string;
  model?: string;
  subagent?: string;
}

type Json = Record<string, unknown>;

export function normalizePayload(payload: unknown, hints: { event?: string | undefined; cwd?: string | undefined; session?: string | undefined } = {}): NormalizedPayload {
  const body: Json = isObject(payload) ? payload : {};
  const native = str(body.hook_event_name) ?? str(body.hookEventName) ?? hints.event ?? 'unknown';
  // The query names the installed hook; the payload's own name wins when they disagree.
  const kind = canonicalEvent(str(body.hook_event_name) ?? hints.event ?? native);
  const out: NormalizedPayload = {
    kind,
    native,
    session: sessionOf(body) ?? nonEmpty(hints.session) ?? null,
    cwd: cwdOf(body) ?? nonEmpty(hints.cwd) ?? null,
  };
  // Injected context (ours, any <hook_context>) is stripped before anything is kept.
  const prompt = stripInjectedContext(promptOf(body) ?? '');
  if (prompt && (kind === 'user-prompt' || kind === 'other')) out.prompt = redactAndCap(prompt, PROMPT_CAP);
  const reply = replyOf(body, kind);
  if (reply) out.reply = redactAndCap(reply, PROMPT_CAP);
  if (kind === 'pre-tool' || kind === 'post-tool' || kind === 'tool-failure') {
    const tool = toolOf(body, kind, out.cwd);
    if (tool) out.tool = tool;
  }
  const text = str(body.compact_summary) ?? str(body.message) ?? str(body.summary);
  if (text && (kind === 'post-compact' || kind === 'notification')) out.text = redactAndCap(text, PROMPT_CAP);
  const source = str(body.source) ?? str(body.reason) ?? str(body.trigger);
  if (source) out.source = source.slice(0, 64);
  const model = str(body.model) ?? str(body.model_id);
  if (model) out.model = model.slice(0, 128);
  const subagent = str(body.agent_type) ?? str(body.subagentType);
  if (subagent && (kind === 'subagent-start' || kind === 'subagent-stop' || str(body.agent_id))) out.subagent = subagent.slice(0, 64);
  return out;
}

function sessionOf(body: Json): string | null {
  const direct = [body.session_id, body.sessionId, body.sessionID, body.conversation_id, body.conversationId, body.session]
    .map(str)
    .find((v) => v !== undefined);
  if (direct) return direct;
  const nested = [path(body, 'info', 'id'), path(body, 'properties', 'sessionID'), path(body, 'properties', 'info', 'id')].map(str);
  return nested.find((v) => v !== undefined) ?? null;
}

function cwdOf(body: Json): string | null {
  const direct = [body.cwd, body.current_dir, body.working_dir, body.directory].map(str).find((v) => v !== undefined);
  if (direct) return direct;
  for (const key of ['workspace_roots', 'workspacePaths']) {
    const list = body[key];
    if (Array.isArray(list) && typeof list[0] === 'string' && list[0] !== '') return list[0];
  }
  return str(path(body, 'path', 'cwd')) ?? str(path(body, 'info', 'directory')) ?? null;
}

function promptOf(body: Json): string | undefined {
  const direct = str(body.prompt) ?? str(body.user_prompt);
  if (direct) return direct;
  // OpenCode's chat.message carries parts: [{type: "text", text}].
  if (Array.isArray(body.parts)) {
    const text = body.parts
      .filter(isObject)
      .map((part) => str(part.text))
      .filter(Boolean)
      .join('\n');
    return text || undefined;
  }
  return undefined;
}

function toolOf(body: Json, kind: EventKind, cwd: string | null): CapturedTool | undefined {
  const name = str(body.tool_name) ?? str(body.toolName) ?? str(body.tool) ?? (str(body.command) ? 'shell' : undefined) ?? (str(body.file_path) ? 'edit' : undefined);
  if (!name) return undefined;
  const rawInput = body.tool_input ?? body.args ?? body.input ?? (str(body.command) ? { command: body.command } : undefined) ?? (str(body.file_path) ? { file_path: body.file_path } : undefined);
  const input = parseMaybeJson(rawInput);
  const tool: CapturedTool = { name: name.slice(0, 128) };
  const inputText = inputExcerpt(input);
  if (inputText) tool.input = redactAndCap(inputText, EXCERPT_CAP);
  if (kind !== 'pre-tool') {
    const response = body.tool_response ?? body.output ?? body.result ?? body.result_json ?? body.error;
    const { text, failed } = outputOf(response, body);
    if (text) tool.output = redactAndCap(text, EXCERPT_CAP);
    const outcome = toolOutcome({ tool: tool.name, output: tool.output, flaggedFailed: failed || kind === 'tool-failure', exitCode: exitCodeOf(body, response) });
    if (outcome.failed) tool.failed = true;
    if (outcome.exitCode !== undefined) tool.exit_code = outcome.exitCode;
    if (outcome.error) tool.error = outcome.error;
  }
  const files = filesOf(input, body, cwd);
  // A shell command that plainly writes a file (`sed -i`, `> file`): Codex sends no other record of it.
  const command = isObject(input) ? str(input.command) : typeof input === 'string' ? input : undefined;
  if (command && isShellTool(tool.name)) files.push(...filesWrittenBy(command).map((file) => relativeTo(file, cwd)).filter(isInside));
  if (files.length > 0) tool.files = [...new Set(files)].slice(0, 50);
  return tool;
}

/** Claude Code and Codex send `last_assistant_message` on Stop, Gemini CLI `prompt_response` on AfterAgent. */
function replyOf(body: Json, kind: EventKind): string | undefined {
  if (kind === 'stop') return nonEmpty(stripInjectedContext(str(body.last_assistant_message) ?? str(body.prompt_response) ?? ''));
  if (kind === 'assistant-reply') return nonEmpty(str(body.last_assistant_message) ?? str(body.text) ?? str(body.response) ?? '');
  return undefined;
}

/** An exit code the agent reports as a number: OpenCode's `metadata.exit`, a result's `exit_code`. */
function exitCodeOf(body: Json, response: unknown): number | undefined {
  const candidates = [body.exit_code, body.exitCode, path(body, 'metadata', 'exit'), path(response, 'exit_code'), path(response, 'exitCode'), path(response, 'metadata', 'exit')];
  const found = candidates.find((value) => typeof value === 'number' && Number.isInteger(value));
  return found as number | undefined;
}

function inputExcerpt(input: unknown): string | undefined {
  if (input === undefined || input === null) return undefined;
  if (typeof input === 'string') return input;
  if (isObject(input)) {
    const command = str(input.command) ?? str(input.cmd);
    if (command) return command;
    const file = str(input.file_path) ?? str(input.filePath) ?? str(input.path) ?? str(input.notebook_path);
    if (file) return file;
  }
  return jsonText(input);
}

/** The text of a tool result, whatever its shape, and whether it reports a failure. */
export function outputOf(response: unknown, body: Json = {}): { text?: string; failed: boolean } {
  const error = str(body.error);
  if (response === undefined || response === null) return error ? { text: error, failed: true } : { failed: false };
  if (typeof response === 'string') return { text: response, failed: Boolean(error) };
  if (Array.isArray(response)) return { text: blocksText(response), failed: false };
  if (!isObject(response)) return { text: String(response), failed: false };
  if (Array.isArray(response.content)) return { text: blocksText(response.content), failed: response.isError === true };
  if ('llmContent' in response || 'returnDisplay' in response) {
    const failure = str(response.error) ?? str(path(response, 'error', 'message'));
    const llm = response.llmContent;
    const text = typeof llm === 'string' ? llm : Array.isArray(llm) ? blocksText(llm) : str(response.returnDisplay);
    return { text: failure ?? text, failed: Boolean(failure) };
  }
  if ('stdout' in response || 'stderr' in response) {
    const text = [str(response.stdout), str(response.stderr)].filter(Boolean).join('\n');
    return { text, failed: false };
  }
  const output = str(response.output) ?? str(response.result);
  if (output) return { text: output, failed: false };
  if ('success' in response) {
    const file = str(response.filePath) ?? '';
    return { text: `${response.success === false ? 'failed' : 'ok'} ${file}`.trim(), failed: response.success === false };
  }
  return { text: jsonText(response), failed: false };
}

function blocksText(blocks: unknown[]): string {
  return blocks
    .map((block) => (typeof block === 'string' ? block : isObject(block) ? (str(block.text) ?? jsonText(block)) : String(block)))
    .join('\n');
}

const PATCH_FILE = /^\*\*\* (?:Update|Add|Delete) File: (.+)$/gm;

function filesOf(input: unknown, body: Json, cwd: string | null): string[] {
  const found: string[] = [];
  const add = (value: unknown) => {
    const file = str(value);
    if (file && file.length < 1024 && !file.includes('\n')) found.push(relativeTo(file, cwd));
  };
  if (isObject(input)) {
    for (const key of ['file_path', 'filePath', 'notebook_path', 'target_file']) add(input[key]);
    const command = str(input.command);
    if (command && command.includes('*** Begin Patch')) for (const match of command.matchAll(PATCH_FILE)) add(match[1]!.trim());
  } else if (typeof input === 'string' && input.includes('*** Begin Patch')) {
    for (const match of input.matchAll(PATCH_FILE)) add(match[1]!.trim());
  }
  add(body.file_path);
  return [...new Set(found)].slice(0, 50);
}

/** A path left absolute by relativeTo, or one going up, is outside the session's folder (a scratch file in /tmp). */
function isInside(file: string): boolean {
  return !file.startsWith('../') && !/^(?:\/|[a-zA-Z]:[\\/]|\\\\)/.test(file);
}

/** A file under the cwd is listed relative to it; `C:\\App\\src\\db.ts` in `c:\\app` becomes `src/db.ts`. */
function relativeTo(file: string, cwd: string | null): string {
  return relativeWithin(file, cwd);
}

function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[{[]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** JSON text of a payload part; one nested thousands deep (stack overflow) is noted, not fatal. */
function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '[not recorded: nested too deeply]';
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

function path(value: unknown, ...keys: string[]): unknown {
  let current: unknown = value;
  for (const key of keys) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}
