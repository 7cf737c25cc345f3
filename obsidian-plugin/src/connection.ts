import { kindOfStatus, ServerError } from './errors.js';
import type { HttpResponse, Transport } from './transport.js';

export interface ConnectionSettings {
  serverUrl: string;
  authToken: string;
}

/**
 * The server's address, credentials and transport, read afresh on every request so a change
 * in the settings applies at once. Turns "no answer" and error answers into ServerErrors.
 */
export class Connection {
  constructor(
    private readonly settings: () => ConnectionSettings,
    private readonly transport: Transport,
  ) {}

  get baseUrl(): string {
    return this.settings().serverUrl.trim().replace(/\/+$/, '');
  }

  async send(method: 'GET' | 'POST', path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<HttpResponse> {
    const base = this.baseUrl;
    if (!/^https?:\/\/[^/]/i.test(base)) {
      throw new ServerError('unreachable', `the server URL ${JSON.stringify(base)} is not an http(s) URL`);
    }
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    const token = this.settings().authToken.trim();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: HttpResponse;
    try {
      response = await this.transport({ url: `${base}${path}`, method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ServerError('unreachable', `cannot reach the server at ${base} (${reason})`);
    }
    return response;
  }

  /** Sends a request and parses a JSON answer; an error answer becomes a ServerError. */
  async json<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    if (response.status >= 400) throw errorFromResponse(response, `${method} ${path}`);
    return parseJson<T>(response.text, `${method} ${path}`);
  }
}

export function errorFromResponse(response: HttpResponse, what: string): ServerError {
  let message = `${what} failed with HTTP ${response.status}`;
  let code: string | undefined;
  try {
    const body = JSON.parse(response.text) as { error?: unknown; code?: unknown };
    if (typeof body.error === 'string') message = body.error;
    if (typeof body.code === 'string') code = body.code;
  } catch {
    // not JSON: another program (a proxy, a different server) answered on this port
  }
  return new ServerError(kindOfStatus(response.status), message, response.status, code);
}

export function parseJson<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ServerError('server', `${what}: the answer is not JSON; is the server URL pointing at ai-memory?`);
  }
}
