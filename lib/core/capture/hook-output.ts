/**
 * What the hook command prints on stdout, per agent (SPEC section 5, reference/clients.md).
 * Claude Code, Codex and Gemini CLI take `hookSpecificOutput.additionalContext` from
 * SessionStart and `{}` when there is nothing; Gemini parses every hook's stdout as JSON;
 * Cursor reads `additional_context`; Antigravity injects steps. Capture events print nothing
 * where the agent accepts silence (Codex rejects plain text on Stop).
 */
export function hookOutput(agent: string, kind: 'session-start' | 'other', context: string | null): string {
  if (kind !== 'session-start') return agent === 'gemini-cli' || agent === 'antigravity' ? '{}' : '';
  if (!context) return '{}';
  switch (agent) {
    case 'antigravity':
      return JSON.stringify({ injectSteps: [{ ephemeralMessage: context }] });
    case 'cursor':
      return JSON.stringify({
        additional_context: context,
        hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: context },
      });
    default:
      return JSON.stringify({ hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: context } });
  }
}
