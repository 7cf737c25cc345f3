import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';

/**
 * A local HTTP server imitating the LLM and embedding APIs (Anthropic Messages, OpenAI chat
 * completions and embeddings, Gemini generateContent and batchEmbedContents, Voyage
 * embeddings), so provider clients are tested on their real wire format with no network.
 * By default it answers each route in that API's success shape with `reply(request)`; queued
 * answers (errors, 429s, malformed or slow bodies) are served first, in order.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface ScriptedAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is (malformed JSON, HTML); anything else as JSON. */
  body?: unknown;
  /** Wait this long before answering (a slow provider). */
  delayMs?: number;
}

export interface FakeLlm {
  url: string;
  requests: RecordedRequest[];
  /** Answers served before the default ones, first in first out. */
  queue: ScriptedAnswer[];
  /** The text the chat routes answer with by default. */
  reply: (request: RecordedRequest) => string;
  /** Vectors for embedding routes by default: a deterministic bag of words. */
  vectorFor: (text: string) => number[];
  /** Delay of the default answers (queued ones carry their own). */
  delayMs: number;
  /** The most requests that were ever being answered at the same time. */
  maxInFlight: number;
  close(): Promise<void>;
}

export async function startFakeLlm(): Promise<FakeLlm> {
  const fake: FakeLlm = {
    url: '',
    requests: [],
    queue: [],
    reply: () => 'fake answer',
    vectorFor: bagOfWords,
    delayMs: 0,
    maxInFlight: 0,
    close: async () => {},
  };
  let inFlight = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // recorded as {}
      }
      const request: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      fake.requests.push(request);
      const answer = fake.queue.shift() ?? { delayMs: fake.delayMs, ...defaultAnswer(fake, request) };
      fake.maxInFlight = Math.max(fake.maxInFlight, ++inFlight);
      const send = () => {
        inFlight -= 1;
        if (res.destroyed) return;
        const payload = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
        res.end(payload);
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  after(() => fake.close());
  return fake;
}

function defaultAnswer(fake: FakeLlm, request: RecordedRequest): ScriptedAnswer {
  const path = request.path.split('?')[0]!;
  if (path.endsWith('/v1/messages')) {
    return { body: { id: 'msg_1', type: 'message', role: 'assistant', content: [{ type: 'text', text: fake.reply(request) }], stop_reason: 'end_turn', usage: { input_tokens: 1, output_tokens: 1 } } };
  }
  if (path.endsWith('/chat/completions')) {
    return { body: { id: 'chatcmpl-1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: fake.reply(request) }, finish_reason: 'stop' }] } };
  }
  if (path.endsWith(':generateContent')) {
    return { body: { candidates: [{ content: { role: 'model', parts: [{ text: fake.reply(request) }] }, finishReason: 'STOP' }] } };
  }
  if (path.endsWith('/embeddings')) {
    const input = request.body.input;
    const texts = Array.isArray(input) ? (input as string[]) : [String(input)];
    return { body: { object: 'list', data: texts.map((t, index) => ({ object: 'embedding', index, embedding: fake.vectorFor(t) })), model: request.body.model } };
  }
  if (path.endsWith(':batchEmbedContents')) {
    const requests = (request.body.requests ?? []) as Array<{ content: { parts: Array<{ text: string }> } }>;
    return { body: { embeddings: requests.map((r) => ({ values: fake.vectorFor(r.content.parts.map((p) => p.text).join(' ')) })) } };
  }
  return { status: 404, body: { error: { message: `fake provider: no route ${path}` } } };
}

const VOCAB = ['database', 'postgres', 'cache', 'redis', 'kettle', 'tea', 'deploy', 'login', 'auth', 'token', 'test', 'bug'];

/** A tiny deterministic embedding: counts of a fixed vocabulary (plus one so no vector is zero). */
export function bagOfWords(text: string): number[] {
  const words = text.toLowerCase().split(/[^a-z]+/);
  return [...VOCAB.map((v) => words.filter((w) => w.startsWith(v)).length), 0.01];
}
