import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './report.js';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Resident memory now, from /proc (bytes; 0 where /proc is missing). */
  rss(): number;
  stop(): Promise<void>;
}

/**
 * The real `ai-memory serve` in its own process, as users run it (of another built checkout with
 * `root`); `nodeArgs` go to node itself (`--cpu-prof`, which NODE_OPTIONS refuses).
 */
export function startServerProcess(dataDir: string, extra: string[] = [], root = ROOT, nodeArgs: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, join(root, 'bin/ai-memory'), 'serve', '--data-dir', dataDir, '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (!match) return;
      resolve({
        url: match[1]!,
        child,
        rss: () => {
          try {
            return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
          } catch {
            return 0;
          }
        },
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Samples resident memory every `everyMs` until stopped; returns the peak and the samples. */
export function sampleRss(server: ServerProcess, everyMs = 250) {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(server.rss()), everyMs);
  return {
    samples,
    stop: () => {
      clearInterval(timer);
      return { peak: Math.max(0, ...samples), last: samples.at(-1) ?? server.rss() };
    },
  };
}
