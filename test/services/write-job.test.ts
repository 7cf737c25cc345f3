import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '../../lib/core/logger.js';
import { parsePagePath, parseSlug, type Scope } from '../../lib/core/paths.js';
import { MemoryIndex } from '../../lib/index/memory-index.js';
import type { ServiceDeps } from '../../lib/services/deps.js';
import type { WikiTx } from '../../lib/services/wiki-tx.js';
import { writeJob } from '../../lib/services/write-job.js';
import { openWikiStore } from '../../lib/store/wiki-store.js';
import { commitSubjects, fsck, git } from '../helpers/git.js';
import { waitFor } from '../helpers/wait.js';

const demo: Scope = { workspace: parseSlug('default'), project: parseSlug('demo') };
const at = new Date('2026-12-01T10:00:00Z');

/** The real store and index over a temp data dir, as the server composes them (no watcher). */
async function openDeps(dataDir: string): Promise<ServiceDeps> {
  const store = await openWikiStore(dataDir);
  const index = await MemoryIndex.open({ files: store.files, git: store.git, indexDir: store.layout.index, logger: silentLogger, persistDelayMs: 60_000 });
  return { store, index, logger: silentLogger, version: 'test' };
}

const titles = (deps: ServiceDeps, scope: Scope) => deps.index.pagesIn(scope).map((p) => `${p.path}: ${p.title}`).sort();
const head = (deps: ServiceDeps) => git(deps.store.layout.wiki, 'rev-parse', 'HEAD').trim();
const clean = (deps: ServiceDeps) => waitFor(() => git(deps.store.layout.wiki, 'status', '--porcelain').trim() === '', 'a clean git status', 60_000);

