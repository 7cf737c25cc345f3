import { sse, type ModelTurn } from './script.js';

/** Anthropic Messages: a request is in the main loop when it offers tools. */
export interface AnthropicRequest {
  messages?: Array<{ role: string; content: unknown }>;
  tools?: unknown[];
  stream?: boolean;
  model?: string;
}

export function anthropicCallsSoFar(body: AnthropicRequest): number {
  return (body.messages ?? []).filter((m) => m.role === 'assistant' && Array.isArray(m.content) && m.content.some((b) => isBlock(b, 'tool_use'))).length;
}

export function isAnthropicMainLoop(body: AnthropicRequest): boolean {
  return Array.isArray(body.tools) && body.tools.length > 0;
}

export function anthropicStream(turn: ModelTurn, model: string): string {
  const usage = { input_tokens: 12, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  const block =
    turn.kind === 'call'
      ? [
          { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: `toolu_${turn.id}`, name: turn.call.name, input: {} } } },
          { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: JSON.stringify(turn.call.input) } } },
        ]
      : [
          { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
          { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: turn.text } } },
        ];
  return sse([
    { event: 'message_start', data: { type: 'message_start', message: { id: `msg_${Date.now()}`, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage } } },
    ...block,
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
    { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: turn.kind === 'call' ? 'tool_use' : 'end_turn', stop_sequence: null }, usage: { output_tokens: 8 } } },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ]);
}

export function anthropicMessage(text: string, model: string): unknown {
  return { id: `msg_${Date.now()}`, type: 'message', role: 'assistant', model, content: [{ type: 'text', text }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 12, output_tokens: 8 } };
}

function isBlock(value: unknown, type: string): boolean {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === type;
}
