/** Obsidian's requestUrl, over Node's fetch: same options, same answers, same errors. */
export interface RequestUrlParam {
  url: string;
  method?: string;
  contentType?: string;
  body?: string | ArrayBuffer;
  headers?: Record<string, string>;
  throw?: boolean;
}

export interface RequestUrlResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  readonly json: unknown;
  arrayBuffer: ArrayBuffer;
}

/** Every request made, oldest first: method, url, body (tests read it). */
export const requestLog: Array<{ method: string; url: string; body?: string }> = [];

export async function requestUrl(request: RequestUrlParam | string): Promise<RequestUrlResponse> {
  const param = typeof request === 'string' ? { url: request } : request;
  const method = param.method ?? 'GET';
  const body = typeof param.body === 'string' ? param.body : undefined;
  requestLog.push({ method, url: param.url, ...(body !== undefined ? { body } : {}) });
  const headers = { ...(param.headers ?? {}) };
  if (param.contentType) headers['content-type'] = param.contentType;
  let response: Response;
  try {
    response = await fetch(param.url, { method, headers, ...(param.body !== undefined ? { body: param.body } : {}) });
  } catch (error) {
    // Electron's net module reports a refused connection like this.
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? 'FAILED';
    throw new Error(`net::ERR_${cause === 'ECONNREFUSED' ? 'CONNECTION_REFUSED' : cause}`);
  }
  const arrayBuffer = await response.arrayBuffer();
  const text = new TextDecoder().decode(arrayBuffer);
  if (param.throw !== false && response.status >= 400) throw Object.assign(new Error(`Request failed, status ${response.status}`), { status: response.status });
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    responseHeaders[key] = value;
  });
  return {
    status: response.status,
    headers: responseHeaders,
    text,
    arrayBuffer,
    get json() {
      return JSON.parse(text) as unknown;
    },
  };
}