describe('writeJob', () => {
  // One data dir for the suite (a temp dir registered from a hook would be removed at once).
  let dataDir: string;
  let deps: ServiceDeps;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'aim-write-job-'));
    deps = await openDeps(dataDir);
  });
  after(async () => {
    await deps.store.writer.drain();
    await deps.store.git.close();
    await deps.index.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('indexes and commits exactly what the job wrote, with its message and author', async () => {
    const outcome = await writeJob(deps, { message: 'Seed demo', author: { kind: 'user', name: 'ana' } }, async (tx) => {
      await tx.ensureManifest(demo, 'Demo', at);
      const put = await tx.putPage(demo, parsePagePath('notes/a.md'), { body: '# Alpha\n\nquokkafern\n' }, at);
      await tx.putPage(demo, parsePagePath('notes/b.md'), { body: '# Beta\n' }, at);
      return put.status;
    });
    assert.equal(outcome.value, 'created');
    assert.deepEqual(outcome.changed, ['default/demo/_project.md', 'default/demo/notes/a.md', 'default/demo/notes/b.md']);
    assert.equal(outcome.commit, head(deps));
    // Read-your-writes: the index has the pages the moment the job returns.
    assert.deepEqual(titles(deps, demo), ['notes/a.md: Alpha', 'notes/b.md: Beta']);
    const wiki = deps.store.layout.wiki;
    assert.equal(commitSubjects(wiki)[0], 'Seed demo');
    assert.equal(git(wiki, 'log', '-1', '--format=%an <%ae>').trim(), 'ana <ana@ai-memory>');
    assert.deepEqual(git(wiki, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n'), outcome.changed);
    await clean(deps);
  });

  it('makes no commit when the job changed nothing', async () => {
    const before = head(deps);
    const outcome = await writeJob(deps, { message: () => assert.fail('no message is needed without a change') }, async (tx) => {
      await tx.putPage(demo, parsePagePath('notes/a.md'), { body: '# Alpha\n\nquokkafern\n' }, at);
      assert.equal(await tx.remove('default/demo/notes/never.md'), false);
      return tx.editFrontmatter('default/demo/notes/missing.md', { tier: 'semantic' });
    });
    assert.deepEqual(outcome, { value: false, commit: null, changed: [] });
    assert.equal(head(deps), before);
  });

  it('builds the message after indexing, from the paths changed, and settles before the next job starts', async () => {
    const order: string[] = [];
    const first = writeJob(
      deps,
      {
        message: (changed) => {
          order.push('first message');
          // The index already has the change the message describes.
          assert.ok(titles(deps, demo).includes('notes/b.md: Beta, edited'));
          return `Edit ${changed.join(', ')}`;
        },
      },
      async (tx) => {
        order.push('first job');
        await tx.putPage(demo, parsePagePath('notes/b.md'), { body: '# Beta, edited\n' }, at);
        await tx.remove('default/demo/notes/a.md');
      },
      async ({ commit, changed }) => {
        order.push('first settle');
        return { commit, changed };
      },
    );
    const second = writeJob(deps, { message: 'Second' }, async () => void order.push('second job'));
    const [settled] = await Promise.all([first, second]);
    assert.deepEqual(order, ['first job', 'first message', 'first settle', 'second job']);
    assert.equal(commitSubjects(deps.store.layout.wiki)[0], 'Edit default/demo/notes/b.md, default/demo/notes/a.md');
    assert.equal(settled.commit, head(deps));
    assert.deepEqual(titles(deps, demo), ['notes/b.md: Beta, edited']);
  });

  it('moves and removes whole projects in one commit each, index included', async () => {
    const renamed: Scope = { workspace: parseSlug('default'), project: parseSlug('renamed') };
    const moved = await writeJob(deps, { message: 'Rename demo' }, (tx) => tx.moveProject(demo, renamed));
    assert.deepEqual(moved.value, ['default/renamed/_project.md', 'default/renamed/notes/b.md']);
    assert.deepEqual(titles(deps, demo), []);
    assert.deepEqual(titles(deps, renamed), ['notes/b.md: Beta, edited']);
    const wiki = deps.store.layout.wiki;
    assert.match(git(wiki, 'show', '-M', '--name-status', '--format=', 'HEAD'), /^R100\tdefault\/demo\/notes\/b.md\tdefault\/renamed\/notes\/b.md$/m);

    const purged = await writeJob(deps, { message: 'Purge renamed' }, (tx) => tx.removeProject(renamed));
    assert.deepEqual(purged.changed, ['default/renamed/_project.md', 'default/renamed/notes/b.md']);
    assert.deepEqual(titles(deps, renamed), []);
    assert.ok(!existsSync(join(wiki, 'default/renamed')));
    assert.equal(git(wiki, 'ls-tree', '-r', '--name-only', 'HEAD').trim(), '.gitignore');
    await clean(deps);
    fsck(wiki);
  });

  it('passes a failing job\'s error on and commits nothing', async () => {
    const before = head(deps);
    await assert.rejects(
      writeJob(deps, { message: 'Never' }, async () => {
        throw new Error('the provider answered nonsense');
      }),
      /the provider answered nonsense/,
    );
    assert.equal(head(deps), before);
    // The writer goes on with the next job.
    const next = await writeJob(deps, { message: 'After the failure' }, (tx) => tx.writeText('default/demo/notes/c.md', '# Gamma\n'));
    assert.equal(next.commit, head(deps));
    assert.deepEqual(titles(deps, demo), ['notes/c.md: Gamma']);
  });

  it('puts back every file a job changed before it failed: nothing half-written stays', async () => {
    const wiki = deps.store.layout.wiki;
    const c = join(wiki, 'default/demo/notes/c.md');
    const before = { head: head(deps), c: readFileSync(c, 'utf8'), titles: titles(deps, demo) };
    await assert.rejects(
      writeJob(deps, { message: 'Half an import' }, async (tx) => {
        await tx.putPage(demo, parsePagePath('notes/c.md'), { body: '# Gamma rewritten\n' }, at);
        await tx.editFrontmatter('default/demo/notes/c.md', { pinned: true });
        await tx.putPage(demo, parsePagePath('notes/d.md'), { body: '# Delta\n' }, at);
        await tx.writeText('default/demo/notes/c.md', '# Gamma a third time\n');
        throw new Error('page 3 of 10 is not valid markdown');
      }),
      /page 3 of 10/,
    );
    assert.equal(readFileSync(c, 'utf8'), before.c, 'the changed page has its text from before the job');
    assert.equal(existsSync(join(wiki, 'default/demo/notes/d.md')), false, 'the created page is gone');
    assert.equal(head(deps), before.head);
    assert.deepEqual(titles(deps, demo), before.titles);
    await clean(deps);

    await assert.rejects(
      writeJob(deps, { message: 'Remove, then fail' }, async (tx) => {
        await tx.remove('default/demo/notes/c.md');
        throw new Error('disk full');
      }),
      /disk full/,
    );
    assert.equal(readFileSync(c, 'utf8'), before.c, 'a removed page comes back');
    await clean(deps);
  });

  it('commits a write the job forgot to await, and refuses one made after the job returned', async () => {
    let kept: WikiTx | undefined;
    const outcome = await writeJob(deps, { message: 'Forgot an await' }, async (tx) => {
      kept = tx;
      void tx.putPage(demo, parsePagePath('notes/late.md'), { body: '# Late\n' }, at);
    });
    assert.deepEqual(outcome.changed, ['default/demo/notes/late.md']);
    assert.equal(outcome.commit, head(deps));
    assert.ok(titles(deps, demo).includes('notes/late.md: Late'));
    await assert.rejects(kept!.remove('default/demo/notes/late.md'), /a write job wrote after it returned/);
    assert.ok(existsSync(join(deps.store.layout.wiki, 'default/demo/notes/late.md')));
  });
});
