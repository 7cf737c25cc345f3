import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createClient } from '../../lib/client/client.js';
import { MemoryError } from '../../lib/core/errors.js';
import { fsck, git } from '../helpers/git.js';
import { startGitHttpServer } from '../helpers/git-http-server.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';
import { hits } from './helpers.js';
import { append, markdownFiles, PROJECT, syncMachine, trackedMarkdown, versionsPerFile, type Machine } from './team-sync-helpers.js';

/**
 * A team's wiki (docs/deploy.md): three data dirs, each with its own server, write at the same
 * time and sync through one bare repository behind git's HTTP backend. Most writes are a
 * machine's own pages; every sixth write of each machine appends to one of a few shared pages,
 * so two machines often edit the same page between two syncs: real conflicts, all along the run.
 * Nothing may be lost: every line written ends up in a page or a reported conflict copy on
 * every machine and in the bare repository, and every write is one version in the history.
 *
 * The default is sized for CI (about a minute on 2 shared cores); `npm run bench:team` runs it
 * with AI_MEMORY_TEAM_WRITES=1000 and AI_MEMORY_TEAM_REPORT=<file> (the figures, as JSON) for
 * docs/deploy.md. Needs the built CLI (`npm run build`): the last syncs run `ai-memory sync`.
 */
const WRITES = Number(process.env.AI_MEMORY_TEAM_WRITES ?? 60);
const REPORT = process.env.AI_MEMORY_TEAM_REPORT;
const SYNC_EVERY = 10; // writes a machine makes between two syncs ("every few minutes")
const SHARED_EVERY = 6; // one write in six appends to a shared page
const SHARED_PAGES = 3;
const pagePath = (rel: string) => `default/${PROJECT}/${rel}`;

/** A request that must answer while the git remote stalls: before, it waited for the whole sync. */
async function answersWhileStalled<T>(request: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the page write waited for a sync stalled on the network')), 60_000);
  });
  try {
    return await Promise.race([request, stalled]);
  } finally {
    clearTimeout(timer);
  }
}

