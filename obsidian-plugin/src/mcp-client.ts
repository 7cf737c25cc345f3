import { errorFromResponse, parseJson, type Connection } from './connection.js';
import { ServerError, type ServerErrorKind } from './errors.js';
import type { HttpResponse } from './transport.js';

/** The version this client speaks; the server answers with the one it will use. */
export const MCP_PROTOCOL_VERSION = '2025-06-18';

const MCP_PATH = '/mcp';
// Streamable HTTP: a client must accept both; the server answers plain JSON when stateless.
const ACCEPT = 'application/json, text/event-stream';
const INVALID_PARAMS = -32602;

interface RpcMessage {
  jsonrpc: '2.0';
  id?: number | string | null;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

interface ToolResult {
  content?: Array<{ type: string; text?: string }>;
  isError?: boolean;
}

/**
 * A minimal MCP client: JSON-RPC POSTs to the server's stateless Streamable HTTP endpoint.
 * The SDK's client would add its whole dependency tree to the plugin for three methods.
 * The protocol version is negotiated once per server URL with `initialize`; the server keeps
 * no session, so every later call stands alone and carries the negotiated version header.
 */
export class McpClient {
  // Shared by calls made together (the panel's two), so they negotiate once.
  private negotiated: { url: string; version: Promise<string> } | null = null;
  private nextId = 1;

  constructor(
    private readonly connection: Connection,
    private readonly clientVersion: string,
  ) {}

  /** Calls a tool and returns its one JSON text block, parsed; a tool error becomes a ServerError. */
  async callTool<T>(name: string, args: Record<string, unknown>): Promise<T> {
    const version = await this.protocolVersion();
    const result = (await this.request('tools/call', { name, arguments: args }, version)) as ToolResult;
    const text = result.content?.find((block) => block.type === 'text')?.text ?? '';
    if (result.isError) {
      // The SDK reports tool failures as "MCP error <code>: <tool>: <message>".
      const code = /^MCP error (-?\d+):/.exec(text)?.[1];
      const message = text.replace(/^MCP error -?\d+:\s*/, '');
      throw new ServerError(toolErrorKind(Number(code), message), message || `${name} failed`);
    }
    return parseJson<T>(text, name);
  }

  private protocolVersion(): Promise<string> {
    const url = this.connection.baseUrl;
    if (this.negotiated?.url === url) return this.negotiated.version;
    const version = this.initialize();
    const negotiated = { url, version };
    this.negotiated = negotiated;
    // A failed attempt (server down) is forgotten, so the next call tries again.
    version.catch(() => {
      if (this.negotiated === negotiated) this.negotiated = null;
    });
    return version;
  }

  private async initialize(): Promise<string> {
    const result = (await this.request('initialize', {
      protocolVersion: MCP_PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: 'ai-memory-obsidian', version: this.clientVersion },
    })) as { protocolVersion?: unknown };
    const version = typeof result.protocolVersion === 'string' ? result.protocolVersion : MCP_PROTOCOL_VERSION;
    await this.notify('notifications/initialized', version);
    return version;
  }

  private async request(method: string, params: unknown, version?: string): Promise<unknown> {
    const id = this.nextId++;
    const response = await this.post({ jsonrpc: '2.0', id, method, params }, version);
    const message = readMessage(response, id, method);
    if (message.error) {
      const kind = message.error.code === INVALID_PARAMS ? 'invalid' : 'server';
      throw new ServerError(kind, `${method}: ${message.error.message}`, response.status);
    }
    return message.result ?? {};
  }

  private async notify(method: string, version: string): Promise<void> {
    const response = await this.post({ jsonrpc: '2.0', method }, version);
    if (response.status >= 400) throw errorFromResponse(response, method);
  }

  private post(body: unknown, version?: string): Promise<HttpResponse> {
    return this.connection.send('POST', MCP_PATH, body, { accept: ACCEPT, ...(version ? { 'mcp-protocol-version': version } : {}) });
  }
}

/**
 * The SDK turns every tool failure into text, dropping the server's error code; a missing
 * project or page is still worth telling apart (an empty project is not an error to show).
 */
function toolErrorKind(code: number, message: string): ServerErrorKind {
  // The server reports names that do not exist as invalid arguments, so look at the words first.
  if (/^[a-z_]+: no (project|page) /.test(message)) return 'not_found';
  return code === INVALID_PARAMS ? 'invalid' : 'server';
}

/** The JSON-RPC answer to request `id`, from a JSON body or a server-sent event stream. */
function readMessage(response: HttpResponse, id: number, method: string): RpcMessage {
  const type = response.headers['content-type'] ?? '';
  let messages: RpcMessage[];
  if (type.includes('text/event-stream')) {
    messages = response.text
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => parseJson<RpcMessage>(line.slice(5).trim(), method));
  } else {
    const parsed = tryParse(response.text);
    if (!parsed || typeof parsed !== 'object' || !('jsonrpc' in parsed)) {
      // Authentication and Host checks answer before MCP does, with {error, code}.
      if (response.status >= 400) throw errorFromResponse(response, `${method} (POST /mcp)`);
      throw new ServerError('server', `${method}: the answer from /mcp is not JSON-RPC; is the server URL pointing at ai-memory?`, response.status);
    }
    messages = Array.isArray(parsed) ? (parsed as RpcMessage[]) : [parsed as RpcMessage];
  }
  const answer = messages.find((m) => m.id === id) ?? messages.find((m) => m.error && m.id === null);
  if (!answer) throw new ServerError('server', `${method}: no JSON-RPC answer from /mcp (HTTP ${response.status})`, response.status);
  return answer;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
