import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { datedPage, writeFilesAndReindex } from '../helpers/dated-wiki.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';

const project = { workspace: 'default', project: 'books' };

/**
 * The wiki's own synonyms: a page's aliases and the words other pages link to it with name the
 * same thing as its title, so a query using one of those names also finds the pages that speak
 * of the thing by its title, says through which page, and a page holding the query word itself
 * still ranks first.
 */
describe("search through the wiki's other names for a thing", () => {
  let server: TestServer;
  after(() => server.dispose());
  before(async () => {
    server = await startSuiteServer();
    const write = (path: string, body: string) => server.client.writePage({ ...project, path, body });
    await write('rules/records-frozen.md', '# Frozen history\n\nA booking record is never rewritten once it exists; a mistake gets a reversing one.');
    await write('notes/vendors.md', '# Vendors\n\nThe list of vendors we pay monthly.');
    // A page that links to the fee schedule with its own words: "tariff sheet" is another name for it.
    await write('notes/pricing.md', '# Pricing\n\nSee [[concepts/fee-schedule|tariff sheet]] before quoting a customer.');
    await write('concepts/fee-schedule.md', '# Fee schedule\n\nWhat each plan costs per month.');
    await write('procedures/quarterly-review.md', '# Quarterly review\n\nOnce a quarter, compare the fee schedule with the competitors and adjust.');
    // Aliases are written in the file's frontmatter by hand (or in Obsidian), not through the API.
    await writeFilesAndReindex(server, project, {
      'concepts/booking-record.md': datedPage({ aliases: '[voucher]' }, '# Booking record\n\nOne row per booked amount: account, amount in cents, direction.'),
    });
  });

  const search = (q: string) => server.client.search({ q, ...project });

  it('finds pages about a thing by one of its aliases, and says which page the alias named', async () => {
    const { hits } = await search('can a voucher be rewritten later');
    const rule = hits.find((h) => h.path === 'rules/records-frozen.md');
    assert.ok(rule, `the rule about booking records is found: ${hits.map((h) => h.path).join(', ')}`);
    assert.equal(rule.reason, 'body; "voucher" as in Booking record');
    const concept = hits.find((h) => h.path === 'concepts/booking-record.md');
    assert.ok(concept && !(concept.reason ?? '').includes('as in'), 'the named page itself is found by its alias, not through itself');
  });

  it("finds pages about a thing by the words another page links to it with", async () => {
    const { hits } = await search('when do we revisit the tariff sheet');
    const paths = hits.map((h) => h.path);
    assert.ok(paths.includes('procedures/quarterly-review.md'), paths.join(', '));
    assert.match(hits.find((h) => h.path === 'procedures/quarterly-review.md')?.reason ?? '', /^"tariff sheet" as in Fee schedule$/);
  });

  it('ranks a page holding the query word itself above one found through another name', async () => {
    await server.client.writePage({ ...project, path: 'notes/voucher-codes.md', body: '# Voucher codes\n\nA voucher code gives a discount; a used voucher cannot be rewritten.' });
    const paths = (await search('can a voucher be rewritten later')).hits.map((h) => h.path);
    assert.ok(paths.indexOf('notes/voucher-codes.md') < paths.indexOf('rules/records-frozen.md'), paths.join(', '));
  });

  it('needs the whole of a name: one word of a longer link text is not the thing it names', async () => {
    const { hits } = await search('tariff increases');
    assert.ok(!hits.some((h) => h.path === 'procedures/quarterly-review.md'), hits.map((h) => `${h.path} (${h.reason})`).join(', '));
  });

  it('changes nothing for a word that is no other name of anything', async () => {
    const { hits } = await search('vendors');
    assert.deepEqual(hits.map((h) => h.path), ['notes/vendors.md']);
  });
});
