import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Loopback stand-ins for the sign-in and model endpoints of the subscription providers:
 * OpenAI's device sign-in, token endpoint and Codex Responses backend (event stream); GitHub's
 * device flow and Copilot token exchange, and Copilot chat; Anthropic Messages with a bearer.
 * Every token it issues is random and listed in `issued`, so a test can look for leaks.
 */
export interface FakeOAuth {
  url: string;
  issued: string[];
  /** Polls answered "pending" before the device code counts as approved. */
  pendingPolls: number;
  /** Lifetime of access tokens and Copilot tokens, in seconds. */
  accessTtl: number;
  copilotTtl: number;
  counts: { refresh: number; copilotExchange: number; responses: number; copilotChat: number };
  /** Revokes every refresh token and GitHub token issued so far. */
  revokeAll(): void;
  lastHeaders: Record<string, IncomingMessage['headers']>;
  close(): Promise<void>;
}

export async function startFakeOAuth(): Promise<FakeOAuth> {
  const valid = { refresh: new Set<string>(), access: new Set<string>(), github: new Set<string>(), copilot: new Set<string>() };
  const issue = (prefix: string, set: Set<string>) => {
    const token = `${prefix}${randomBytes(12).toString('hex')}`;
    fake.issued.push(token);
    set.add(token);
    return token;
  };
  let polls = 0;
  const fake: FakeOAuth = {
    url: '',
    issued: [],
    pendingPolls: 1,
    accessTtl: 3600,
    copilotTtl: 1800,
    counts: { refresh: 0, copilotExchange: 0, responses: 0, copilotChat: 0 },
    revokeAll: () => {
      valid.refresh.clear();
      valid.github.clear();
      valid.access.clear();
      valid.copilot.clear();
    },
    lastHeaders: {},
    close: async () => {},
  };
  const idToken = () => `e30.${Buffer.from(JSON.stringify({ 'https://api.openai.com/auth': { chatgpt_account_id: 'acct-fake-1' } })).toString('base64url')}.sig`;
  const tokens = () => ({ access_token: issue('oa-access-', valid.access), refresh_token: issue('oa-refresh-', valid.refresh), id_token: idToken(), expires_in: fake.accessTtl });
  const bearer = (req: IncomingMessage) => /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';

  const routes: Record<string, (req: IncomingMessage, body: Record<string, string>) => [number, unknown, string?]> = {
    'POST /api/accounts/deviceauth/usercode': () => [200, { device_auth_id: 'dev-auth-1', user_code: 'FAKE-CODE', interval: '0' }],
    'POST /api/accounts/deviceauth/token': () => (polls++ < fake.pendingPolls ? [403, { error: { code: 'deviceauth_authorization_pending' } }] : [200, { authorization_code: 'auth-code-1', code_verifier: 'verifier-1', code_challenge: 'x' }]),
    'POST /oauth/token': (_req, body) => {
      if (body.grant_type === 'authorization_code') return body.code === 'auth-code-1' && body.code_verifier === 'verifier-1' ? [200, tokens()] : [400, { error: 'invalid_grant' }];
      fake.counts.refresh += 1;
      if (!valid.refresh.delete(body.refresh_token ?? '')) return [401, { error: 'invalid_grant', error_description: 'refresh token revoked' }];
      return [200, tokens()];
    },
    'POST /backend/responses': (req) => {
      fake.counts.responses += 1;
      if (!valid.access.has(bearer(req)) || req.headers['chatgpt-account-id'] !== 'acct-fake-1') return [401, { error: { message: 'bad token' } }];
      const events = [{ type: 'response.output_text.delta', delta: 'fake ' }, { type: 'response.output_text.delta', delta: 'answer' }, { type: 'response.completed', response: { output: [{ content: [{ type: 'output_text', text: 'fake answer' }] }] } }];
      return [200, events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join(''), 'text/event-stream'];
    },
    'POST /login/device/code': () => [200, { device_code: 'gh-device-1', user_code: 'GH-FAKE', verification_uri: `${fake.url}/login/device`, interval: 0, expires_in: 900 }],
    'POST /login/oauth/access_token': (_req, body) => {
      if (body.device_code !== 'gh-device-1') return [200, { error: 'expired_token' }];
      return polls++ < fake.pendingPolls ? [200, { error: 'authorization_pending' }] : [200, { access_token: issue('gho_', valid.github), token_type: 'bearer' }];
    },
    'GET /copilot_internal/v2/token': (req) => {
      fake.counts.copilotExchange += 1;
      const gh = /^token (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (!valid.github.has(gh)) return [401, { message: 'Bad credentials' }];
      return [200, { token: issue('tid=cop-', valid.copilot), expires_at: Math.floor(Date.now() / 1000) + fake.copilotTtl, endpoints: { api: `${fake.url}/copilot` } }];
    },
    'POST /copilot/chat/completions': (req) => {
      fake.counts.copilotChat += 1;
      if (!valid.copilot.has(bearer(req))) return [401, { error: { message: 'expired token' } }];
      return [200, { choices: [{ message: { role: 'assistant', content: 'fake answer' } }] }];
    },
    'POST /v1/messages': (req) => (valid.access.has(bearer(req)) || bearer(req).startsWith('sk-ant-oat') ? [200, { content: [{ type: 'text', text: 'fake answer' }] }] : [401, { error: { type: 'authentication_error', message: 'invalid bearer' } }]),
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, string> = {};
      try {
        body = (req.headers['content-type'] ?? '').includes('json') ? (JSON.parse(text) as Record<string, string>) : Object.fromEntries(new URLSearchParams(text));
      } catch {
        body = {};
      }
      const key = `${req.method} ${(req.url ?? '').split('?')[0]}`;
      fake.lastHeaders[key] = req.headers;
      const route = routes[key];
      const [status, answer, type] = route ? route(req, body) : [404, { error: `no route ${key}` }];
      res.writeHead(status, { 'content-type': type ?? 'application/json' });
      res.end(typeof answer === 'string' ? answer : JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return fake;
}
