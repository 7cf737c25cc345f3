import type { ProviderHealth } from '../../core/contract.js';
import type { ProvidersConfig } from '../../config/llm-config.js';
import { createEmbeddingClient, type EmbeddingClient } from './embed.js';
import { createLlmClient, type LlmClient } from './chat.js';

/**
 * The configured providers, each wrapped so every real call leaves its outcome (ok or the
 * error text, latency, when) for `status`, which never makes a call of its own.
 */
export interface Providers {
  llm?: LlmClient;
  embeddings?: EmbeddingClient & { readonly refreshDelayMs?: number };
  consolidateOnSessionEnd: boolean;
  /** Search also runs the LLM's rephrasings of each query (query-rewrite.ts). */
  searchRewrite?: boolean;
  health(): ProviderHealth[];
}

export function createProviders(config: ProvidersConfig | undefined, clock: () => number = Date.now): Providers {
  const records: ProviderHealth[] = [];
  const track = <A extends unknown[], R>(record: ProviderHealth, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const started = clock();
      try {
        const result = await call(...args);
        Object.assign(record, { state: 'ok', last_call_at: new Date(started).toISOString(), latency_ms: clock() - started });
        delete record.error;
        return result;
      } catch (error) {
        Object.assign(record, { state: 'error', last_call_at: new Date(started).toISOString(), latency_ms: clock() - started, error: (error as Error).message });
        throw error;
      }
    };
  const providers: Providers = { consolidateOnSessionEnd: config?.consolidateOnSessionEnd ?? false, health: () => records.map((r) => ({ ...r })) };
  if (config?.searchRewrite) providers.searchRewrite = true;
  if (config?.llm) {
    const client = createLlmClient(config.llm);
    const record: ProviderHealth = { kind: 'llm', provider: client.provider, model: client.model, state: 'unused' };
    records.push(record);
    providers.llm = { provider: client.provider, model: client.model, complete: track(record, (request) => client.complete(request)) };
  }
  if (config?.embeddings) {
    const client = createEmbeddingClient(config.embeddings);
    const record: ProviderHealth = { kind: 'embeddings', provider: client.provider, model: client.model, state: 'unused' };
    records.push(record);
    providers.embeddings = { provider: client.provider, model: client.model, refreshDelayMs: config.embeddings.refreshDelayMs, embed: track(record, (texts: string[], purpose: 'document' | 'query') => client.embed(texts, purpose)) };
  }
  return providers;
}
