import { requestUrl } from 'obsidian';

/** One HTTP exchange, as small as both Obsidian's requestUrl and fetch can serve it. */
export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  text: string;
}

/**
 * How the plugin reaches the server. Inside Obsidian it is requestUrl (no CORS: the app's
 * origin is not the server's, and the server sends no CORS headers); tests use fetch.
 * Throws only when no HTTP answer arrived at all (connection refused, DNS, timeout).
 */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

export const REQUEST_TIMEOUT_MS = 15_000;

export const requestUrlTransport: Transport = async (request) => {
  const pending = requestUrl({
    url: request.url,
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined ? { body: request.body, contentType: request.headers['content-type'] ?? 'application/json' } : {}),
    // 4xx/5xx are answers the caller reads ({error, code}), not transport failures.
    throw: false,
  });
  // requestUrl has no timeout option; a hung server must not leave a view spinning forever.
  const response = await withTimeout(pending, REQUEST_TIMEOUT_MS, request.url);
  return { status: response.status, headers: lowerKeys(response.headers), text: response.text };
};

export function fetchTransport(fetchImpl: typeof fetch = fetch): Transport {
  return async (request) => {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    return { status: response.status, headers, text: await response.text() };
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, url: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from ${url} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) out[key.toLowerCase()] = value;
  return out;
}
