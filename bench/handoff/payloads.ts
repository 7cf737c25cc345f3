import type { Agent, Step } from './scenario.js';

/**
 * Each step as the agent's own hook payload (shapes of ../shared/fixtures/hooks and
 * reference/clients.md): Claude Code reports a failed command as PostToolUseFailure with
 * "Exit code N"; Codex as an ordinary PostToolUse with the plain output; Gemini CLI as
 * AfterTool with `llmContent` ending in "Exit Code: N"; OpenCode's plugin with `metadata.exit`.
 * Replies come with Stop (`last_assistant_message`), AfterAgent (`prompt_response`) or
 * OpenCode's session.idle.
 */
export interface HookCall {
  event: string;
  body: Record<string, unknown>;
}

export function sessionCalls(agent: Agent, session: string, cwd: string, steps: Step[], options: { injected?: string } = {}): HookCall[] {
  const calls: HookCall[] = [start(agent, session, cwd)];
  let lastPrompt = '';
  for (const step of steps) {
    if ('prompt' in step) {
      // Gemini CLI prepends the SessionStart context to the prompt it reports.
      lastPrompt = agent === 'gemini-cli' && options.injected ? `<hook_context>${options.injected}</hook_context>\n\n${step.prompt}` : step.prompt;
      calls.push(prompt(agent, session, cwd, lastPrompt));
    } else if ('reply' in step) calls.push(reply(agent, session, cwd, step.reply, lastPrompt));
    else if ('run' in step) calls.push(run(agent, session, cwd, step.run, step.output, step.exit ?? 0));
    else if ('edit' in step) calls.push(edit(agent, session, cwd, step.edit));
    else calls.push(read(agent, session, cwd, step.read));
  }
  // Codex has no session end: its session closes when the next one starts there.
  if (agent === 'claude-code') calls.push({ event: 'SessionEnd', body: { session_id: session, cwd, hook_event_name: 'SessionEnd', reason: 'prompt_input_exit' } });
  if (agent === 'gemini-cli') calls.push({ event: 'SessionEnd', body: { session_id: session, cwd, hook_event_name: 'SessionEnd', reason: 'exit', timestamp: now() } });
  if (agent === 'opencode') calls.push({ event: 'session.deleted', body: { sessionID: session, cwd } });
  return calls;
}

const now = () => new Date().toISOString();

function start(agent: Agent, session: string, cwd: string): HookCall {
  if (agent === 'opencode') return { event: 'session.created', body: { sessionID: session, cwd, hook_event_name: 'SessionStart' } };
  return { event: 'SessionStart', body: { session_id: session, cwd, hook_event_name: 'SessionStart', source: 'startup', ...(agent === 'gemini-cli' ? { timestamp: now() } : {}) } };
}

function prompt(agent: Agent, session: string, cwd: string, text: string): HookCall {
  if (agent === 'gemini-cli') return { event: 'BeforeAgent', body: { session_id: session, cwd, hook_event_name: 'BeforeAgent', timestamp: now(), prompt: text } };
  if (agent === 'opencode') return { event: 'chat.message', body: { sessionID: session, cwd, parts: [{ type: 'text', text }] } };
  return { event: 'UserPromptSubmit', body: { session_id: session, cwd, hook_event_name: 'UserPromptSubmit', prompt: text } };
}

function reply(agent: Agent, session: string, cwd: string, text: string, lastPrompt: string): HookCall {
  if (agent === 'gemini-cli') return { event: 'AfterAgent', body: { session_id: session, cwd, hook_event_name: 'AfterAgent', timestamp: now(), prompt: lastPrompt, prompt_response: text, stop_hook_active: false } };
  if (agent === 'opencode') return { event: 'session.idle', body: { sessionID: session, cwd, last_assistant_message: text } };
  return { event: 'Stop', body: { session_id: session, cwd, hook_event_name: 'Stop', stop_hook_active: false, last_assistant_message: text } };
}

function run(agent: Agent, session: string, cwd: string, command: string, output: string, exit: number): HookCall {
  const base = { session_id: session, cwd };
  if (agent === 'claude-code') {
    if (exit !== 0) return { event: 'PostToolUseFailure', body: { ...base, hook_event_name: 'PostToolUseFailure', tool_name: 'Bash', tool_input: { command }, error: `Exit code ${exit}\n${output}` } };
    return { event: 'PostToolUse', body: { ...base, hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command }, tool_response: { stdout: output, stderr: '', interrupted: false, isImage: false } } };
  }
  if (agent === 'codex') return { event: 'PostToolUse', body: { ...base, hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command }, tool_response: output } };
  if (agent === 'gemini-cli') {
    const llmContent = `Command: ${command}\nDirectory: (root)\nOutput: ${output}${exit !== 0 ? `\nExit Code: ${exit}` : ''}`;
    return { event: 'AfterTool', body: { ...base, hook_event_name: 'AfterTool', timestamp: now(), tool_name: 'run_shell_command', tool_input: { command }, tool_response: { llmContent, returnDisplay: output } } };
  }
  return { event: 'tool.execute.after', body: { sessionID: session, cwd, tool: 'bash', args: { command }, output, metadata: { exit } } };
}

function edit(agent: Agent, session: string, cwd: string, file: string): HookCall {
  const path = `${cwd}/${file}`;
  if (agent === 'codex') {
    const patch = `*** Begin Patch\n*** Update File: ${file}\n@@\n-old\n+new\n*** End Patch`;
    return { event: 'PostToolUse', body: { session_id: session, cwd, hook_event_name: 'PostToolUse', tool_name: 'apply_patch', tool_input: { command: patch }, tool_response: `Success. Updated the following files:\nM ${file}` } };
  }
  if (agent === 'gemini-cli') return { event: 'AfterTool', body: { session_id: session, cwd, hook_event_name: 'AfterTool', timestamp: now(), tool_name: 'replace', tool_input: { file_path: path, old_string: 'a', new_string: 'b' }, tool_response: { llmContent: `Successfully modified file: ${path}`, returnDisplay: '' } } };
  if (agent === 'opencode') return { event: 'tool.execute.after', body: { sessionID: session, cwd, tool: 'edit', args: { filePath: path }, output: '', metadata: {} } };
  return { event: 'PostToolUse', body: { session_id: session, cwd, hook_event_name: 'PostToolUse', tool_name: 'Edit', tool_input: { file_path: path, old_string: 'a', new_string: 'b' }, tool_response: { filePath: path, success: true } } };
}

function read(agent: Agent, session: string, cwd: string, file: string): HookCall {
  const path = `${cwd}/${file}`;
  if (agent === 'codex') return { event: 'PostToolUse', body: { session_id: session, cwd, hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: `sed -n 1,80p ${file}` }, tool_response: '...' } };
  if (agent === 'gemini-cli') return { event: 'AfterTool', body: { session_id: session, cwd, hook_event_name: 'AfterTool', timestamp: now(), tool_name: 'read_file', tool_input: { file_path: path }, tool_response: { llmContent: '...', returnDisplay: '' } } };
  if (agent === 'opencode') return { event: 'tool.execute.after', body: { sessionID: session, cwd, tool: 'read', args: { filePath: path }, output: '...', metadata: {} } };
  return { event: 'PostToolUse', body: { session_id: session, cwd, hook_event_name: 'PostToolUse', tool_name: 'Read', tool_input: { file_path: path }, tool_response: { type: 'text', file: { filePath: path } } } };
}
