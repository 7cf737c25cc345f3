import { request } from 'node:http';

/**
 * A minimal HTTP client for the hook command. `fetch` (undici) costs ~30 ms to load and keeps
 * the process alive on its connection pool; a hook runs on every tool call of an agent, so it
 * uses node:http with no keep-alive and exits as soon as the answer is in.
 */
export interface LiteResponse {
  status: number;
  body: string;
}

export async function httpRequest(
  method: 'GET' | 'POST',
  url: string,
  options: { headers?: Record<string, string>; body?: string; timeoutMs: number },
): Promise<LiteResponse> {
  const target = new URL(url);
  // TLS is loaded only for an https server URL (a remote server behind a proxy).
  const send = target.protocol === 'https:' ? (await import('node:https')).request : request;
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers };
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = send(target, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', fail);
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`timed out after ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    req.on('error', fail);
    req.end(options.body);
  });
}
