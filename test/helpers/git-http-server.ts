import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after } from 'node:test';

export interface GitHttpServer {
  url: string;
  createRepo(name: string): string;
  /**
   * Holds back the next request whose path and query match `pattern` (a slow link, or a push
   * caught between its fetch and its push): `arrived` resolves when it comes in, and it is not
   * answered until `release()`. Later requests pass.
   */
  hold(pattern: RegExp): { arrived: Promise<void>; release(): void };
}

interface Hold {
  pattern: RegExp;
  arrive(): void;
  released: Promise<void>;
}

/**
 * A real git smart-HTTP server: `git http-backend` (git's own CGI program) behind a small node
 * HTTP server, serving bare repositories under `root`. Pushes are allowed (REMOTE_USER is set).
 */
export async function startGitHttpServer(root: string): Promise<GitHttpServer> {
  const holds: Hold[] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const hold = holds.find((h) => h.pattern.test(url.pathname + url.search));
    if (hold) {
      holds.splice(holds.indexOf(hold), 1);
      // The request waits, unread, until the release (as on a link that stalls).
      hold.arrive();
      await hold.released;
    }
    const child = spawn('git', ['http-backend'], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) } : {}),
        ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
        REMOTE_USER: 'tester',
        REMOTE_ADDR: '127.0.0.1',
      },
    });
    req.pipe(child.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      headersDone = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
        else res.setHeader(name, value);
      }
      res.writeHead(status);
      res.write(head.subarray(end + 4));
    });
    child.on('close', () => res.end());
    child.on('error', () => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    createRepo(name: string) {
      execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', join(root, name)]);
      return `${url}/${name}`;
    },
    hold(pattern: RegExp) {
      let arrive!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      const entry: Hold = { pattern, arrive, released };
      holds.push(entry);
      return {
        arrived,
        release: () => {
          if (holds.includes(entry)) holds.splice(holds.indexOf(entry), 1);
          release();
        },
      };
    },
  };
}
