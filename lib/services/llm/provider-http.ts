import { MemoryError } from '../../core/errors.js';

/**
 * One JSON POST to a provider, the way all four speak HTTP: a timeout on the whole exchange,
 * a bounded retry of rate limits (429) and overloads (503, 529) honouring `retry-after`, and
 * the provider's own error message pulled out of its error body. Plain `fetch` rather than the
 * official SDKs: each call here is one POST with a known shape, the SDKs add several MB and
 * their own retry and timeout policies, and one helper keeps the four providers' failure
 * behaviour identical and testable against a local fake server.
 */
export interface PostOptions {
  provider: string;
  timeoutMs: number;
  /** Retries after a 429/503/529 (default 2). */
  retries?: number;
  /** Longest wait honoured from a retry-after header; a longer one fails at once (default 20 s). */
  maxRetryWaitMs?: number;
}

const RETRYABLE = new Set([429, 503, 529]);

export async function postJson(url: string, headers: Record<string, string>, body: unknown, options: PostOptions): Promise<unknown> {
  const retries = options.retries ?? 2;
  const maxWait = options.maxRetryWaitMs ?? 20_000;
  for (let attempt = 0; ; attempt += 1) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') throw providerError(options.provider, `no answer within ${options.timeoutMs} ms`);
      throw providerError(options.provider, `cannot reach ${new URL(url).origin}: ${(error as Error).message}`);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw providerError(options.provider, `the answer was cut off: ${(error as Error).message}`);
    }
    if (response.ok) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw providerError(options.provider, `malformed JSON in the answer (HTTP ${response.status}): ${clip(text)}`);
      }
    }
    const message = errorMessage(text);
    if (RETRYABLE.has(response.status) && attempt < retries) {
      const wait = retryAfterMs(response.headers.get('retry-after'), attempt);
      if (wait <= maxWait) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      throw providerError(options.provider, `rate limited (HTTP ${response.status}); retry after ${Math.ceil(wait / 1000)} s: ${message}`, 'OVERLOADED');
    }
    const what = response.status === 401 || response.status === 403 ? 'the API key was refused' : RETRYABLE.has(response.status) ? 'rate limited' : 'request failed';
    throw providerError(options.provider, `${what} (HTTP ${response.status}): ${message}`, RETRYABLE.has(response.status) ? 'OVERLOADED' : 'NOT_AVAILABLE');
  }
}

/** `retry-after` in seconds or as an HTTP date; without it a short exponential backoff. */
export function retryAfterMs(header: string | null, attempt: number): number {
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  return 500 * 2 ** attempt;
}

/** Anthropic `{error:{message}}`, OpenAI `{error:{message}}`, Gemini `{error:{message,status}}`, Voyage `{detail}`. */
function errorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const error = body.error;
    if (typeof error === 'string') return clip(error);
    if (error && typeof error === 'object') {
      const e = error as Record<string, unknown>;
      const kind = typeof e.type === 'string' ? e.type : typeof e.status === 'string' ? e.status : typeof e.code === 'string' ? e.code : undefined;
      if (typeof e.message === 'string') return clip(kind ? `${kind}: ${e.message}` : e.message);
    }
    if (typeof body.detail === 'string') return clip(body.detail);
    if (typeof body.message === 'string') return clip(body.message);
  } catch {
    // not JSON: a proxy's HTML page, or nothing
  }
  return text.trim() === '' ? 'empty body' : clip(text);
}

export function providerError(provider: string, message: string, code: 'NOT_AVAILABLE' | 'OVERLOADED' = 'NOT_AVAILABLE'): MemoryError {
  return new MemoryError(code, `${provider}: ${message}`, { provider });
}

function clip(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 300 ? `${one.slice(0, 300)}...` : one;
}
