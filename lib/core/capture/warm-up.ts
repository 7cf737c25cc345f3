import { normalizePayload } from './normalize.js';

/**
 * Payloads shaped like each agent's commonest hooks, with text that runs every redaction rule.
 * Nothing here is stored: normalizing them only makes V8 compile what the first real hook
 * would otherwise compile while the agent waits for its answer.
 */
const TEXT = 'export API_KEY=abc123 and password: "x"; curl -H "Authorization: Bearer tok" https://user:pw@example.com/?token=t';
export const WARM_UP_SAMPLES: unknown[] = [
  { hook_event_name: 'UserPromptSubmit', session_id: 'warm-up', cwd: '/warm/up', prompt: TEXT },
  { hook_event_name: 'PostToolUse', session_id: 'warm-up', cwd: '/warm/up', tool_name: 'Bash', tool_input: { command: TEXT }, tool_response: { stdout: TEXT, stderr: '', interrupted: false } },
  { hook_event_name: 'PostToolUse', session_id: 'warm-up', cwd: '/warm/up', tool_name: 'shell', tool_input: { command: ['bash', '-lc', TEXT] }, tool_response: TEXT },
  { hook_event_name: 'AfterTool', session_id: 'warm-up', cwd: '/warm/up', tool_name: 'run_shell_command', tool_input: { command: TEXT }, tool_response: { llmContent: TEXT, returnDisplay: TEXT } },
  { hook_event_name: 'Stop', session_id: 'warm-up', cwd: '/warm/up', last_assistant_message: TEXT },
];

/**
 * Runs the capture path's pure part over the samples. Its first call costs ~30-40 ms on two
 * cores (about a hundred secret patterns compile on first use) and the hooks that arrive
 * meanwhile queue behind it; a server calls this once before it listens, so an agent's first
 * hook is answered as fast as the rest (SPEC section 12: `POST /hook` p99 <= 10 ms). Two rounds:
 * V8 compiles a regular expression to machine code on its second run.
 */
export function warmCapturePath(): void {
  for (let round = 0; round < 2; round += 1) {
    for (const payload of WARM_UP_SAMPLES) normalizePayload(payload);
  }
}
