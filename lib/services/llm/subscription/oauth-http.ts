import { providerError } from '../provider-http.js';

/**
 * Requests to sign-in endpoints. Their answers carry tokens, so errors name only the status and
 * the OAuth error code, never a body; and no request or answer is logged.
 */
export interface OAuthAnswer {
  status: number;
  body: Record<string, unknown>;
}

export async function oauthRequest(provider: string, url: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; json?: unknown; form?: Record<string, string>; timeoutMs?: number }): Promise<OAuthAnswer> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'ai-memory', ...init.headers };
  let body: string | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  let response: Response;
  try {
    response = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, signal: AbortSignal.timeout(init.timeoutMs ?? 30_000) });
  } catch (error) {
    throw providerError(provider, `cannot reach ${new URL(url).origin}: ${(error as Error).message}`);
  }
  const text = await response.text().catch(() => '');
  let parsed: Record<string, unknown> = {};
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) parsed = value as Record<string, unknown>;
  } catch {
    // not JSON: the status says enough
  }
  return { status: response.status, body: parsed };
}

/** `invalid_grant`, `authorization_pending`, ...: the one part of an error answer safe to show. */
export function oauthErrorCode(answer: OAuthAnswer): string {
  const error = answer.body.error;
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string') return (error as { code: string }).code;
  return `HTTP ${answer.status}`;
}

export const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
