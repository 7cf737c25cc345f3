import type { EmbeddingConfig } from '../../config/llm-config.js';
import { postJson, providerError } from './provider-http.js';

export interface EmbeddingClient {
  readonly provider: string;
  readonly model: string;
  /** One vector per text, in order. `query` and `document` matter to Voyage and Gemini. */
  embed(texts: string[], purpose: 'document' | 'query'): Promise<number[][]>;
}

export function createEmbeddingClient(config: EmbeddingConfig): EmbeddingClient {
  const post = (url: string, headers: Record<string, string>, body: unknown) =>
    postJson(url, headers, body, { provider: `${config.provider} embeddings`, timeoutMs: config.timeoutMs });
  const base = { provider: config.provider, model: config.model };
  const bearer: Record<string, string> = config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {};
  switch (config.provider) {
    case 'openai':
    case 'openai-compat':
    case 'voyage':
      return {
        ...base,
        async embed(texts, purpose) {
          const body = await post(`${config.baseUrl}/embeddings`, bearer, {
            model: config.model,
            input: texts,
            ...(config.provider === 'voyage' ? { input_type: purpose } : {}),
          });
          const data = (body as { data?: Array<{ embedding?: unknown; index?: unknown }> })?.data;
          if (!Array.isArray(data)) throw providerError(config.provider, 'the answer has no data[]');
          // Holes stay undefined (not sparse) so a missing index is detected below.
          const out: number[][] = Array.from({ length: texts.length }, () => undefined as unknown as number[]);
          data.forEach((item, i) => {
            const at = typeof item.index === 'number' ? item.index : i;
            out[at] = vector(config.provider, item.embedding);
          });
          return complete(config.provider, out, texts.length);
        },
      };
    case 'gemini':
      return {
        ...base,
        async embed(texts, purpose) {
          const model = `models/${config.model}`;
          const body = await post(`${config.baseUrl}/v1beta/${model}:batchEmbedContents`, { 'x-goog-api-key': config.apiKey ?? '' }, {
            requests: texts.map((text) => ({ model, content: { parts: [{ text }] }, taskType: purpose === 'query' ? 'RETRIEVAL_QUERY' : 'RETRIEVAL_DOCUMENT' })),
          });
          const embeddings = (body as { embeddings?: Array<{ values?: unknown }> })?.embeddings;
          if (!Array.isArray(embeddings)) throw providerError(config.provider, 'the answer has no embeddings[]');
          return complete(config.provider, embeddings.map((e) => vector(config.provider, e.values)), texts.length);
        },
      };
  }
}

function vector(provider: string, value: unknown): number[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw providerError(provider, 'an embedding is not a list of numbers');
  }
  return value as number[];
}

function complete(provider: string, vectors: number[][], expected: number): number[][] {
  if (vectors.length !== expected || vectors.some((v) => v === undefined)) throw providerError(provider, `expected ${expected} embeddings, got ${vectors.filter(Boolean).length}`);
  const dim = vectors[0]?.length;
  if (vectors.some((v) => v.length !== dim)) throw providerError(provider, 'embeddings of different lengths in one answer');
  return vectors;
}
