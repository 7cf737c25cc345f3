import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createClient, type MemoryClient } from '../../lib/client/client.js';
import type { SyncResult } from '../../lib/core/contract.js';
import { MemoryError } from '../../lib/core/errors.js';
import { fsck, git } from '../helpers/git.js';
import { startGitHttpServer } from '../helpers/git-http-server.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';
import { hits } from './helpers.js';

/**
 * A team's wiki (docs/deploy.md): three data dirs, each with its own server, write at the same
 * time and sync through one bare repository behind git's HTTP backend. Most writes are a
 * machine's own pages; some append to a few shared pages, which is what conflicts. Nothing may be
 * lost: every line written ends up in a page or a reported conflict copy on every machine.
 *
 * The default is sized for CI (about a minute on 2 shared cores); AI_MEMORY_TEAM_WRITES=1000
 * runs the full measurement that docs/deploy.md reports.
 */
const WRITES = Number(process.env.AI_MEMORY_TEAM_WRITES ?? 60);
const SYNC_EVERY = 10; // writes a machine makes between two syncs ("every few minutes")
const SHARED_PAGES = 3;
const PROJECT = 'team';

interface Machine {
  name: string;
  server: TestServer;
  /** Generous timeout: three servers, their git pushes and git http-backend share two cores. */
  client: MemoryClient;
  conflicts: Array<{ path: string; copy: string }>;
  syncs: number;
  refusedPushes: number;
  failedFetches: number;
  syncMs: number[];
}

/** Sync, and again when a push raced another machine's (the error says to run sync again). */
async function sync(machine: Machine, remote?: string): Promise<SyncResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const started = performance.now();
      const result = await machine.client.sync(remote);
      machine.syncMs.push(performance.now() - started);
      machine.syncs += 1;
      machine.conflicts.push(...result.conflicts);
      return result;
    } catch (error) {
      // A push that raced another machine's, or a fetch that timed out on a loaded machine: the
      // timer's next run would sync again, so the test does too.
      const retry = error instanceof MemoryError && (error.code === 'CONFLICT' || /could not fetch/.test(error.message));
      if (!retry || attempt >= 8) throw error;
      if (error.code === 'CONFLICT') machine.refusedPushes += 1;
      else machine.failedFetches += 1;
      // A merge whose push was refused names its conflict copies in the error (the retry that
      // pushes it cannot report them again).
      const kept = error.data.conflicts;
      if (typeof kept === 'string') machine.conflicts.push(...(JSON.parse(kept) as Array<{ path: string; copy: string }>));
    }
  }
}

/** Appends a line to a page as it is on this machine now (a shared page people add to). */
async function append(machine: Machine, path: string, line: string): Promise<void> {
  const client = machine.client;
  const current = await client.readPage({ workspace: 'default', project: PROJECT }, path).then((p) => p.body, () => `# ${path}\n`);
  await client.writePage({ project: PROJECT, path, title: path, body: `${current.trimEnd()}\n- ${line}\n` });
}

function markdownFiles(dir: string, rel = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [k, v] of markdownFiles(dir, child)) out.set(k, v);
    else if (entry.name.endsWith('.md')) out.set(child, readFileSync(join(dir, child), 'utf8'));
  }
  return out;
}

