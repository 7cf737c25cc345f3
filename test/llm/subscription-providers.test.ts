import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { signInEndpoints, type LlmConfig } from '../../lib/config/llm-config.js';
import { createLlmClient } from '../../lib/services/llm/chat.js';
import { runCli } from '../helpers/cli.js';
import { startFakeOAuth, type FakeOAuth } from '../helpers/fake-oauth.js';
import { startSuiteServer } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';
import { call, httpClient } from '../mcp/helpers.js';

const request = { system: 'You answer briefly.', user: 'Say something.', maxTokens: 50 };

async function setup() {
  const fake = await startFakeOAuth();
  after(() => fake.close());
  const dataDir = await tempDir('aim-auth-');
  const env = { AI_MEMORY_DATA_DIR: dataDir, AI_MEMORY_OPENAI_AUTH_URL: fake.url, AI_MEMORY_GITHUB_URL: fake.url, AI_MEMORY_GITHUB_API_URL: fake.url, COPILOT_GITHUB_TOKEN: '', GH_TOKEN: '', GITHUB_TOKEN: '', ANTHROPIC_OAUTH_TOKEN: '', CLAUDE_CODE_OAUTH_TOKEN: '' };
  const endpoints = signInEndpoints(env);
  return { fake, dataDir, env, endpoints };
}

function llm(provider: LlmConfig['provider'], baseUrl: string, dataDir: string, fake: FakeOAuth, apiKey?: string): LlmConfig {
  return { provider, model: 'fake-model', baseUrl, timeoutMs: 5000, signIn: { dataDir, endpoints: signInEndpoints({ AI_MEMORY_OPENAI_AUTH_URL: fake.url, AI_MEMORY_GITHUB_URL: fake.url, AI_MEMORY_GITHUB_API_URL: fake.url }) }, ...(apiKey ? { apiKey } : {}) };
}

/** Every file under `dir` but auth.json that holds one of `secrets`. */
async function filesHolding(dir: string, secrets: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name === 'auth.json') continue;
    const path = join(entry.parentPath, entry.name);
    const text = (await readFile(path)).toString('latin1');
    if (secrets.some((s) => text.includes(s))) found.push(path);
  }
  return found;
}

