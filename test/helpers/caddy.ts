import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fetchTrusting } from './ca-fetch.js';
import { waitFor } from './wait.js';

/** Debian's caddy (apt-get install caddy); tests that need it skip with this message when it is missing. */
export const CADDY = '/usr/bin/caddy';
export const caddyMissing = existsSync(CADDY) && spawnSync(CADDY, ['version']).status === 0 ? false : `needs Debian's caddy at ${CADDY} (apt-get install caddy)`;

export interface CaddyProxy {
  /** https://localhost:<port>, served with a certificate from Caddy's internal CA. */
  url: string;
  /** Other sites of the same Caddy, by name. */
  sites: Record<string, string>;
  /** The internal CA's root certificate (PEM) and its file. */
  ca: string;
  caFile: string;
  log: () => string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Runs Caddy in front of `upstream` (host:port) with `tls internal`, bound to loopback on free
 * high ports, its admin endpoint off and every file (storage, CA, autosave) in a temp dir.
 * `extraSites` maps a name to site directives for further sites on their own ports.
 */
export async function startCaddy(upstream: string, extraSites: Record<string, string> = {}): Promise<CaddyProxy> {
  // Removed by stop(), not by a test hook: callers start Caddy in a suite's before().
  const dir = mkdtempSync(join(tmpdir(), 'aim-caddy-'));
  const port = await freePort();
  const sitePorts = Object.fromEntries(await Promise.all(Object.keys(extraSites).map(async (name) => [name, await freePort()] as const)));
  const site = (p: number, directives: string) => `https://localhost:${p} {\n\tbind 127.0.0.1\n\ttls internal\n\t${directives}\n}\n`;
  const caddyfile = [
    `{\n\tadmin off\n\tskip_install_trust\n\tauto_https disable_redirects\n\thttp_port ${await freePort()}\n\tstorage file_system {\n\t\troot ${join(dir, 'storage')}\n\t}\n}\n`,
    site(port, `reverse_proxy ${upstream}`),
    ...Object.entries(extraSites).map(([name, directives]) => site(sitePorts[name]!, directives)),
  ].join('\n');
  writeFileSync(join(dir, 'Caddyfile'), caddyfile);
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config') };
  const child = spawn(CADDY, ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const caFile = join(dir, 'storage', 'pki', 'authorities', 'local', 'root.crt');
  const url = `https://localhost:${port}`;
  try {
    // Caddy writes its root certificate in place: a file that exists may not hold all of it yet,
    // and a client trusting half a certificate is refused for as long as it keeps it. So the CA is
    // read whole, and read again at every attempt.
    const wholeCa = () => (existsSync(caFile) && readFileSync(caFile, 'utf8').includes('-----END CERTIFICATE-----') ? readFileSync(caFile, 'utf8') : '');
    await waitFor(() => child.exitCode === null && wholeCa() !== '', 'caddy to create its CA', 30_000);
    await waitFor(async () => fetchTrusting(wholeCa())(`${url}/healthz`).then((r) => r.status === 200, () => false), `caddy to serve ${url}`, 30_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\ncaddy log:\n${log}`);
  }
  return {
    url,
    sites: Object.fromEntries(Object.entries(sitePorts).map(([name, p]) => [name, `https://localhost:${p}`])),
    ca: readFileSync(caFile, 'utf8'),
    caFile,
    log: () => log,
    stop,
  };
}
