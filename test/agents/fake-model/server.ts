import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicCallsSoFar, anthropicMessage, anthropicStream, isAnthropicMainLoop, type AnthropicRequest } from './anthropic.js';
import { geminiCallsSoFar, geminiResponse, geminiStructured, isGeminiStructured, type GeminiRequest } from './gemini.js';
import { chatCallsSoFar, chatCompletion, chatStream, responsesCallsSoFar, responsesStream, type ChatRequest, type ResponsesRequest } from './openai.js';
import { turnAt, type Script } from './script.js';

/**
 * A model endpoint on 127.0.0.1 for the real agent CLIs: Anthropic Messages, OpenAI Responses
 * and chat completions, Gemini generateContent/streamGenerateContent, with the streaming
 * shapes each CLI reads. Every request is recorded; `main` marks those of the agent loop (they
 * offer tools), which is where a start-of-session handoff must appear.
 */
export type ModelApi = 'anthropic' | 'responses' | 'chat' | 'gemini' | 'other';

export interface ModelRequest {
  api: ModelApi;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** A request of the agent loop (it offers tools), as opposed to titles, classifiers, counts. */
  main: boolean;
}

export interface FakeModel {
  url: string;
  requests: ModelRequest[];
  /** What the model does from now on; set per test. */
  script: Script;
  /** The loop requests so far, oldest first. */
  mainRequests(): ModelRequest[];
  close(): Promise<void>;
}

const MODEL = 'fake-model';

export async function startFakeModel(script: Script = { calls: [], reply: 'Done.' }): Promise<FakeModel> {
  const requests: ModelRequest[] = [];
  const fake: FakeModel = { url: '', requests, script, mainRequests: () => requests.filter((r) => r.main), close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        body = { unparsed: text };
      }
      const path = req.url ?? '/';
      const record: ModelRequest = { api: 'other', method: req.method ?? 'GET', path, headers: req.headers, body, main: false };
      requests.push(record);
      answer(fake.script, record, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

function answer(script: Script, record: ModelRequest, res: ServerResponse): void {
  const { path, body } = record;
  const route = path.split('?')[0]!;
  if (record.method === 'GET' && /\/models\/?$/.test(route)) return json(res, { object: 'list', data: [{ id: MODEL, object: 'model', created: 0, owned_by: 'fake' }], models: [] });
  if (route.endsWith('/messages/count_tokens')) return json(res, { input_tokens: 12 });
  if (route.endsWith('/messages')) {
    record.api = 'anthropic';
    const request = body as AnthropicRequest;
    record.main = isAnthropicMainLoop(request);
    const turn = record.main ? turnAt(script, anthropicCallsSoFar(request)) : ({ kind: 'reply', text: 'Fake title' } as const);
    if (request.stream) return stream(res, anthropicStream(turn, request.model ?? MODEL));
    return json(res, anthropicMessage(turn.kind === 'reply' ? turn.text : 'ok', request.model ?? MODEL));
  }
  if (route.endsWith('/responses')) {
    record.api = 'responses';
    const request = body as ResponsesRequest;
    record.main = Array.isArray(request.tools) && request.tools.length > 0;
    return stream(res, responsesStream(turnAt(script, record.main ? responsesCallsSoFar(request) : script.calls.length)));
  }
  if (route.endsWith('/chat/completions')) {
    record.api = 'chat';
    const request = body as ChatRequest;
    record.main = Array.isArray(request.tools) && request.tools.length > 0;
    const turn = record.main ? turnAt(script, chatCallsSoFar(request)) : ({ kind: 'reply', text: 'Fake title' } as const);
    if (request.stream) return stream(res, chatStream(turn, request.model ?? MODEL));
    return json(res, chatCompletion(turn, request.model ?? MODEL));
  }
  const gemini = /:(generateContent|streamGenerateContent)$/.exec(route);
  if (gemini) {
    record.api = 'gemini';
    const request = body as GeminiRequest;
    record.main = !isGeminiStructured(request) && Array.isArray(request.tools) && request.tools.length > 0;
    const reply = isGeminiStructured(request) ? geminiStructured(request) : geminiResponse(turnAt(script, record.main ? geminiCallsSoFar(request) : script.calls.length));
    if (gemini[1] === 'streamGenerateContent') return path.includes('alt=sse') ? stream(res, `data: ${JSON.stringify(reply)}\n\n`) : json(res, [reply]);
    return json(res, reply);
  }
  if (route.endsWith(':countTokens')) return json(res, { totalTokens: 12 });
  res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `fake model: no route for ${record.method} ${path}` } }));
}

function json(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

function stream(res: ServerResponse, text: string): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }).end(text);
}
