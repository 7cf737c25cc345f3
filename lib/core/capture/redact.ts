/**
 * Secrets in captured text become `[REDACTED]` before anything is written (SPEC section 5).
 * Caps apply after redaction, so a secret that straddles a cut can never survive half-masked.
 */
export const REDACTED = '[REDACTED]';
export const PROMPT_CAP = 16 * 1024;
export const EXCERPT_CAP = 2 * 1024;

const PATTERNS: Array<[RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  // PEM private key blocks, whole.
  [/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, REDACTED],
  // Authorization-style headers and bearer tokens.
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{12,}/g, (_m, scheme: string) => `${scheme} ${REDACTED}`],
  [/\b(x-api-key|private-token|api-key|x-auth-token)\s*:\s*\S+/gi, (_m, name: string) => `${name}: ${REDACTED}`],
  // Provider keys by their well-known prefixes.
  [/\bsk-(?:ant-|proj-|live-)?[A-Za-z0-9_-]{16,}/g, REDACTED],
  [/\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g, REDACTED],
  [/\bgh[pousr]_[A-Za-z0-9]{20,}/g, REDACTED],
  [/\bgithub_pat_[A-Za-z0-9_]{20,}/g, REDACTED],
  [/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, REDACTED],
  [/\bAIza[0-9A-Za-z_-]{35}\b/g, REDACTED],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/g, REDACTED],
  [/\bglpat-[A-Za-z0-9_-]{20,}/g, REDACTED],
  [/\bnpm_[A-Za-z0-9]{36}\b/g, REDACTED],
  // JSON Web Tokens: three base64url parts, the first a JSON header.
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, REDACTED],
  // Credentials in URLs: scheme://user:password@host keeps the user.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+):[^\s@/]+@/gi, (_m, head: string) => `${head}:${REDACTED}@`],
  // NAME_TOKEN=value, NAME_SECRET: value, API_KEY="value" (the name stays, the value goes).
  [
    /\b([A-Z][A-Z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|CREDENTIALS?|PRIVATE_KEY))(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s"']+)/g,
    (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`,
  ],
];

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) {
    out = out.replace(pattern, replacement as never);
  }
  return out;
}

/** Keeps head and tail of an over-long text around a marker saying how much was cut. */
export function cap(text: string, limit: number): string {
  if (Buffer.byteLength(text) <= limit) return text;
  const keep = Math.floor((limit - 40) / 2);
  const head = sliceBytes(text, keep, 'head');
  const tail = sliceBytes(text, keep, 'tail');
  const cut = Buffer.byteLength(text) - Buffer.byteLength(head) - Buffer.byteLength(tail);
  return `${head}\n...[truncated ${cut} bytes]...\n${tail}`;
}

export function redactAndCap(text: string, limit: number): string {
  return cap(redact(text), limit);
}

function sliceBytes(text: string, bytes: number, end: 'head' | 'tail'): string {
  const buffer = Buffer.from(text);
  const part = end === 'head' ? buffer.subarray(0, bytes) : buffer.subarray(buffer.length - bytes);
  // Drop a split multi-byte character at the cut.
  return part.toString('utf8').replace(end === 'head' ? /\uFFFD$/ : /^\uFFFD/, '');
}
