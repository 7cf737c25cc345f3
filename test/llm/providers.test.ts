import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadProvidersConfig, type LlmProviderName } from '../../lib/config/llm-config.js';
import { MemoryError } from '../../lib/core/errors.js';
import { createEmbeddingClient } from '../../lib/services/llm/embed.js';
import { createLlmClient } from '../../lib/services/llm/chat.js';
import { createProviders } from '../../lib/services/llm/providers.js';
import { startFakeLlm } from '../helpers/fake-llm.js';

const request = { system: 'You are terse.', user: 'Say hi.', maxTokens: 64 };

function llmFor(provider: LlmProviderName, baseUrl: string, timeoutMs = 5000) {
  return createLlmClient({ provider, model: `model-${provider}`, baseUrl, apiKey: 'sk-test-key', timeoutMs });
}

async function rejection(promise: Promise<unknown>): Promise<MemoryError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof MemoryError, `a MemoryError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a failure');
}

describe('LLM provider clients on their wire formats (local fake servers)', () => {
  it('anthropic: POST /v1/messages with x-api-key and anthropic-version, system as a field', async () => {
    const fake = await startFakeLlm();
    fake.reply = () => 'hello from claude';
    assert.equal(await llmFor('anthropic', fake.url).complete(request), 'hello from claude');
    const sent = fake.requests[0]!;
    assert.equal(sent.path, '/v1/messages');
    assert.equal(sent.headers['x-api-key'], 'sk-test-key');
    assert.equal(sent.headers['anthropic-version'], '2023-06-01');
    assert.equal(sent.headers.authorization, undefined);
    assert.deepEqual(sent.body, { model: 'model-anthropic', max_tokens: 64, system: 'You are terse.', messages: [{ role: 'user', content: 'Say hi.' }] });
  });

  it('openai: POST /chat/completions with a bearer, max_completion_tokens and JSON mode', async () => {
    const fake = await startFakeLlm();
    fake.reply = () => '{"ok":true}';
    assert.equal(await llmFor('openai', `${fake.url}/v1`).complete({ ...request, json: true }), '{"ok":true}');
    const sent = fake.requests[0]!;
    assert.equal(sent.path, '/v1/chat/completions');
    assert.equal(sent.headers.authorization, 'Bearer sk-test-key');
    assert.deepEqual(sent.body, {
      model: 'model-openai',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Say hi.' },
      ],
      max_completion_tokens: 64,
      response_format: { type: 'json_object' },
    });
  });

  it('openai-compat: the configured base URL, max_tokens, and no auth header without a key', async () => {
    const fake = await startFakeLlm();
    const client = createLlmClient({ provider: 'openai-compat', model: 'llama3', baseUrl: `${fake.url}/v1`, timeoutMs: 5000 });
    assert.equal(await client.complete(request), 'fake answer');
    const sent = fake.requests[0]!;
    assert.equal(sent.path, '/v1/chat/completions');
    assert.equal(sent.headers.authorization, undefined);
    assert.equal(sent.body.max_tokens, 64);
  });

  it('gemini: POST :generateContent with x-goog-api-key, systemInstruction and contents', async () => {
    const fake = await startFakeLlm();
    assert.equal(await llmFor('gemini', fake.url).complete({ ...request, json: true }), 'fake answer');
    const sent = fake.requests[0]!;
    assert.equal(sent.path, '/v1beta/models/model-gemini:generateContent');
    assert.equal(sent.headers['x-goog-api-key'], 'sk-test-key');
    assert.deepEqual(sent.body, {
      systemInstruction: { parts: [{ text: 'You are terse.' }] },
      contents: [{ role: 'user', parts: [{ text: 'Say hi.' }] }],
      generationConfig: { maxOutputTokens: 64, responseMimeType: 'application/json' },
    });
  });

  it("reports each provider's own error body, and a refused key as such", async () => {
    const fake = await startFakeLlm();
    fake.queue.push({ status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } } });
    const anthropic = await rejection(llmFor('anthropic', fake.url).complete(request));
    assert.match(anthropic.message, /^anthropic: the API key was refused \(HTTP 401\): authentication_error: invalid x-api-key$/);
    fake.queue.push({ status: 400, body: { error: { message: 'Unsupported parameter', type: 'invalid_request_error', code: null } } });
    assert.match((await rejection(llmFor('openai', fake.url).complete(request))).message, /HTTP 400\): invalid_request_error: Unsupported parameter/);
    fake.queue.push({ status: 400, body: { error: { code: 400, message: 'API key not valid', status: 'INVALID_ARGUMENT' } } });
    assert.match((await rejection(llmFor('gemini', fake.url).complete(request))).message, /INVALID_ARGUMENT: API key not valid/);
    fake.queue.push({ status: 502, body: '<html>Bad gateway</html>' });
    assert.match((await rejection(llmFor('openai', fake.url).complete(request))).message, /HTTP 502\): <html>Bad gateway<\/html>/);
  });

  it('waits out a 429 with retry-after and succeeds; refuses to wait an hour', async () => {
    const fake = await startFakeLlm();
    fake.queue.push({ status: 429, headers: { 'retry-after': '0' }, body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } } });
    fake.queue.push({ status: 529, headers: { 'retry-after': '0' }, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
    assert.equal(await llmFor('anthropic', fake.url).complete(request), 'fake answer');
    assert.equal(fake.requests.length, 3);

    fake.queue.push({ status: 429, headers: { 'retry-after': '3600' }, body: { error: { message: 'Rate limit reached', type: 'requests' } } });
    const limited = await rejection(llmFor('openai', fake.url).complete(request));
    assert.equal(limited.code, 'OVERLOADED');
    assert.match(limited.message, /rate limited \(HTTP 429\); retry after 3600 s: requests: Rate limit reached/);
    assert.equal(fake.requests.length, 4, 'no retry when the wait is too long');

    for (let i = 0; i < 3; i++) fake.queue.push({ status: 429, headers: { 'retry-after': '0' }, body: { error: { message: 'again' } } });
    const exhausted = await rejection(llmFor('openai', fake.url).complete(request));
    assert.equal(exhausted.code, 'OVERLOADED');
    assert.equal(fake.requests.length, 7, 'two retries, then the error');
  });

  it('fails clearly on malformed JSON, on a missing text, and on a provider that does not answer in time', async () => {
    const fake = await startFakeLlm();
    fake.queue.push({ body: '{"choices": [' });
    assert.match((await rejection(llmFor('openai', fake.url).complete(request))).message, /^openai: malformed JSON in the answer/);
    fake.queue.push({ body: { candidates: [] } });
    assert.match((await rejection(llmFor('gemini', fake.url).complete(request))).message, /no text at candidates\[0\]/);
    fake.queue.push({ body: { content: [{ type: 'tool_use', id: 'x' }] } });
    assert.match((await rejection(llmFor('anthropic', fake.url).complete(request))).message, /no text at content/);
    fake.queue.push({ delayMs: 5000, body: {} });
    const slow = await rejection(llmFor('anthropic', fake.url, 200).complete(request));
    assert.equal(slow.message, 'anthropic: no answer within 200 ms');
    const closed = await startFakeLlm();
    await closed.close();
    assert.match((await rejection(llmFor('openai', closed.url).complete(request))).message, /^openai: cannot reach http:\/\/127\.0\.0\.1:\d+/);
  });
});

describe('embedding clients', () => {
  it('openai and openai-compat: POST /embeddings, vectors back in index order', async () => {
    const fake = await startFakeLlm();
    fake.queue.push({ body: { data: [{ index: 1, embedding: [0, 1] }, { index: 0, embedding: [1, 0] }] } });
    const client = createEmbeddingClient({ provider: 'openai', model: 'text-embedding-3-small', baseUrl: `${fake.url}/v1`, apiKey: 'k', timeoutMs: 5000 });
    assert.deepEqual(await client.embed(['a', 'b'], 'document'), [[1, 0], [0, 1]]);
    assert.equal(fake.requests[0]!.path, '/v1/embeddings');
    assert.equal(fake.requests[0]!.headers.authorization, 'Bearer k');
    assert.deepEqual(fake.requests[0]!.body, { model: 'text-embedding-3-small', input: ['a', 'b'] });
  });

  it('voyage: input_type says whether the text is a query or a document', async () => {
    const fake = await startFakeLlm();
    const client = createEmbeddingClient({ provider: 'voyage', model: 'voyage-3.5-lite', baseUrl: `${fake.url}/v1`, apiKey: 'pa-key', timeoutMs: 5000 });
    const [vector] = await client.embed(['postgres database'], 'query');
    assert.equal(vector!.length, 13);
    assert.deepEqual(fake.requests[0]!.body, { model: 'voyage-3.5-lite', input: ['postgres database'], input_type: 'query' });
    assert.equal(fake.requests[0]!.headers.authorization, 'Bearer pa-key');
  });

  it('gemini: batchEmbedContents with a task type per request', async () => {
    const fake = await startFakeLlm();
    const client = createEmbeddingClient({ provider: 'gemini', model: 'gemini-embedding-001', baseUrl: fake.url, apiKey: 'g-key', timeoutMs: 5000 });
    assert.equal((await client.embed(['one', 'two'], 'document')).length, 2);
    const sent = fake.requests[0]!;
    assert.equal(sent.path, '/v1beta/models/gemini-embedding-001:batchEmbedContents');
    assert.equal(sent.headers['x-goog-api-key'], 'g-key');
    assert.deepEqual((sent.body.requests as unknown[])[0], { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'one' }] }, taskType: 'RETRIEVAL_DOCUMENT' });
  });

  it('refuses malformed vectors and short answers', async () => {
    const fake = await startFakeLlm();
    const client = createEmbeddingClient({ provider: 'openai-compat', model: 'nomic', baseUrl: fake.url, timeoutMs: 5000 });
    fake.queue.push({ body: { data: [{ index: 0, embedding: ['x'] }] } });
    assert.match((await rejection(client.embed(['a'], 'document'))).message, /not a list of numbers/);
    fake.queue.push({ body: { data: [{ index: 0, embedding: [1] }] } });
    assert.match((await rejection(client.embed(['a', 'b'], 'document'))).message, /expected 2 embeddings, got 1/);
  });
});

describe('provider configuration and health', () => {
  it('reads providers from the environment with clear errors for incomplete settings', () => {
    assert.deepEqual(loadProvidersConfig({}), { consolidateOnSessionEnd: false });
    const config = loadProvidersConfig({ AI_MEMORY_LLM_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'sk-ant', AI_MEMORY_CONSOLIDATE_ON_SESSION_END: '1' });
    assert.deepEqual(config.llm, { provider: 'anthropic', model: 'claude-haiku-4-5', baseUrl: 'https://api.anthropic.com', apiKey: 'sk-ant', timeoutMs: 120_000 });
    assert.equal(config.consolidateOnSessionEnd, true);
    assert.throws(() => loadProvidersConfig({ AI_MEMORY_LLM_PROVIDER: 'openai' }), /needs an API key: set OPENAI_API_KEY/);
    assert.throws(() => loadProvidersConfig({ AI_MEMORY_LLM_PROVIDER: 'openai-compat', AI_MEMORY_LLM_MODEL: 'llama3' }), /needs AI_MEMORY_LLM_BASE_URL/);
    assert.throws(() => loadProvidersConfig({ AI_MEMORY_LLM_PROVIDER: 'clippy' }), /must be one of anthropic, openai, openai-compat, gemini/);
    const compat = loadProvidersConfig({ AI_MEMORY_LLM_PROVIDER: 'openai-compat', AI_MEMORY_LLM_MODEL: 'llama3', AI_MEMORY_LLM_BASE_URL: 'http://127.0.0.1:11434/v1/', AI_MEMORY_EMBEDDING_PROVIDER: 'voyage', VOYAGE_API_KEY: 'pa' });
    assert.equal(compat.llm?.baseUrl, 'http://127.0.0.1:11434/v1');
    assert.equal(compat.embeddings?.model, 'voyage-3.5-lite');
    assert.equal(compat.embeddings?.refreshDelayMs, 10_000, 'new pages are embedded 10 s after the last change by default');
    const manual = loadProvidersConfig({ AI_MEMORY_EMBEDDING_PROVIDER: 'voyage', VOYAGE_API_KEY: 'pa', AI_MEMORY_EMBEDDING_REFRESH_MS: '0' });
    assert.equal(manual.embeddings?.refreshDelayMs, 0);
    assert.throws(() => loadProvidersConfig({ AI_MEMORY_EMBEDDING_PROVIDER: 'voyage', VOYAGE_API_KEY: 'pa', AI_MEMORY_EMBEDDING_REFRESH_MS: 'soon' }), /AI_MEMORY_EMBEDDING_REFRESH_MS must be 0 or a positive integer/);
  });

  it('records the outcome of each real call, and nothing before the first', async () => {
    const fake = await startFakeLlm();
    const providers = createProviders({ consolidateOnSessionEnd: false, llm: { provider: 'openai', model: 'm', baseUrl: fake.url, apiKey: 'k', timeoutMs: 5000 } });
    assert.deepEqual(providers.health(), [{ kind: 'llm', provider: 'openai', model: 'm', state: 'unused' }]);
    await providers.llm!.complete(request);
    assert.equal(providers.health()[0]!.state, 'ok');
    assert.equal(typeof providers.health()[0]!.latency_ms, 'number');
    fake.queue.push({ status: 500, body: { error: { message: 'boom' } } });
    await assert.rejects(providers.llm!.complete(request));
    assert.equal(providers.health()[0]!.state, 'error');
    assert.match(providers.health()[0]!.error!, /HTTP 500\): boom/);
    assert.equal(fake.requests.length, 2, 'health never calls the provider itself');
  });
});
