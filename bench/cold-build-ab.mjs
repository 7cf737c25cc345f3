// A/B of the index build child (cold start without the server): forks build-child-main.js of
// one or more compiled trees, alternating, on the same wiki, and reports per variant the wall
// time to 'done', the child's CPU seconds (utime+stime from /proc, all threads) and its log.
// Usage: node bench/cold-build-ab.mjs <wikiDir> <rounds> name=distDir[|nodeFlag,nodeFlag[|VAR=value,VAR=value]] ...
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [wikiDir, roundsText, ...specs] = process.argv.slice(2);
const variants = specs.map((spec) => {
  const name = spec.slice(0, spec.indexOf('='));
  const rest = spec.slice(spec.indexOf('=') + 1);
  const [dist, flags, env] = rest.split('|');
  const extraEnv = Object.fromEntries((env ? env.split(',') : []).map((pair) => pair.split('=')));
  return { name, dist: resolve(dist), flags: flags ? flags.split(',') : [], env: { ...process.env, ...extraEnv }, runs: [] };
});
const ticks = 100; // USER_HZ on Linux

function cpuOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticks;
  } catch {
    return undefined;
  }
}

/** CPU seconds per thread: the main thread, the busiest other thread (the FTS worker) and the rest. */
function threadsOf(pid) {
  try {
    const cpu = (stat) => {
      const fields = stat.split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / ticks;
    };
    const others = [];
    let main = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const seconds = cpu(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
      if (Number(tid) === pid) main = seconds;
      else others.push(seconds);
    }
    others.sort((a, b) => b - a);
    return { main, worker: others[0] ?? 0, rest: others.slice(1).reduce((a, b) => a + b, 0) };
  } catch {
    return undefined;
  }
}

function once(variant) {
  const indexDir = mkdtempSync(join(tmpdir(), 'cold-ab-'));
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = fork(join(variant.dist, 'lib/index/build-child-main.js'), [], { execArgv: variant.flags, env: variant.env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let cpu = 0;
    let wall = 0;
    let line = '';
    let peakMb = 0;
    let threads = { main: 0, worker: 0, rest: 0 };
    const poll = setInterval(() => {
      cpu = cpuOf(child.pid) ?? cpu;
      // The worker thread ends before 'done': keep the last figures seen while it ran.
      const now = threadsOf(child.pid);
      if (now && now.worker >= threads.worker * 0.5) threads = now;
    }, 20);
    child.on('message', (m) => {
      if (m.type === 'log' && m.message.startsWith('index: built')) line = m.message;
      if (m.type === 'done') {
        wall = performance.now() - started;
        cpu = cpuOf(child.pid) ?? cpu;
        try {
          peakMb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
        } catch {
          // gone already
        }
      }
      if (m.type === 'failed') fail(new Error(m.message));
    });
    child.once('exit', () => {
      clearInterval(poll);
      rmSync(indexDir, { recursive: true, force: true });
      done({ wall, cpu, line, threads, peakMb });
    });
    child.send({ wikiDir, indexDir, database: join(indexDir, 'pages.db'), schema: 0 });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (let round = 0; round < Number(roundsText); round++) {
  for (const variant of round % 2 ? [...variants].reverse() : variants) {
    const run = await once(variant);
    variant.runs.push(run);
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    console.log(`${variant.name} round ${round}: wall ${(run.wall / 1000).toFixed(2)} s, cpu ${run.cpu.toFixed(2)} s (main ${run.threads.main.toFixed(2)}, worker ${run.threads.worker.toFixed(2)}, other ${run.threads.rest.toFixed(2)}), child peak ${Math.round(run.peakMb)} MB, load ${load} | ${run.line.replace('index: built ', '')}`);
  }
}
for (const v of variants) {
  console.log(`${v.name}: median wall ${(median(v.runs.map((r) => r.wall)) / 1000).toFixed(2)} s, median cpu ${median(v.runs.map((r) => r.cpu)).toFixed(2)} s, main ${median(v.runs.map((r) => r.threads.main)).toFixed(2)}, worker ${median(v.runs.map((r) => r.threads.worker)).toFixed(2)}, other ${median(v.runs.map((r) => r.threads.rest)).toFixed(2)}, child peak ${Math.round(median(v.runs.map((r) => r.peakMb)))} MB (${v.runs.length} runs)`);
}
