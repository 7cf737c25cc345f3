import { LruCache } from '../lru.js';
import { keyedTokenRanges } from './entropy.js';
import { secretRanges } from './secret-rules.js';

/**
 * Secrets in captured text become `[REDACTED]` before anything is written (SPEC section 5).
 * Three layers: the shapes below (assignments, headers, command lines: where a secret sits,
 * whatever it looks like), secretlint's maintained provider rules (what a provider's token looks
 * like, secret-rules.ts) and a high-entropy check for long tokens after a key-like word
 * (entropy.ts). Caps apply after redaction, so a secret that straddles a cut can never survive
 * half-masked.
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

/**
 * Where the value comes from, not the value: `${API_KEY}`, `$(gh auth token)`, `$TOKEN`,
 * `{{ secrets.X }}`, `<your key>`; a generic type (`Option<String>`) or a version (`^9.0.1`).
 */
const REFERENCE = String.raw`(?:\$[{(A-Za-z_]|\{\{|<|%[A-Za-z_]|[A-Z][\w$]{0,63}<|[\^~]?\d{1,4}\.\d{1,4}\.\d{1,4}(?![\w.]))`;
const QUOTED_REFERENCE = String.raw`(?:\$[{(A-Za-z_]|\{\{|<|[\^~]?\d{1,4}\.\d{1,4}\.\d{1,4}[\w.+-]{0,32}["'])`;

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
  // curl -u user:password, --user=user:password, wget --password=x: the user stays.
  [/(\s(?:-u|--user)(?:\s{1,4}|=)["']?)([^\s:'"]{1,128}):(?!\[REDACTED\])[^\s'"]+/g, (_m, head: string, user: string) => `${head}${user}:${REDACTED}`],
  [/(\s--(?:http-|ftp-|proxy-)?password(?:\s{1,4}|=)["']?)(?!\[REDACTED\])[^\s'"]+/g, (_m, head: string) => `${head}${REDACTED}`],
  // Twilio API key SIDs and Stripe-style restricted keys the rule set does not list.
  [/\bSK[0-9a-fA-F]{32}\b/g, REDACTED],
  // JSON Web Tokens: three base64url parts, the first a JSON header.
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, REDACTED],
  // Credentials in URLs: scheme://user:password@host keeps the user.
  [/\b([a-z][a-z0-9+.-]{0,31}:\/\/[^\s:/@]{1,256}):[^\s@/]{1,256}@/gi, (_m, head: string) => `${head}:${REDACTED}@`],
  // NAME_TOKEN=value, NAME_SECRET: value, API_KEY="value" (the name stays, the value goes).
  [
    new RegExp(
      String.raw`\b([A-Z][A-Z0-9_]{0,63}?(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|CREDENTIALS?|PRIVATE_KEY))(\s*[=:]\s*)(?!${REFERENCE}|["']${QUOTED_REFERENCE})("[^"]*"|'[^']*'|[^\s"']+)`,
      'g',
    ),
    (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`,
  ],
  // The same in any case and in JSON, YAML, ini, .npmrc and query strings: "password": "x",
  // db_password=x, apiKey: x, ?access_token=x&. Calls and types (`token = getToken()`,
  // `token: string`) and comparisons (`password == x`) are left alone.
  [
    new RegExp(
      String.raw`\b(${SECRET_NAME})(["']?\s{0,8}(?:=|:(?!:))(?!=)\s{0,8})(?:"(?!\[REDACTED\]|${QUOTED_REFERENCE})[^"\n]*"|'(?!\[REDACTED\]|${QUOTED_REFERENCE})[^'\n]*'|(?!\[REDACTED\]|${NOT_A_VALUE}|${CODE_REFERENCE}|${REFERENCE})[^\s"'&;,)}\]]+)`,
      'gi',
    ),
    (match, name: string, sep: string) => (isEcho(match, name, sep) ? match : `${name}${sep}${quoteLike(match, name, sep)}`),
  ],
];

/** `self.token = token`, `password: password`: the value is the variable of that name, code not a secret. */
function isEcho(match: string, name: string, sep: string): boolean {
  const value = match.slice(name.length + sep.length).toLowerCase();
  // A quoted "password" is a literal (a bad password, but a password).
  if (value.startsWith('"') || value.startsWith("'")) return false;
  const word = name.toLowerCase().split(/[._-]/).pop() ?? '';
  return value === word || value === name.toLowerCase();
}

/** Keeps the value's quotes around the marker, so JSON stays JSON after redaction. */
function quoteLike(match: string, name: string, sep: string): string {
  const value = match.slice(name.length + sep.length);
  const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
  return `${quote}${REDACTED}${quote}`;
}

/**
 * A session's cwd and id come with every one of its events and are redacted each time; the rules
 * cost ~25 µs a call whatever the length, a fifth of an event's redaction. Short strings found
 * clean are remembered (never one that held a secret: only the verdict "nothing to mask").
 */
const KNOWN_CLEAN = new LruCache<true>(1024);
const REMEMBERED_UP_TO = 256;

export function redact(text: string): string {
  const short = text.length <= REMEMBERED_UP_TO;
  if (short && KNOWN_CLEAN.get(text)) return text;
  let out = text;
  for (const [pattern, replacement] of PATTERNS) {
    out = out.replace(pattern, replacement as never);
  }
  out = mask(out, [...secretRanges(out), ...keyedTokenRanges(out)]);
  if (short && out === text) KNOWN_CLEAN.set(text, true);
  return out;
}

/** Characters a token goes on with: a rule's range is widened to the end of its token. */
const TOKEN_CHAR = /[\w+/=~.-]/;

/** Replaces each range (merged when they overlap) with the marker; text already redacted stays. */
function mask(text: string, ranges: Array<readonly [number, number]>): string {
  if (ranges.length === 0) return text;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let out = '';
  let cursor = 0;
  for (const [start, rawEnd] of sorted) {
    let end = rawEnd;
    while (end < text.length && TOKEN_CHAR.test(text[end]!)) end++;
    if (end <= cursor) continue;
    const from = Math.max(start, cursor);
    if (text.slice(from, end).includes(REDACTED)) {
      out += text.slice(cursor, end);
    } else {
      out += `${text.slice(cursor, from)}${REDACTED}`;
    }
    cursor = end;
  }
  return out + text.slice(cursor);
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
