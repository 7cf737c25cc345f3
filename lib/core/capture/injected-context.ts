/**
 * Gemini CLI puts a SessionStart hook's additional context into the first user message, wrapped
 * in `<hook_context>...</hook_context>`, and hands that whole message to BeforeAgent as `prompt`.
 * Captured as is, the prompt would repeat the delivered handoff, and the next handoff would
 * quote the previous one inside itself. Only a leading block is removed: the user's own words
 * follow it.
 */
const LEADING_HOOK_CONTEXT = /^\s*<hook_context>[\s\S]*?<\/hook_context>\s*/;

export function withoutInjectedContext(prompt: string): string {
  return prompt.replace(LEADING_HOOK_CONTEXT, '');
}
