import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Sits between the installed hooks and the ai-memory server: forwards every request unchanged
 * and keeps the payload of each captured event as the agent sent it, so a run can be compared
 * with (or recorded as) the fixtures under test/fixtures/hooks/<agent>/<version>/.
 */
export interface RecordedHook {
  agent: string;
  event: string;
  payload: unknown;
}

export interface HookRecorder {
  url: string;
  hooks: RecordedHook[];
  close(): Promise<void>;
}

export async function startHookRecorder(target: string): Promise<HookRecorder> {
  const hooks: RecordedHook[] = [];
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://recorder');
      if (req.method === 'POST' && url.pathname === '/hook') {
        let payload: unknown = body.toString('utf8');
        try {
          payload = JSON.parse(payload as string);
        } catch {
          // kept as text: a payload that is not JSON is worth seeing in the fixture too
        }
        hooks.push({ agent: url.searchParams.get('agent') ?? '', event: url.searchParams.get('event') ?? '', payload });
      }
      const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', (error) => res.writeHead(502).end(error.message));
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hooks,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