describe('subscription providers', () => {
  it('openai-oauth: device-code login saves auth.json 0600; status shows no token; the access token is refreshed before expiry; logout forgets it', async () => {
    const { fake, dataDir, env } = await setup();
    const login = await runCli(['auth', 'login', 'openai-oauth'], { env });
    assert.equal(login.code, 0, login.stderr);
    assert.match(login.stderr, /enter the code FAKE-CODE/);
    assert.match(login.stdout, /Signed in to openai-oauth \(account acct-fake-1\)/);
    assert.equal((await stat(join(dataDir, 'auth.json'))).mode & 0o777, 0o600);
    const saved = JSON.parse(await readFile(join(dataDir, 'auth.json'), 'utf8')) as Record<string, { refresh_token: string; expires_at: string }>;
    assert.ok(fake.issued.includes(saved['openai-oauth']!.refresh_token));

    const status = await runCli(['auth', 'status', '--json'], { env });
    assert.equal(status.code, 0, status.stderr);
    assert.deepEqual((JSON.parse(status.stdout) as { providers: Array<{ provider: string; signed_in: boolean }> }).providers.map((p) => [p.provider, p.signed_in]), [['openai-oauth', true], ['copilot', false], ['anthropic-oauth', false]]);
    for (const token of fake.issued) assert.ok(!status.stdout.includes(token) && !login.stdout.includes(token) && !login.stderr.includes(token), 'no token printed');

    const client = createLlmClient(llm('openai-oauth', `${fake.url}/backend`, dataDir, fake));
    assert.equal(await client.complete(request), 'fake answer');
    assert.equal(fake.counts.refresh, 0, 'a fresh access token is used as is');
    // Thirty seconds left: refreshed before the call, the rotated refresh token saved.
    saved['openai-oauth']!.expires_at = new Date(Date.now() + 30_000).toISOString();
    await writeFile(join(dataDir, 'auth.json'), JSON.stringify(saved));
    const again = createLlmClient(llm('openai-oauth', `${fake.url}/backend`, dataDir, fake));
    assert.equal(await again.complete(request), 'fake answer');
    assert.equal(await again.complete(request), 'fake answer');
    assert.equal(fake.counts.refresh, 1, 'refreshed once, then cached');
    const rotated = JSON.parse(await readFile(join(dataDir, 'auth.json'), 'utf8')) as Record<string, { refresh_token: string }>;
    assert.notEqual(rotated['openai-oauth']!.refresh_token, saved['openai-oauth']!.refresh_token);
    assert.equal(fake.lastHeaders['POST /backend/responses']!['chatgpt-account-id'], 'acct-fake-1');

    const logout = await runCli(['auth', 'logout', 'openai-oauth'], { env });
    assert.match(logout.stdout, /Signed out of openai-oauth/);
    await assert.rejects(stat(join(dataDir, 'auth.json')), 'the last sign-in gone, the file goes too');
    await assert.rejects(createLlmClient(llm('openai-oauth', `${fake.url}/backend`, dataDir, fake)).complete(request), /not signed in: run `ai-memory auth login openai-oauth`/);
  });

  it('a revoked sign-in: status says to log in again, search still answers without the LLM, and no token is in any file but auth.json', async () => {
    const { fake, dataDir, env } = await setup();
    assert.equal((await runCli(['auth', 'login', 'openai-oauth'], { env })).code, 0);
    const saved = JSON.parse(await readFile(join(dataDir, 'auth.json'), 'utf8')) as Record<string, { expires_at: string }>;
    saved['openai-oauth']!.expires_at = new Date(Date.now() - 1000).toISOString();
    await writeFile(join(dataDir, 'auth.json'), JSON.stringify(saved), { mode: 0o600 });
    fake.revokeAll();

    const server = await startSuiteServer({ providers: { consolidateOnSessionEnd: false, llm: llm('openai-oauth', `${fake.url}/backend`, dataDir, fake) } }, dataDir);
    after(() => server.stop());
    await server.client.writePage({ workspace: 'default', project: 'app', path: 'decisions/db.md', title: 'Use Postgres 16', body: 'We chose Postgres 16 for JSONB support.' });
    const answered = await call<{ hits: Array<{ path: string }>; answer_unavailable?: string }>(await httpClient(server.url), 'memory_query', { workspace: 'default', project: 'app', query: 'postgres', answer: true });
    assert.ok(answered.hits.some((h) => h.path === 'decisions/db.md'), 'the rule-based hits are still there');
    assert.match(answered.answer_unavailable ?? '', /revoked or has expired.*ai-memory auth login openai-oauth/);

    const status = await runCli(['status', '--json', '--server-url', server.url], { env: {} });
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /"state": "error"[\s\S]*revoked or has expired[\s\S]*auth login openai-oauth/);
    for (const token of fake.issued) assert.ok(!status.stdout.includes(token) && !JSON.stringify(answered).includes(token));
    // A backup leaves the sign-in out (it belongs to this machine): its listing and content hold no token.
    const work = await tempDir('aim-auth-backup-');
    const backup = await runCli(['backup', '--out', join(work, 'memory.tar.gz'), '--json'], { env: { AI_MEMORY_SERVER_URL: server.url } });
    assert.equal(backup.code, 0, backup.stderr);
    assert.ok(!fake.issued.some((t) => backup.stdout.includes(t)));
    assert.equal(spawnSync('tar', ['-xzf', join(work, 'memory.tar.gz'), '-C', work]).status, 0);
    assert.deepEqual(await filesHolding(work, fake.issued), []);
    await assert.rejects(stat(join(work, 'auth.json')));
    await server.stop();
    assert.deepEqual(await filesHolding(dataDir, fake.issued), [], 'tokens live in auth.json only (not the wiki, raw events, logs, config)');
  });

  it('copilot: a GitHub token from the environment is exchanged once, the Copilot token cached and renewed when it nears expiry; login by GitHub device code', async () => {
    const { fake, dataDir, env } = await setup();
    const login = await runCli(['auth', 'login', 'copilot'], { env });
    assert.equal(login.code, 0, login.stderr);
    assert.match(login.stderr, /enter the code GH-FAKE/);
    const github = fake.issued.find((t) => t.startsWith('gho_'))!;
    assert.equal(fake.counts.copilotExchange, 1, 'the login checks the account has Copilot');

    const fromFile = createLlmClient(llm('copilot', 'https://api.githubcopilot.com', dataDir, fake));
    assert.equal(await fromFile.complete(request), 'fake answer');
    assert.equal(await fromFile.complete(request), 'fake answer');
    assert.equal(fake.counts.copilotExchange, 2, 'one exchange for two calls: the Copilot token is cached');
    assert.match(String(fake.lastHeaders['POST /copilot/chat/completions']!['copilot-integration-id']), /vscode-chat/);

    fake.copilotTtl = 30; // inside the one-minute margin: renewed on every call
    const fromEnv = createLlmClient(llm('copilot', 'https://api.githubcopilot.com', dataDir, fake, github));
    await fromEnv.complete(request);
    await fromEnv.complete(request);
    assert.equal(fake.counts.copilotExchange, 4);

    fake.revokeAll();
    await assert.rejects(createLlmClient(llm('copilot', 'https://api.githubcopilot.com', dataDir, fake)).complete(request), (error: Error) => {
      assert.match(error.message, /GitHub refused the token for Copilot.*auth login copilot/);
      assert.ok(!fake.issued.some((t) => error.message.includes(t)));
      return true;
    });
  });

  it('anthropic-oauth: a bearer token against Messages, and the usage-policy warning printed once at start', async () => {
    const { fake, dataDir } = await setup();
    const token = 'sk-ant-oat01-fake-subscription-token-0123456789';
    const client = createLlmClient({ provider: 'anthropic-oauth', model: 'claude-haiku-4-5', baseUrl: fake.url, timeoutMs: 5000, apiKey: token });
    assert.equal(await client.complete(request), 'fake answer');
    const headers = fake.lastHeaders['POST /v1/messages']!;
    assert.equal(headers.authorization, `Bearer ${token}`);
    assert.match(String(headers['anthropic-beta']), /oauth/);
    assert.equal(headers['x-api-key'], undefined);

    // The port is taken, so the server stops right after reading its configuration: the warning
    // is what it printed on the way, and nothing has to be stopped.
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    after(() => new Promise<void>((resolve) => taken.close(() => resolve())));
    const port = String((taken.address() as AddressInfo).port);
    const serve = await runCli(['serve', '--data-dir', dataDir, '--port', port], { env: { AI_MEMORY_LLM_PROVIDER: 'anthropic-oauth', CLAUDE_CODE_OAUTH_TOKEN: token, ANTHROPIC_OAUTH_TOKEN: '', AI_MEMORY_LLM_BASE_URL: fake.url } });
    assert.match(serve.stderr, /already in use/);
    assert.equal(serve.stderr.match(/Anthropic's terms allow those tokens only in Anthropic's own apps/g)?.length, 1, serve.stderr);
    assert.ok(!serve.stderr.includes(token) && !serve.stdout.includes(token));
    assert.deepEqual(await filesHolding(dataDir, [token]), []);

    const missing = await runCli(['serve', '--data-dir', dataDir, '--port', '0'], { env: { AI_MEMORY_LLM_PROVIDER: 'anthropic-oauth', ANTHROPIC_OAUTH_TOKEN: '', CLAUDE_CODE_OAUTH_TOKEN: '' } });
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /anthropic-oauth needs a token: set ANTHROPIC_OAUTH_TOKEN or CLAUDE_CODE_OAUTH_TOKEN/);
  });
});