describe('a team wiki: three data dirs syncing through one bare repository over git HTTP', () => {
  it(`keeps all ${WRITES} writes, spread over three machines that sync while they write, and reports every conflict copy`, async () => {
    const remote = (await startGitHttpServer(await tempDir())).createRepo('team.git');
    const machines: Machine[] = [];
    for (const name of ['ana', 'ben', 'cho']) {
      const server = await startTestServer();
      machines.push({ name, server, client: createClient({ serverUrl: server.url }, { timeoutMs: 300_000 }), conflicts: [], syncs: 0, refusedPushes: 0, failedFetches: 0, syncMs: [] });
    }
    // Each machine adds to the same shared page before anyone syncs: conflicts are certain.
    for (const m of machines) await append(m, 'shared/topic-0.md', `${m.name}-start`);
    for (const m of machines) await sync(m, remote);

    const markers: string[] = [];
    await Promise.all(
      machines.map(async (m, mi) => {
        let sinceSync = 0;
        for (let i = mi; i < WRITES; i += machines.length) {
          const marker = `w${i}x${m.name}`;
          markers.push(marker);
          // One write in six goes to a shared page, the rest to the machine's own notes.
          if (i % 6 === 0) await append(m, `shared/topic-${i % SHARED_PAGES}.md`, marker);
          else await m.client.writePage({ project: PROJECT, path: `notes/${m.name}-${i}.md`, title: `Note ${i}`, body: `Written on ${m.name}: ${marker}.` });
          if (++sinceSync >= SYNC_EVERY) {
            sinceSync = 0;
            await sync(m);
          }
        }
      }),
    );

    // Everyone syncs until all three stand on one commit (two rounds suffice when no one writes).
    for (let round = 0; round < 3; round += 1) for (const m of machines) await sync(m);
    const heads = machines.map((m) => git(m.server.wikiDir, 'rev-parse', 'HEAD'));
    assert.equal(new Set(heads).size, 1, `all machines on one commit: ${heads.join(' ')}`);

    const reference = markdownFiles(machines[0]!.server.wikiDir);
    const everything = [...reference.values()].join('\n');
    const lost = [...markers, ...machines.map((m) => `${m.name}-start`)].filter((marker) => !everything.includes(marker));
    assert.deepEqual(lost, [], 'every line written is in a page or a conflict copy');

    const reported = machines.flatMap((m) => m.conflicts);
    assert.ok(reported.length >= 2, `the first round alone conflicts on shared/topic-0.md (reported ${reported.length})`);
    for (const conflict of reported) {
      assert.match(conflict.copy, /\.conflict-[0-9a-f]{7}\.md$/);
      assert.ok(reference.has(conflict.copy), `the reported copy ${conflict.copy} is in the wiki`);
    }
    const copiesOnDisk = [...reference.keys()].filter((rel) => rel.includes('.conflict-'));
    assert.deepEqual(copiesOnDisk.sort(), [...new Set(reported.map((c) => c.copy))].sort(), 'every copy on disk was reported by a sync');

    for (const m of machines) {
      const files = markdownFiles(m.server.wikiDir);
      assert.deepEqual([...files.keys()].sort(), [...reference.keys()].sort(), `${m.name} has the same files`);
      // A note written on another machine is searchable here: sync updated the index.
      const other = machines.find((o) => o !== m)!;
      const marker = markers.find((k) => k.endsWith(`x${other.name}`) && !k.startsWith('w0x') && Number(k.slice(1, k.indexOf('x'))) % 6 !== 0)!;
      assert.equal((await hits(m.client, marker, PROJECT)).length, 1, `${m.name} finds ${marker}`);
      await m.server.running.deps.store.git.flushIndex();
      fsck(m.server.wikiDir);
    }
    // The figures docs/deploy.md reports (printed for the 1,000-write run).
    const summary = machines.map((m) => {
      const sorted = [...m.syncMs].sort((a, b) => a - b);
      return `${m.name}: ${m.syncs} syncs (median ${Math.round(sorted[sorted.length >> 1]!)} ms, max ${Math.round(sorted.at(-1)!)} ms), ${m.conflicts.length} conflicts, ${m.refusedPushes} pushes refused and ${m.failedFetches} fetches timed out, both retried`;
    });
    process.stderr.write(`team sync, ${WRITES} writes: ${summary.join('; ')}; ${copiesOnDisk.length} conflict copies, ${reference.size} files\n`);
  });
  it('names the conflict copies of a merge whose push was refused, since the retry cannot report them again', async () => {
    const root = await tempDir();
    const remote = (await startGitHttpServer(root)).createRepo('team.git');
    const [ana, ben] = [await startTestServer(), await startTestServer()];
    await ana.client.writePage({ project: PROJECT, path: 'shared/plan.md', title: 'Plan', body: 'Base.' });
    await ana.client.sync(remote);
    await ben.client.sync(remote);
    await ana.client.writePage({ project: PROJECT, path: 'shared/plan.md', title: 'Plan', body: 'Ana: ship on Monday.' });
    await ben.client.writePage({ project: PROJECT, path: 'shared/plan.md', title: 'Plan', body: 'Ben: ship on Friday.' });
    await ana.client.sync();
    // The remote refuses the next push once, as when another machine pushed a moment earlier.
    const hook = join(root, 'team.git/hooks/pre-receive');
    writeFileSync(hook, `#!/bin/sh\nif [ -e "${hook}.once" ]; then exit 0; fi\ntouch "${hook}.once"\necho busy >&2\nexit 1\n`, { mode: 0o755 });
    const refused = await ben.client.sync().then(() => null, (error: unknown) => error);
    assert.ok(refused instanceof MemoryError && refused.code === 'CONFLICT', String(refused));
    assert.match(refused.message, /run sync again.*\(conflict copies kept by the merge: default\/team\/shared\/plan\.conflict-[0-9a-f]{7}\.md\)/);
    const copies = JSON.parse(String(refused.data.conflicts)) as Array<{ path: string; copy: string }>;
    assert.deepEqual(copies.map((c) => c.path), ['default/team/shared/plan.md']);
    const retried = await ben.client.sync();
    assert.equal(retried.action, 'pushed');
    assert.deepEqual(retried.conflicts, [], 'the merge was already committed: the retry has nothing new to report');
    assert.match(readFileSync(join(ben.wikiDir, copies[0]!.copy), 'utf8'), /Ana: ship on Monday/);
  });
});
