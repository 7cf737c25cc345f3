/**
 * What the fake model does in one agent run: the tool calls it asks for, one per turn, then a
 * final reply. Which turn a request is in is read from the request itself (how many tool calls
 * its history already holds), so a retried request gets the same answer and side requests
 * (titles, classifiers) never move the script on.
 */
export interface ScriptedCall {
  /** The tool's name as the agent advertises it (Bash, shell_command, run_shell_command...). */
  name: string;
  input: Record<string, unknown>;
  /** OpenAI Responses: the tool namespace the agent grouped it under (Codex puts MCP tools in one). */
  namespace?: string;
}

export interface Script {
  calls: ScriptedCall[];
  reply: string;
}

export type ModelTurn = { kind: 'call'; call: ScriptedCall; id: string } | { kind: 'reply'; text: string };

export function turnAt(script: Script, callsSoFar: number): ModelTurn {
  const call = script.calls[callsSoFar];
  if (call) return { kind: 'call', call, id: `call_${callsSoFar + 1}` };
  return { kind: 'reply', text: script.reply };
}

/** The text of a server-sent event stream: one `event:`/`data:` pair per entry. */
export function sse(events: Array<{ event?: string; data: unknown }>): string {
  return events.map((e) => `${e.event ? `event: ${e.event}\n` : ''}data: ${typeof e.data === 'string' ? e.data : JSON.stringify(e.data)}\n\n`).join('');
}
