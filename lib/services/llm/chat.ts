import type { LlmConfig } from '../../config/llm-config.js';
import { postJson, providerError } from './provider-http.js';
import { copilotClient } from './subscription/copilot.js';
import { openaiOauthClient } from './subscription/openai-oauth.js';

/** One completion: a system prompt, one user message, text back (JSON when asked). */
export interface ChatRequest {
  system: string;
  user: string;
  maxTokens: number;
  /** Ask for a JSON object (each provider's JSON mode); the caller still validates it. */
  json?: boolean;
}

export interface LlmClient {
  readonly provider: string;
  readonly model: string;
  complete(request: ChatRequest): Promise<string>;
}

export function createLlmClient(config: LlmConfig): LlmClient {
  const post = (url: string, headers: Record<string, string>, body: unknown) =>
    postJson(url, headers, body, { provider: config.provider, timeoutMs: config.timeoutMs });
  const base = { provider: config.provider, model: config.model };
  switch (config.provider) {
    case 'openai-oauth':
      return openaiOauthClient(config);
    case 'copilot':
      return copilotClient(config, 'https://api.githubcopilot.com');
    case 'anthropic':
    case 'anthropic-oauth':
      return {
        ...base,
        async complete(request) {
          // Messages API: x-api-key + anthropic-version; the system prompt is a top-level field.
          // A subscription token (anthropic-oauth) goes as a bearer with the OAuth beta flag.
          const auth: Record<string, string> = config.provider === 'anthropic-oauth' ? { authorization: `Bearer ${config.apiKey ?? ''}`, 'anthropic-beta': 'oauth-2025-04-20' } : { 'x-api-key': config.apiKey ?? '' };
          const body = await post(`${config.baseUrl}/v1/messages`, { ...auth, 'anthropic-version': '2023-06-01' }, {
            model: config.model,
            max_tokens: request.maxTokens,
            system: request.system,
            messages: [{ role: 'user', content: request.user }],
          });
          const content = field(body, 'content');
          const text = Array.isArray(content) ? content.filter((b) => b?.type === 'text' && typeof b.text === 'string').map((b) => b.text as string).join('') : undefined;
          return required(config.provider, text, 'content[].text');
        },
      };
    case 'openai':
    case 'openai-compat':
      return {
        ...base,
        async complete(request) {
          const headers: Record<string, string> = config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {};
          // OpenAI's newer models take max_completion_tokens; compatible servers (Ollama, vLLM,
          // LM Studio, OpenRouter) still expect max_tokens.
          const limit = config.provider === 'openai' ? { max_completion_tokens: request.maxTokens } : { max_tokens: request.maxTokens };
          const body = await post(`${config.baseUrl}/chat/completions`, headers, {
            model: config.model,
            messages: [
              { role: 'system', content: request.system },
              { role: 'user', content: request.user },
            ],
            ...limit,
            ...(request.json ? { response_format: { type: 'json_object' } } : {}),
          });
          const choices = field(body, 'choices');
          const message = Array.isArray(choices) ? (choices[0] as { message?: { content?: unknown } } | undefined)?.message : undefined;
          return required(config.provider, typeof message?.content === 'string' ? message.content : undefined, 'choices[0].message.content');
        },
      };
    case 'gemini':
      return {
        ...base,
        async complete(request) {
          const url = `${config.baseUrl}/v1beta/models/${encodeURIComponent(config.model)}:generateContent`;
          const body = await post(url, { 'x-goog-api-key': config.apiKey ?? '' }, {
            systemInstruction: { parts: [{ text: request.system }] },
            contents: [{ role: 'user', parts: [{ text: request.user }] }],
            generationConfig: { maxOutputTokens: request.maxTokens, ...(request.json ? { responseMimeType: 'application/json' } : {}) },
          });
          const candidates = field(body, 'candidates');
          const parts = Array.isArray(candidates) ? (candidates[0] as { content?: { parts?: Array<{ text?: unknown }> } } | undefined)?.content?.parts : undefined;
          const text = Array.isArray(parts) ? parts.map((p) => (typeof p.text === 'string' ? p.text : '')).join('') : undefined;
          return required(config.provider, text, 'candidates[0].content.parts[].text');
        },
      };
  }
}

function field(body: unknown, name: string): Array<Record<string, unknown>> | unknown {
  return body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
}

function required(provider: string, text: string | undefined, where: string): string {
  if (text === undefined || text.trim() === '') throw providerError(provider, `the answer has no text at ${where}`);
  return text;
}
