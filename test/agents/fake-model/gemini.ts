import type { ModelTurn } from './script.js';

/** Gemini generateContent / streamGenerateContent. */
export interface GeminiRequest {
  contents?: Array<{ role?: string; parts?: Array<Record<string, unknown>> }>;
  tools?: unknown[];
  generationConfig?: { responseMimeType?: string; responseJsonSchema?: unknown; responseSchema?: unknown };
}

export const geminiCallsSoFar = (body: GeminiRequest) => (body.contents ?? []).filter((c) => c.role === 'model' && (c.parts ?? []).some((p) => 'functionCall' in p)).length;

/** Requests with a JSON response schema are the CLI's own helpers (routing, next speaker), not the agent loop. */
export function isGeminiStructured(body: GeminiRequest): boolean {
  return body.generationConfig?.responseMimeType === 'application/json';
}

export function geminiResponse(turn: ModelTurn): unknown {
  const part = turn.kind === 'call' ? { functionCall: { name: turn.call.name, args: turn.call.input } } : { text: turn.text };
  return { candidates: [{ content: { role: 'model', parts: [part] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 8, totalTokenCount: 20 }, modelVersion: 'fake' };
}

/** A JSON answer that satisfies the schema the CLI asked for (first enum value, "user" for who speaks next). */
export function geminiStructured(body: GeminiRequest): unknown {
  const schema = body.generationConfig?.responseJsonSchema ?? body.generationConfig?.responseSchema;
  const value = fill(schema, '');
  return { candidates: [{ content: { role: 'model', parts: [{ text: JSON.stringify(value) }] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 8, totalTokenCount: 20 } };
}

function fill(schema: unknown, name: string): unknown {
  if (typeof schema !== 'object' || schema === null) return 'ok';
  const s = schema as { type?: string | string[]; enum?: unknown[]; properties?: Record<string, unknown>; items?: unknown };
  if (Array.isArray(s.enum) && s.enum.length > 0) return name === 'next_speaker' && s.enum.includes('user') ? 'user' : s.enum[0];
  const type = (Array.isArray(s.type) ? s.type[0] : s.type)?.toLowerCase();
  if (type === 'object' || s.properties) return Object.fromEntries(Object.entries(s.properties ?? {}).map(([key, sub]) => [key, fill(sub, key)]));
  if (type === 'array') return [];
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'boolean') return false;
  return name === 'next_speaker' ? 'user' : 'fake';
}
