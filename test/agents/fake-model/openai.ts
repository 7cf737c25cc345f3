import { sse, type ModelTurn } from './script.js';

/** OpenAI Responses (Codex) and chat completions (OpenCode, Pi, OpenClaw with a custom provider). */
export interface ResponsesRequest {
  input?: Array<{ type?: string; role?: string }>;
  tools?: unknown[];
}

export interface ChatRequest {
  messages?: Array<{ role: string; tool_calls?: unknown[] }>;
  tools?: unknown[];
  stream?: boolean;
  model?: string;
}

export const responsesCallsSoFar = (body: ResponsesRequest) => (body.input ?? []).filter((item) => item.type === 'function_call' || item.type === 'custom_tool_call' || item.type === 'local_shell_call').length;
export const chatCallsSoFar = (body: ChatRequest) => (body.messages ?? []).filter((m) => m.role === 'assistant' && Array.isArray(m.tool_calls) && m.tool_calls.length > 0).length;

export function responsesStream(turn: ModelTurn): string {
  const id = `resp_${Date.now()}`;
  const item =
    turn.kind === 'call'
      ? { type: 'function_call', id: `fc_${turn.id}`, call_id: turn.id, ...(turn.call.namespace ? { namespace: turn.call.namespace } : {}), name: turn.call.name, arguments: JSON.stringify(turn.call.input), status: 'completed' }
      : { type: 'message', id: `msg_${id}`, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: turn.text, annotations: [] }] };
  const events: Array<{ event: string; data: unknown }> = [
    { event: 'response.created', data: { type: 'response.created', response: { id } } },
    { event: 'response.output_item.added', data: { type: 'response.output_item.added', output_index: 0, item: { ...item, status: 'in_progress' } } },
  ];
  if (turn.kind === 'reply') events.push({ event: 'response.output_text.delta', data: { type: 'response.output_text.delta', output_index: 0, content_index: 0, item_id: item.id, delta: turn.text } });
  events.push(
    { event: 'response.output_item.done', data: { type: 'response.output_item.done', output_index: 0, item } },
    { event: 'response.completed', data: { type: 'response.completed', response: { id, status: 'completed', output: [item], usage: { input_tokens: 12, input_tokens_details: { cached_tokens: 0 }, output_tokens: 8, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 20 } } } },
  );
  return sse(events);
}

export function chatStream(turn: ModelTurn, model: string): string {
  const id = `chatcmpl_${Date.now()}`;
  const chunk = (delta: unknown, finish: string | null) => ({ data: { id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, finish_reason: finish }] } });
  const body =
    turn.kind === 'call'
      ? [chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: turn.id, type: 'function', function: { name: turn.call.name, arguments: JSON.stringify(turn.call.input) } }] }, null), chunk({}, 'tool_calls')]
      : [chunk({ role: 'assistant', content: turn.text }, null), chunk({}, 'stop')];
  const usage = { data: { id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [], usage: { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 } } };
  return sse([...body, usage, { data: '[DONE]' }]);
}

export function chatCompletion(turn: ModelTurn, model: string): unknown {
  const message =
    turn.kind === 'call'
      ? { role: 'assistant', content: null, tool_calls: [{ id: turn.id, type: 'function', function: { name: turn.call.name, arguments: JSON.stringify(turn.call.input) } }] }
      : { role: 'assistant', content: turn.text };
  return { id: `chatcmpl_${Date.now()}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, message, finish_reason: turn.kind === 'call' ? 'tool_calls' : 'stop' }], usage: { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 } };
}
