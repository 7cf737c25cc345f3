/**
 * A long random-looking token right after a key-like word is a secret whatever its provider:
 * `SECRET_KEY_BASE = "<hex>"`, "my AWS secret key is wJalr...", `signing key: 9f8e...`. Rule
 * sets only know the formats they list; this catches the rest without flagging hashes, UUIDs or
 * identifiers that merely sit near the word "token".
 */
const KEY_WORD = /(?:secret|token|passw(?:or)?d|passwd|pwd|passphrase|credentials?|api[_ -]?key|access[_ -]?key|private[_ -]?key|signing[_ -]?key|key|auth|bearer|sig(?:nature)?)(?![a-z])/gi;
/** What may stand between the word and the token: a name's tail, quotes, a separator, "is". */
const GAP = /^[\w.-]{0,24}["'`]?\s{0,4}(?:[:=]|=>|:=|\bis\b|\bwas\b|\bof\b)?\s{0,4}["'`]?$/i;
// `=` only as base64 padding, so `NAME=value` splits into the name and the value.
const TOKEN = /[\w+/.~-]{20,}={0,2}/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MIN_BITS_PER_CHAR = 3.2;
const MAX_TOKEN = 1024;

export function isHighEntropyToken(token: string): boolean {
  if (token.length < 20 || UUID.test(token)) return false;
  // Identifiers are words: `user_session_token_expiry`, `getAccessTokenFromCache`.
  const parts = token.split(/[_./~-]+/).filter(Boolean);
  const wordy = parts.every((part) => /^[A-Za-z][a-z]{0,14}(?:[A-Z][a-z]{1,14}){0,6}\d{0,3}$/.test(part));
  if (wordy) return false;
  const digits = (token.match(/\d/g) ?? []).length;
  const letters = (token.match(/[A-Za-z]/g) ?? []).length;
  if (digits === 0 || letters === 0) return false;
  return shannonBits(token) >= MIN_BITS_PER_CHAR;
}

function shannonBits(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Ranges of high-entropy tokens that follow a key-like word on the same line. */
export function keyedTokenRanges(text: string): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    // Longer runs are data (base64 blobs, minified code), not a key someone typed or pasted.
    if (match[0].length > MAX_TOKEN) continue;
    const window = text.slice(Math.max(0, start - 64), start);
    const line = window.slice(window.lastIndexOf('\n') + 1);
    if (!followsKeyWord(line)) continue;
    // A trailing dot or dash ends a sentence, it is not part of the secret.
    const token = match[0].replace(/[.-]+$/, '');
    if (!isHighEntropyToken(token)) continue;
    out.push([start, start + token.length]);
  }
  return out;
}

function followsKeyWord(window: string): boolean {
  let last: RegExpExecArray | null = null;
  KEY_WORD.lastIndex = 0;
  for (let m = KEY_WORD.exec(window); m; m = KEY_WORD.exec(window)) last = m;
  return last !== null && GAP.test(window.slice(last.index + last[0].length));
}
