import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { tempDir } from '../helpers/temp.js';
import { waitFor } from '../helpers/wait.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dockerfile = readFileSync(join(ROOT, 'docker/Dockerfile'), 'utf8');
const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

/** The `ENV` of the image's final stage, as the container would see it. */
function imageEnv(): Record<string, string> {
  const block = /\nENV ((?:.*\\\n)*.*)/.exec(runtimeStage)![1]!.replace(/\\\n/g, ' ');
  return Object.fromEntries([...block.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
}

function jsonInstruction(name: string): string[] {
  const line = new RegExp(`^${name} (?:.*\\\\\\n)*.*$`, 'm').exec(runtimeStage)![0].replace(/\\\n\s*/g, ' ');
  return JSON.parse(line.slice(line.indexOf('[')));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs the image's ENTRYPOINT + CMD from the checkout, with the image's environment. */
function startLikeTheImage(env: Record<string, string>) {
  const command = [...jsonInstruction('ENTRYPOINT'), ...jsonInstruction('CMD')];
  const child = spawn(command[0]!, command.slice(1), { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('the Docker image, run the same way outside Docker', () => {
  it('is a non-root node 20 image with a /data volume, port 49374 and a healthcheck', () => {
    assert.match(dockerfile, /^FROM node:20[\w.-]*-slim/m);
    assert.match(runtimeStage, /^USER node$/m);
    assert.match(runtimeStage, /^VOLUME \["\/data"\]$/m);
    assert.match(runtimeStage, /^EXPOSE 49374$/m);
    assert.equal(imageEnv().AI_MEMORY_DATA_DIR, '/data');
    for (const copied of runtimeStage.matchAll(/^COPY (?!--from)(\S+)/gm)) assert.ok(existsSync(join(ROOT, copied[1]!)), copied[1]);
  });

  it('refuses to listen on 0.0.0.0 without a token, then serves and passes its healthcheck with one', async () => {
    const dataDir = await tempDir();
    const port = String(await freePort());
    const env = { ...imageEnv(), AI_MEMORY_DATA_DIR: dataDir, AI_MEMORY_PORT: port, AI_MEMORY_AUTH_TOKEN: '' };

    const refused = startLikeTheImage(env);
    assert.notEqual(await refused.exited, 0);
    assert.match(refused.output(), /refusing to listen on 0\.0\.0\.0 without AI_MEMORY_AUTH_TOKEN/);

    const served = startLikeTheImage({ ...env, AI_MEMORY_AUTH_TOKEN: 'container-token-0123456789abcdef' });
    try {
      const deadline = Date.now() + 20_000;
      while (!/listening on/.test(served.output())) {
        assert.ok(Date.now() < deadline, `the server did not start:\n${served.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const check = /CMD (\[.*\])/.exec(runtimeStage.slice(runtimeStage.indexOf('HEALTHCHECK')).replace(/\\\n\s*/g, ' '))![1]!;
      const [bin, ...args] = JSON.parse(check) as string[];
      const result = spawnSync(bin === 'node' ? process.execPath : bin!, args, { env: { ...process.env, ...env }, timeout: 10_000 });
      assert.equal(result.status, 0, String(result.stderr));
      const unauthorized = await fetch(`http://127.0.0.1:${port}/api/v1/workspaces`);
      assert.equal(unauthorized.status, 401);
    } finally {
      served.child.kill('SIGTERM');
    }
    assert.equal(await served.exited, 0, 'SIGTERM (docker stop) ends the server cleanly');
  });

  it('has a compose file that builds this Dockerfile, keeps data in a volume and demands a token', () => {
    const compose = parseYaml(readFileSync(join(ROOT, 'docker/docker-compose.yml'), 'utf8'));
    const service = compose.services['ai-memory'];
    assert.ok(existsSync(join(ROOT, 'docker', service.build.context, service.build.dockerfile)));
    assert.ok(service.volumes.some((v: string) => v.endsWith(':/data')));
    assert.match(service.environment.AI_MEMORY_AUTH_TOKEN, /:\?/);
    assert.ok(service.ports.every((p: string) => p.startsWith('127.0.0.1:')));
  });

  it('`npm start` (the README\'s first command) serves, and SIGTERM to npm stops the server too', async () => {
    // cmd.exe, npm's script shell on Windows, has no `exec`: the script must be a plain command.
    const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    assert.doesNotMatch(start, /\bexec\b|&&|;|\$\{?\w/, 'npm start runs under cmd.exe on Windows too');
    const dataDir = await tempDir();
    const port = String(await freePort());
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: { ...process.env, AI_MEMORY_DATA_DIR: dataDir, AI_MEMORY_PORT: port },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (c) => (output += c));
    npm.stderr.on('data', (c) => (output += c));
    const exited = new Promise<void>((resolve) => npm.on('exit', () => resolve()));
    const healthy = async () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    try {
      const started = Date.now() + 20_000;
      while (!(await healthy())) {
        assert.ok(Date.now() < started, `npm start did not serve:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      npm.kill('SIGTERM');
    }
    await exited;
    // A process manager that stops `npm start` must not leave the server running on its own.
    const stopped = Date.now() + 10_000;
    while (await healthy()) {
      if (Date.now() > stopped) {
        // Stop the orphan (its pid is in the data dir's lock), or it would hold this test open.
        process.kill(Number(readFileSync(join(dataDir, 'server.pid'), 'utf8')), 'SIGKILL');
        assert.fail('the server kept running after npm was stopped');
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Stopped cleanly (it let go of its lock), not killed.
    await waitFor(() => !existsSync(join(dataDir, 'server.pid')), 'the server to release its lock', 10_000);
  });

  it('has a systemd user unit that runs `ai-memory serve` and stops it with SIGTERM', () => {
    const unit = readFileSync(join(ROOT, 'docker/ai-memory.service'), 'utf8');
    assert.match(unit, /^ExecStart=\/usr\/bin\/env ai-memory serve$/m);
    assert.match(unit, /^KillSignal=SIGTERM$/m);
    assert.match(unit, /^WantedBy=default\.target$/m);
  });
});
