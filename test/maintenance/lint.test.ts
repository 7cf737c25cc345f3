import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { LintReport } from '../../lib/core/maintenance/reports.js';
import { runCli } from '../helpers/cli.js';
import { commitSubjects, fsck, git } from '../helpers/git.js';
import { startTestServer } from '../helpers/server.js';
import { daysAgo, putFile, waitForCleanTree } from './helpers.js';

const P = 'default/demo';
const demo = { workspace: 'default', project: 'demo' };

describe('lint against a real server', () => {
  it('reports each rule-based problem, writes _lint/ pages in one commit, and never flags its own pages', async () => {
    const first = await startTestServer();
    await first.client.writePage({ ...demo, path: 'notes/hub.md', body: '# Hub\n\nSee [[Database choice]] and [[missing page]] and [setup](setup.md).\n' });
    await first.stop();
    const wiki = first.wikiDir;
    await putFile(wiki, `${P}/decisions/db.md`, { title: 'Database choice' }, 'Postgres. Back to [[Hub]].\n');
    await putFile(wiki, `${P}/notes/db-again.md`, { title: 'database  CHOICE!' }, 'A second page with the same title. [[Hub]]\n');
    await putFile(wiki, `${P}/notes/lonely.md`, {}, '# Lonely\n\nNobody links here.\n');
    await putFile(wiki, `${P}/sessions/s-old.md`, { kind: 'session', tier: 'episodic', updated: daysAgo(45) }, '# Old session\n');
    await putFile(wiki, `${P}/rules/temp.md`, { pinned: true, expires_at: '2099-01-01' }, '# Temporary rule\n\n[[Hub]]\n');
    const server = await first.restart();
    await waitForCleanTree(wiki);
    const env = { AI_MEMORY_SERVER_URL: server.url };
    const head = git(wiki, 'rev-parse', 'HEAD').trim();

    const dry = await runCli(['lint', '--dry-run', '--json', '--project', 'demo'], { env });
    assert.equal(dry.code, 0, dry.stderr);
    const preview = JSON.parse(dry.stdout) as LintReport;
    const found = preview.findings.map((f) => `${f.check} ${f.path}`).sort();
    assert.deepEqual(found, [
      'broken_link notes/hub.md',
      'broken_link notes/hub.md',
      'duplicate_title decisions/db.md',
      'duplicate_title notes/db-again.md',
      'orphan notes/lonely.md',
      'pinned_expiring rules/temp.md',
      'stale sessions/s-old.md',
    ]);
    assert.match(preview.findings.find((f) => f.check === 'broken_link')!.detail, /missing page|setup\.md/);
    // A link that answers nothing may mean another project's page: the finding names the form.
    assert.match(preview.findings.find((f) => f.check === 'broken_link')!.detail, /linked as \[\[project:(missing page|setup\.md)\]\]/);
    assert.equal(git(wiki, 'rev-parse', 'HEAD').trim(), head, 'a dry run writes nothing');
    assert.ok(!existsSync(join(wiki, P, '_lint')));

    const real = await runCli(['lint', '--project', 'demo'], { env });
    assert.equal(real.code, 0, real.stderr);
    assert.match(real.stdout, /^7 findings in 6 pages\./);
    assert.equal(git(wiki, 'rev-list', '--count', `${head}..HEAD`).trim(), '1', 'one commit');
    assert.match(commitSubjects(wiki)[0]!, /^Lint: 7 findings in 5 _lint pages$/);
    const broken = readFileSync(join(wiki, P, '_lint/broken-links.md'), 'utf8');
    assert.match(broken, /`notes\/hub.md`/);
    fsck(wiki);
    // The reports name the pages they are about; search finds those pages, never the reports.
    const search = await server.client.search({ q: 'lonely', ...demo });
    assert.ok(search.hits.some((h) => h.path === 'notes/lonely.md'));
    assert.ok(search.hits.every((h) => !h.path.startsWith('_lint/')), JSON.stringify(search.hits.map((h) => h.path)));

    // A second run sees the same wiki: it does not judge its own _lint pages, so nothing changes.
    const again = await server.client.lint({ ...demo });
    assert.equal(again.findings.length, 7);
    assert.equal(again.commit, undefined);
    assert.ok(again.findings.every((f) => !f.path.startsWith('_lint/')));
    // The report's mentions of the orphan are not links: it stays an orphan.
    assert.ok(again.findings.some((f) => f.check === 'orphan' && f.path === 'notes/lonely.md'));

    // Fixed problems disappear from _lint/ (the page of a check with no findings is removed).
    await server.client.writePage({ ...demo, path: 'notes/hub.md', body: '# Hub\n\nSee [[Database choice]] and [[Lonely]].\n' });
    const fixed = await server.client.lint({ ...demo });
    assert.deepEqual(fixed.counts, { duplicate_title: 2, pinned_expiring: 1, stale: 1 });
    assert.ok(!existsSync(join(wiki, P, '_lint/broken-links.md')));
    assert.ok(!existsSync(join(wiki, P, '_lint/orphans.md')));
  });
});