describe('a team wiki: three data dirs syncing through one bare repository over git HTTP', () => {
  it(`keeps all ${WRITES} writes, spread over three machines that sync while they write, and reports every conflict copy`, async () => {
    const gitRoot = await tempDir();
    const remote = (await startGitHttpServer(gitRoot)).createRepo('team.git');
    const bare = join(gitRoot, 'team.git');
    const machines: Machine[] = [];
    for (const name of ['ana', 'ben', 'cho']) {
      const server = await startTestServer();
      machines.push({ name, server, client: createClient({ serverUrl: server.url }, { timeoutMs: 300_000 }), conflicts: [], syncs: 0, refusedPushes: 0, failedFetches: 0, syncMs: [] });
    }
    // What was written where: note markers, and how many lines each shared page was given.
    const noteMarkers: string[] = [];
    const sharedLines: string[] = [];
    const appendsPerPage = new Map<string, number>();
    const appendShared = async (m: Machine, rel: string, line: string) => {
      await append(m, rel, line);
      sharedLines.push(line);
      appendsPerPage.set(pagePath(rel), (appendsPerPage.get(pagePath(rel)) ?? 0) + 1);
    };
    // Each machine adds to the same shared page before anyone syncs: conflicts are certain.
    for (const m of machines) await appendShared(m, 'shared/topic-0.md', `${m.name}-start`);
    for (const m of machines) await syncMachine(m, { remote });
    const firstRoundConflicts = machines.reduce((n, m) => n + m.conflicts.length, 0);

    await Promise.all(
      machines.map(async (m, mi) => {
        let written = 0;
        for (let i = mi; i < WRITES; i += machines.length) {
          const marker = `w${i}x${m.name}`;
          written += 1;
          if (written % SHARED_EVERY === 0) {
            // The machines take turns over the shared pages, so two of them often append to
            // the same page between two syncs.
            await appendShared(m, `shared/topic-${(written / SHARED_EVERY + mi) % SHARED_PAGES}.md`, marker);
          } else {
            await m.client.writePage({ project: PROJECT, path: `notes/${m.name}-${i}.md`, title: `Note ${i}`, body: `Written on ${m.name}: ${marker}.` });
            noteMarkers.push(marker);
          }
          if (written % SYNC_EVERY === 0) await syncMachine(m);
        }
      }),
    );

    // Everyone syncs until all three stand on one commit (two rounds suffice when no one
    // writes); the last round is `ai-memory sync --json`, what the timer runs.
    for (let round = 0; round < 3; round += 1) for (const m of machines) await syncMachine(m, { viaCli: round === 2 });
    const heads = machines.map((m) => git(m.server.wikiDir, 'rev-parse', 'HEAD').trim());
    assert.equal(new Set(heads).size, 1, `all machines on one commit: ${heads.join(' ')}`);
    assert.equal(git(bare, 'rev-parse', 'main').trim(), heads[0], 'the bare repository holds that commit too');

    const reference = markdownFiles(machines[0]!.server.wikiDir);
    const everything = [...reference.values()].join('\n');
    const lost = [...noteMarkers, ...sharedLines].filter((marker) => !everything.includes(marker));
    assert.deepEqual(lost, [], 'every line written is in a page or a conflict copy');

    // Pages: one per note written, the shared pages, the manifest, and every conflict copy,
    // the same on each disk and in the bare repository.
    const reported = machines.flatMap((m) => m.conflicts);
    const copies = [...new Set(reported.map((c) => c.copy))].sort();
    const inBare = trackedMarkdown(bare, 'main');
    assert.deepEqual([...reference.keys()].sort(), inBare, 'the first machine has the files of the bare repository');
    const notes = inBare.filter((p) => p.startsWith(pagePath('notes/')));
    assert.equal(notes.length, noteMarkers.length, 'one page per note written');
    assert.deepEqual(inBare.filter((p) => p.includes('.conflict-')), copies, 'every conflict copy in the repository was reported by a sync');
    assert.deepEqual(
      inBare.filter((p) => p.startsWith(pagePath('shared/')) && !p.includes('.conflict-')),
      [...appendsPerPage.keys()].sort(),
      'the shared pages, and no other file',
    );
    // Versions: every write is one commit in the shared history, whichever machine made it.
    const versions = versionsPerFile(bare, 'main');
    assert.deepEqual(notes.filter((p) => versions.get(p) !== 1), [], 'each note has exactly one version');
    for (const [page, appends] of appendsPerPage) assert.equal(versions.get(page), appends, `${page}: one version per line appended`);

    assert.ok(reported.length >= 2, `the first round alone conflicts on shared/topic-0.md (reported ${reported.length})`);
    for (const conflict of reported) assert.match(conflict.copy, /\.conflict-[0-9a-f]{7}\.md$/);
    const later = reported.length - firstRoundConflicts;
    if (WRITES >= 60) assert.ok(later > 0, 'pages edited on two machines between syncs conflict later in the run too');

    for (const m of machines) {
      const files = markdownFiles(m.server.wikiDir);
      assert.deepEqual([...files.keys()].sort(), inBare, `${m.name} has the same files`);
      // The derived index agrees with the files: every page is listed, and a note written on
      // another machine is searchable here (sync updated the index).
      const listed = (await m.client.pages({ workspace: 'default', project: PROJECT })).pages.map((p) => pagePath(p.path));
      assert.deepEqual(listed.sort(), inBare.filter((p) => !p.endsWith('/_project.md')), `${m.name} lists every page`);
      const other = machines.find((o) => o !== m)!;
      const marker = noteMarkers.find((k) => k.endsWith(`x${other.name}`))!;
      assert.equal((await hits(m.client, marker, PROJECT)).length, 1, `${m.name} finds ${marker}`);
      await m.server.running.deps.store.git.flushIndex();
      fsck(m.server.wikiDir);
    }
    fsck(bare);

    // The figures docs/deploy.md reports (printed for the 1,000-write run).
    const summary = machines.map((m) => {
      const sorted = [...m.syncMs].sort((a, b) => a - b);
      return `${m.name}: ${m.syncs} syncs (median ${Math.round(sorted[sorted.length >> 1]!)} ms, max ${Math.round(sorted.at(-1)!)} ms), ${m.conflicts.length} conflicts, ${m.refusedPushes} pushes refused and ${m.failedFetches} fetches timed out, both retried`;
    });
    process.stderr.write(`team sync, ${WRITES} writes: ${summary.join('; ')}; ${copies.length} conflict copies, ${reference.size} files\n`);
    if (REPORT) {
      const machinesReport = machines.map((m) => ({ name: m.name, syncs: m.syncs, sync_ms: m.syncMs, conflicts: m.conflicts.length, refused_pushes: m.refusedPushes, failed_fetches: m.failedFetches }));
      const commits = Number(git(bare, 'rev-list', '--count', 'main').trim());
      const repoKb = (repo: string) => {
        const counts = git(repo, 'count-objects', '-v');
        return Number(/^size: (\d+)/m.exec(counts)?.[1] ?? 0) + Number(/^size-pack: (\d+)/m.exec(counts)?.[1] ?? 0);
      };
      writeFileSync(
        REPORT,
        JSON.stringify({
          writes: WRITES,
          sync_every: SYNC_EVERY,
          shared_every: SHARED_EVERY,
          shared_pages: SHARED_PAGES,
          shared_writes: sharedLines.length,
          machines: machinesReport,
          conflict_copies: copies.length,
          later_conflicts: later,
          files: reference.size,
          commits,
          bare_repo_kb: repoKb(bare),
          laptop_repo_kb: repoKb(join(machines[0]!.server.wikiDir, '.git')),
          lost: lost.length,
        }),
      );
    }
  });
  it('goes on taking page writes while a sync waits on a slow remote, outlasts a host silent for 6 s, and pushes the writes', async () => {
    const root = await tempDir();
    const gitServer = await startGitHttpServer(root);
    const remote = gitServer.createRepo('team.git');
    const bare = join(root, 'team.git');
    const ana = await startTestServer();
    const client = createClient({ serverUrl: ana.url }, { timeoutMs: 300_000 });
    await client.writePage({ project: PROJECT, path: 'notes/first.md', title: 'First', body: 'Before the link stalls.' });
    await client.sync(remote);
    // A timer's sync starts and the remote stalls, first on the fetch, then on the push; an
    // agent writes a page meanwhile. The write must not wait for the network, and the sync
    // must outlast a host that is silent for longer than Node's default 5 s socket timeout.
    const fetching = gitServer.hold(/service=git-upload-pack/);
    const pushing = gitServer.hold(/service=git-receive-pack/);
    const syncing = client.sync();
    try {
      await fetching.arrived;
      const silentFor = new Promise((resolve) => setTimeout(resolve, 6_000)); // the slow host, not a wait for a condition
      await answersWhileStalled(client.writePage({ project: PROJECT, path: 'notes/during-fetch.md', title: 'During the fetch', body: 'Written while the sync fetched.' }));
      await silentFor;
      fetching.release();
      await pushing.arrived;
      await answersWhileStalled(client.writePage({ project: PROJECT, path: 'notes/during-push.md', title: 'During the push', body: 'Written while the sync pushed.' }));
    } finally {
      fetching.release();
      pushing.release();
    }
    assert.equal((await syncing).action, 'pushed');
    assert.ok(trackedMarkdown(bare, 'main').includes(pagePath('notes/during-fetch.md')), 'a page written during the fetch is pushed by that sync');
    // A page written during the push goes with it or with the next sync, never nowhere.
    await client.sync();
    assert.ok(trackedMarkdown(bare, 'main').includes(pagePath('notes/during-push.md')));
    assert.equal(git(ana.wikiDir, 'rev-parse', 'HEAD').trim(), git(bare, 'rev-parse', 'main').trim());
    fsck(bare);
  });
  /** Ana and Ben share `remote`, then each edits the same page differently, not yet synced. */
  async function twoMachinesEditingThePlan(remote: string): Promise<[TestServer, TestServer]> {
    const [ana, ben] = [await startTestServer(), await startTestServer()];
    await ana.client.writePage({ project: PROJECT, path: 'shared/plan.md', title: 'Plan', body: 'Base.' });
    await ana.client.sync(remote);
    await ben.client.sync(remote);
    await ana.client.writePage({ project: PROJECT, path: 'shared/plan.md', title: 'Plan', body: 'Ana: ship on Monday.' });
    await ben.client.writePage({ project: PROJECT, path: 'shared/plan.md', title: 'Plan', body: 'Ben: ship on Friday.' });
    return [ana, ben];
  }
  it('merges and pushes again at once when another machine pushed between its fetch and its push, and reports the conflict', async () => {
    const root = await tempDir();
    const gitServer = await startGitHttpServer(root);
    const remote = gitServer.createRepo('team.git');
    const bare = join(root, 'team.git');
    const [ana, ben] = await twoMachinesEditingThePlan(remote);
    // Ana's sync has fetched (nothing new) and is about to push when Ben's sync pushes first.
    const pushing = gitServer.hold(/service=git-receive-pack/);
    const anaSync = ana.client.sync();
    try {
      await pushing.arrived;
      assert.equal((await ben.client.sync()).action, 'pushed');
    } finally {
      pushing.release();
    }
    const result = await anaSync;
    assert.equal(result.action, 'merged', 'the same sync merged what Ben pushed and pushed again');
    assert.deepEqual(result.conflicts.map((c) => c.path), [pagePath('shared/plan.md')]);
    assert.match(readFileSync(join(ana.wikiDir, result.conflicts[0]!.copy), 'utf8'), /Ben: ship on Friday/);
    assert.equal(git(bare, 'rev-parse', 'main').trim(), git(ana.wikiDir, 'rev-parse', 'HEAD').trim());
    assert.ok(trackedMarkdown(bare, 'main').includes(result.conflicts[0]!.copy));
  });
  it('names the conflict copies of a merge whose push was refused, since the retry cannot report them again', async () => {
    const root = await tempDir();
    const remote = (await startGitHttpServer(root)).createRepo('team.git');
    const [ana, ben] = await twoMachinesEditingThePlan(remote);
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
