import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { relatedWords } from '../../lib/core/related-words.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';

const project = { workspace: 'default', project: 'vault' };

/**
 * A question worded differently from the page still finds it: "passwords" finds the rule about
 * secrets, "laptop" the page about setting up a machine. A page that holds the query's own
 * word still ranks above one that only holds a related word.
 */
describe('search by words related to the query', () => {
  let server: TestServer;
  after(() => server.dispose());
  before(async () => {
    server = await startSuiteServer();
    const write = (path: string, body: string) => server.client.writePage({ ...project, path, body });
    await write('rules/no-secrets.md', '# No secrets in the repository\n\nNever commit `.env` files. Secrets live in Doppler and reach CI as environment variables.');
    await write('procedures/dev-machine.md', '# Set up a development machine\n\nInstall Node 22 and pnpm, then `pnpm install`.');
    await write('notes/release.md', '# Release notes\n\nThe release train leaves on Thursdays.');
  });

  const search = (q: string) => server.client.search({ q, ...project });

  it('finds a page by a word related to the query word, and says so', async () => {
    const hits = (await search('where do we store passwords')).hits;
    assert.equal(hits[0]?.path, 'rules/no-secrets.md');
    assert.equal(hits[0]?.reason, 'related word');
    assert.equal(hits[0]?.related_from, undefined, 'a page found by a related word is a match, not a link neighbour');
    assert.equal((await search('laptop')).hits[0]?.path, 'procedures/dev-machine.md');
  });

  it('ranks a page holding the query word itself above one holding only a related word', async () => {
    await server.client.writePage({ ...project, path: 'notes/password-manager.md', body: '# Password manager\n\nThe team shares a password manager for vendor dashboards.' });
    const paths = (await search('password')).hits.map((h) => h.path);
    assert.deepEqual(paths.slice(0, 2), ['notes/password-manager.md', 'rules/no-secrets.md']);
  });

  it('counts a related word as part of what a page covers: two ideas of the question outrank one repeated word', async () => {
    await server.client.writePage({ ...project, path: 'rules/append-only.md', body: '# Money rows are append-only\n\nEntries are never updated or deleted; a mistake gets a reversing entry in the books.' });
    await server.client.writePage({ ...project, path: 'notes/blog.md', body: '# Blog posting schedule\n\nA new posting every Tuesday; each posting gets a review.' });
    const { hits } = await search('can I change a posting in the books');
    assert.equal(hits[0]?.path, 'rules/append-only.md', hits.map((h) => h.path).join(', '));
  });

  it('finds a page naming a product by the kind of tool the question asks about, and says so', async () => {
    await server.client.writePage({ ...project, path: 'decisions/sidekiq.md', body: '# We picked Sidekiq\n\nSidekiq runs the mailers and the nightly exports.' });
    const { hits } = await search('which queue runs the mailers');
    assert.equal(hits[0]?.path, 'decisions/sidekiq.md', hits.map((h) => h.path).join(', '));
    const { hits: kindOnly } = await search('what queue do we have');
    assert.equal(kindOnly[0]?.path, 'decisions/sidekiq.md');
    assert.equal(kindOnly[0]?.reason, 'related word');
  });

  it('leaves queries without related words as they were', async () => {
    assert.deepEqual(relatedWords('thursday'), []);
    assert.ok(relatedWords('passwords').includes('secret'), 'a plural finds the base form');
    assert.ok(relatedWords('deleted').includes('remove'), 'so does a past tense');
    assert.deepEqual((await search('thursdays')).hits.map((h) => h.path), ['notes/release.md']);
  });
});
