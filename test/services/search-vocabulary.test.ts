import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeFilesAndReindex } from '../helpers/dated-wiki.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';

const project = { workspace: 'default', project: 'recon' };

/**
 * The wiki's own words for a page find it: the words another page links to it with
 * (`[[page|words]]`, `[words](page.md)`) and its frontmatter aliases, though its text never
 * uses them. They follow edits of the linking page, and survive a restart (persisted index).
 */
describe('search by the words the wiki uses for a page', () => {
  let server: TestServer;
  after(() => server.dispose());
  before(async () => {
    server = await startSuiteServer();
    const write = (path: string, body: string) => server.client.writePage({ ...project, path, body });
    await write('concepts/run.md', '# Reconciliation run\n\nOne pass of the matcher over statement lines for one day.');
    await write('concepts/outbox.md', '# Outbox table\n\nRows written in the same transaction as ledger changes.');
    await write('notes/glossary.md', '# Glossary\n\nSee [[concepts/run|the nightly sweep]] and [the transactional outbox](../concepts/outbox.md).');
  });

  const paths = async (q: string) => (await server.client.search({ q, ...project })).hits.map((h) => h.path);

  it('finds a page by the words links to it are written with', async () => {
    assert.equal((await paths('nightly sweep'))[0], 'concepts/run.md');
    assert.equal((await paths('transactional outbox'))[0], 'concepts/outbox.md');
    const hit = (await server.client.search({ q: 'nightly sweep', ...project })).hits[0];
    assert.match(hit?.reason ?? '', /link text/, 'the reason says the link words matched');
    assert.equal(hit?.related_from, undefined, 'a page found by its link words is a match, not merely related');
  });

  it('forgets link words the linking page no longer uses, and learns new ones', async () => {
    await server.client.writePage({ ...project, path: 'notes/glossary.md', body: '# Glossary\n\nSee [[concepts/run|daily matching pass]].' });
    assert.ok(!(await paths('nightly sweep')).includes('concepts/run.md'));
    assert.equal((await paths('daily matching pass'))[0], 'concepts/run.md');
  });

  it('indexes aliases given with a write, whose words the page text never uses, and keeps them across a restart', async () => {
    await server.client.writePage({ ...project, path: 'concepts/entry.md', body: '# Ledger entry\n\nOne line of a posting.', aliases: ['journal line'] });
    const file = await readFile(join(server.wikiDir, 'default', 'recon', 'concepts', 'entry.md'), 'utf8');
    assert.match(file, /^---\n[\s\S]*aliases:[\s\S]*journal line[\s\S]*\n---\n# Ledger entry/, 'the aliases land in the frontmatter, not the body');
    assert.equal((await paths('journal line'))[0], 'concepts/entry.md');
    server = await server.restart();
    assert.equal((await paths('journal line'))[0], 'concepts/entry.md');
    assert.equal((await paths('daily matching pass'))[0], 'concepts/run.md');
  });

  it('indexes aliases a person adds to the file by hand, and forgets removed ones', async () => {
    const text = (aliases: string) => `---\ntitle: Settlement window\naliases: [${aliases}]\n---\n# Settlement window\n\nHours in which the bank books transfers.\n`;
    await writeFilesAndReindex(server, project, { 'concepts/window.md': text('cutoff period') });
    assert.equal((await paths('cutoff period'))[0], 'concepts/window.md');
    await writeFilesAndReindex(server, project, { 'concepts/window.md': text('booking hours') });
    assert.ok(!(await paths('cutoff period')).includes('concepts/window.md'), 'a removed alias no longer finds the page');
    assert.equal((await paths('booking hours'))[0], 'concepts/window.md');
  });

  it('refuses an alias list that is not a list of short names, and writes nothing', async () => {
    const bad = { ...project, path: 'concepts/bad.md', body: '# Bad\n', aliases: ['x'.repeat(500)] };
    await assert.rejects(server.client.writePage(bad), /aliases/);
    await assert.rejects(readFile(join(server.wikiDir, 'default', 'recon', 'concepts', 'bad.md'), 'utf8'), { code: 'ENOENT' });
  });
});
