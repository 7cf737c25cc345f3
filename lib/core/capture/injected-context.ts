import { FENCE_END, FOOTER_START, HANDOFF_HEADER } from './handoff-marks.js';

/**
 * Context that hooks put into the conversation is not the user's words. Gemini CLI reports the
 * prompt of BeforeAgent/AfterAgent with the SessionStart context prepended as
 * `<hook_context>...</hook_context>`, and an agent may echo our own pending-handoff block back;
 * captured as a prompt, the next handoff would nest the previous one and the session would be
 * titled after it. Both are removed at capture, for every agent.
 */
const HOOK_CONTEXT = /<hook_context\b[^>]*>[\s\S]*?<\/hook_context\s*>/gi;
/** An opening tag whose closing tag was cut off by the agent's own truncation. */
const HOOK_CONTEXT_UNCLOSED = /<hook_context\b[^>]*>[\s\S]*$/i;
/** The footer line our block ends with (handoff.ts), after the fence. */
const OUR_FOOTER = new RegExp(`^${FOOTER_START.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*_$`, 'm');

export function stripInjectedContext(text: string): string {
  let out = text.replace(HOOK_CONTEXT, '');
  if (/<hook_context\b/i.test(out)) out = out.replace(HOOK_CONTEXT_UNCLOSED, '');
  out = stripOwnBlocks(out);
  return out.trim();
}

/** Our SessionStart block, from its header line to its footer (or the fence end, or the end). */
function stripOwnBlocks(text: string): string {
  let out = text;
  for (let guard = 0; guard < 8; guard++) {
    const at = out.indexOf(HANDOFF_HEADER);
    if (at < 0) return out;
    const lineStart = out.lastIndexOf('\n', at) + 1;
    const rest = out.slice(at);
    const footer = OUR_FOOTER.exec(rest);
    const fence = rest.indexOf(FENCE_END);
    let end: number;
    if (footer) end = at + footer.index + footer[0].length;
    else if (fence >= 0) end = at + fence + FENCE_END.length;
    else end = out.length;
    out = `${out.slice(0, lineStart)}${out.slice(end)}`;
  }
  return out;
}
