/**
 * Secrets in captured text become `[REDACTED]` before anything is written (SPEC section 5).
 * Caps apply after redaction, so a secret that straddles a cut can never survive half-masked.
 */
export const REDACTED = '[REDACTED]';
export const PROMPT_CAP = 16 * 1024;
export const EXCERPT_CAP = 2 * 1024;

// Every quantifier that can start at many positions is bounded, so no pattern is quadratic on
// a long adversarial line (hook bodies are redacted before they are capped).
/** Key names whose value is a secret, in any case and style (db_password, apiKey, client-secret). */
const SECRET_NAME =
  String.raw`[A-Za-z0-9_.-]{0,40}?(?:passw(?:or)?d|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|secret[_-]?key|account[_-]?key|signing[_-]?key|credentials?)`;
/** Values that are a type or a literal in code, not a secret: `token: string`, `password = None`. */
const NOT_A_VALUE = String.raw`(?:string|number|boolean|bool|str|int|any|null|undefined|none|nil|true|false|optional|required)(?![\w$])`;

/** A call or a property path, `getToken()` or `process.env.API_KEY`: code, not a value. */
const CODE_REFERENCE = String.raw`[A-Za-z_$][\w$]{0,63}(?:\.[A-Za-z_$][\w$]{0,63}){0,8}\(|[A-Za-z_$][\w$]{0,63}(?:\.[A-Za-z_$][\w$]{0,63}){1,8}(?![\w$.:/@-])`;

const PATTERNS: Array<[RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  // PEM and PGP private key blocks, whole.
  [/-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|$)/g, REDACTED],
  // Authorization-style headers and bearer tokens.
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{12,}/g, (_m, scheme: string) => `${scheme} ${REDACTED}`],
  // An Authorization header with any scheme and any length of credential.
  [
    /\b((?:proxy-)?authorization["']?\s{0,8}[:=]\s{0,8}["'`]?)(?!(?:(?:bearer|basic|token|digest|negotiate)\s+)?\[REDACTED\])(?:(bearer|basic|token|digest|negotiate)\s+)?[^\s"'`,;]+/gi,
    (_m, head: string, scheme?: string) => `${head}${scheme ? `${scheme} ` : ''}${REDACTED}`,
  ],
  [/\b(x-api-key|private-token|api-key|x-auth-token)\s*:\s*\S+/gi, (_m, name: string) => `${name}: ${REDACTED}`],
  // Cookies carry sessions: the whole header value goes.
  [/\b((?:set-)?cookie\s{0,8}:\s{0,8})[^\r\n]+/gi, (_m, head: string) => `${head}${REDACTED}`],
  // Provider keys by their well-known prefixes.
  [/\bsk-(?:ant-|proj-|live-)?[A-Za-z0-9_-]{16,}/g, REDACTED],
  [/\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g, REDACTED],
  [/\bgh[pousr]_[A-Za-z0-9]{20,}/g, REDACTED],
  [/\bgithub_pat_[A-Za-z0-9_]{20,}/g, REDACTED],
  [/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, REDACTED],
  [/\bAIza[0-9A-Za-z_-]{35}\b/g, REDACTED],
  [/\bxox[abeprs]-[A-Za-z0-9-]{10,}/g, REDACTED],
  [/\bglpat-[A-Za-z0-9_-]{20,}/g, REDACTED],
  [/\bnpm_[A-Za-z0-9]{36}\b/g, REDACTED],
  [/\bhf_[A-Za-z0-9]{30,}/g, REDACTED],
  [/\bhttps:\/\/(?:hooks\.slack\.com\/services|discord(?:app)?\.com\/api\/webhooks)\/[A-Za-z0-9/_-]+/g, REDACTED],
  // Docker's config.json: "auth": "<base64 of user:password>".
  [/("auth"\s{0,8}:\s{0,8}")[A-Za-z0-9+/=]{12,}"/g, (_m, head: string) => `${head}${REDACTED}"`],
  // Passwords on a command line: mysql -pSECRET (no space), sshpass -p SECRET.
  [/\b((?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)\b[^\n|;&]{0,200}?\s-p)(?!\[REDACTED\])[^\s'"]+/g, (_m, head: string) => `${head}${REDACTED}`],
  [/\b(sshpass\s+-p\s*)(?!\[REDACTED\])\S+/g, (_m, head: string) => `${head}${REDACTED}`],
  // JSON Web Tokens: three base64url parts, the first a JSON header.
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, REDACTED],
  // Credentials in URLs: scheme://user:password@host keeps the user.
  [/\b([a-z][a-z0-9+.-]{0,31}:\/\/[^\s:/@]{1,256}):[^\s@/]{1,256}@/gi, (_m, head: string) => `${head}:${REDACTED}@`],
  // NAME_TOKEN=value, NAME_SECRET: value, API_KEY="value" (the name stays, the value goes).
  [
    /\b([A-Z][A-Z0-9_]{0,63}?(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|CREDENTIALS?|PRIVATE_KEY))(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s"']+)/g,
    (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`,
  ],
  // The same in any case and in JSON, YAML, ini, .npmrc and query strings: "password": "x",
  // db_password=x, apiKey: x, ?access_token=x&. Calls and types (`token = getToken()`,
  // `token: string`) and comparisons (`password == x`) are left alone.
  [
    new RegExp(
      String.raw`\b(${SECRET_NAME})(["']?\s{0,8}(?:=|:(?!:))(?!=)\s{0,8})(?:"(?!\[REDACTED\])[^"\n]*"|'(?!\[REDACTED\])[^'\n]*'|(?!\[REDACTED\]|${NOT_A_VALUE}|${CODE_REFERENCE})[^\s"'&;,)}\]]+)`,
      'gi',
    ),
    (match, name: string, sep: string) => `${name}${sep}${quoteLike(match, name, sep)}`,
  ],
];

/** Keeps the value's quotes around the marker, so JSON stays JSON after redaction. */
function quoteLike(match: string, name: string, sep: string): string {
  const value = match.slice(name.length + sep.length);
  const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
  return `${quote}${REDACTED}${quote}`;
}

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
