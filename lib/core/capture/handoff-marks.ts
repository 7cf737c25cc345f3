/** The fixed marks of the SessionStart block, shared by its renderer and by capture, which strips it. */
export const HANDOFF_HEADER = 'ai-memory: pending handoff';
export const FENCE_START = '<!-- ai-memory:untrusted-history:start -->';
export const FENCE_END = '<!-- ai-memory:untrusted-history:end -->';
export const FOOTER_START = '_This is the pending handoff;';
