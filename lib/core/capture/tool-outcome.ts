/**
 * Whether a tool call failed, its exit code and a short error excerpt, from what each agent
 * reports: Claude Code's PostToolUseFailure `error` starts "Exit code N"; Gemini's shell text
 * carries "Exit Code: N" only when non-zero; OpenCode's metadata has `exit`; Codex sends a
 * failed command as an ordinary PostToolUse with the output alone, so for shell calls the
 * output's own failure markers are read (a lint summary with errors, a failing test count).
 */
export interface ToolOutcome {
  failed: boolean;
  exitCode?: number;
  error?: string;
}

export const ERROR_EXCERPT = 300;

const EXIT_LINE = /(?:^|\n)\s*(?:exit(?:ed with)?(?: code| status)?|process exited with code)\s*:?\s*(-?\d{1,3})\b/i;
/** Output that says a shell command failed, when the agent gives no flag (Codex). */
const FAILURE_MARKERS = [
  /✖ \d+ problems? \([1-9]\d* errors?/,
  /\bnpm ERR!/,
  /^npm error /m,
  /\bcommand not found\b/,
  /^Traceback \(most recent call last\):/m,
  /\berror TS\d{3,5}\b/,
  /\b[1-9]\d* (?:failed|failing|failures?|errors?)\b(?! *(?:=|:))/,
  /^(?:--- )?FAIL\b/m,
  /^Error: /m,
  /^\[ERROR\] /m,
  /\bBUILD FAILED\b|\bBUILD FAILURE\b|FAILURE: Build failed/,
  /^error(?:\[E\d+\])?: /m,
  /\bERR_[A-Z_]{4,}\b/,
  /^make: \*\*\*/m,
];

const SHELL_TOOLS = /^(?:bash|shell|run_shell_command|exec_command|local_shell|terminal|run_terminal_cmd|command)$/i;

export function isShellTool(name: string): boolean {
  return SHELL_TOOLS.test(name);
}

export function toolOutcome(input: { tool: string; output?: string | undefined; flaggedFailed: boolean; exitCode?: number | undefined }): ToolOutcome {
  const output = input.output ?? '';
  let exitCode = input.exitCode;
  if (exitCode === undefined) {
    const match = EXIT_LINE.exec(output);
    if (match) exitCode = Number(match[1]);
  }
  const marked = isShellTool(input.tool) && FAILURE_MARKERS.some((re) => re.test(output));
  const failed = input.flaggedFailed || (exitCode !== undefined && exitCode !== 0) || marked;
  const outcome: ToolOutcome = { failed };
  if (exitCode !== undefined) outcome.exitCode = exitCode;
  if (failed) {
    const error = errorExcerpt(output);
    if (error) outcome.error = error;
  }
  return outcome;
}

/**
 * Tool output without the frame an agent puts around it: Gemini CLI 0.61 sends shell output as
 * `<untrusted_context>\nOutput: ...\nExit Code: N\n</untrusted_context>`. What a person reads
 * (timeline, session page, excerpts) starts with the command's own first line.
 */
export function unframedOutput(output: string): string {
  return output.replace(/<\/?untrusted_context>/g, '').replace(/^\s*Output:[ \t]*/, '');
}

/** The lines that say what went wrong, not the command echo or an "Exit code" line alone. */
export function errorExcerpt(output: string): string {
  const raw = unframedOutput(output)
    .split('\n')
    .map((line) => line.trim());
  const lines = raw
    // Node's code frame: the source line above a caret line quotes the code, not the error.
    .filter((line, i) => !CARET_LINE.test(line) && !CARET_LINE.test(raw[i + 1] ?? 'x'))
    .map((line) => line.replace(/^Output:\s*/, '').replace(NPM_PREFIX, '').trim())
    .filter((line) => line !== '' && !NOISE.test(line) && !/^(?:exit(?: code)?|command|directory|signal|background pids|process group pgid)\s*:?\s*\S*$/i.test(line) && !/^(?:command|directory):/i.test(line));
  const wanted = lines.filter((line) => /error|fail|✖|not found|exception|denied|cannot|could not|invalid|missing|unexpected/i.test(line) || ASSERTION_DIFF.test(line));
  const picked = (wanted.length > 0 ? wanted : lines).slice(0, 3).join(' · ');
  return picked.length > ERROR_EXCERPT ? `${picked.slice(0, ERROR_EXCERPT - 1).trimEnd()}…` : picked;
}

const CARET_LINE = /^[\^~]+$/;
/** npm labels every line of its error report; the label says nothing once the command failed. */
const NPM_PREFIX = /^npm (?:error|ERR!)(?:\s+|$)/;
/** Stack frames, npm's update notices and its log-file pointer. */
const NOISE = /^at\s|^npm (?:notice|warn)\b|^A complete log of this run can be found in/;
/** An assertion's "actual !== expected" line (node:assert), the detail that says what differed. */
const ASSERTION_DIFF = /^\S.{0,80}\s!==?\s\S/;
