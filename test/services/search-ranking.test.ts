import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSuiteServer, type TestServer } from '../helpers/server.js';

const chat = { workspace: 'default', project: 'chat' };

/**
 * Ranking a user relies on in a log of short messages (a chat, a session's moments): the
 * answer to a question is found through the question that holds the query's words, ranked
 * below it; a "when" question prefers the message that says when; word forms the stemmer
 * cannot join still match.
 */
describe('search ranking over a log of short messages', () => {
  let server: TestServer;
  after(() => server.dispose());
  before(async () => {
    server = await startSuiteServer();
    const messages: Array<[string, string]> = [
      ['m5', 'Bo: The lake trip photos turned out lovely and calm.'],
      ['m1', 'Bo: Morning! Did you sleep well?'],
      ['m2', 'Ana: Not really, the neighbours had a party.'],
      ['m3', 'Bo: What is your favourite tea these days?'],
      ['m4', 'Ana: Jasmine, always, with a little honey.'],
      ['m6', 'Ana: We drove out to the lake yesterday, it was freezing cold out there.'],
      ['m7', 'Bo: The kids loved the museum with all the dinosaur bones.'],
      ['m8', 'Ana: I went hiking in the hills after work.'],
      ['m9', 'Bo: Hiking boots are on sale downtown.'],
    ];
    for (const [name, text] of messages) await server.client.writePage({ ...chat, path: `messages/${name}.md`, body: `${text}\n` });
    await server.client.writePage({
      ...chat,
      path: 'sessions/day-1.md',
      body: `# Day 1\n\n${messages.map(([name]) => `- [[messages/${name}]]`).join('\n')}\n`,
    });
  });

  const paths = async (q: string) => (await server.client.search({ q, ...chat })).hits.map((h) => h.path);

  it("finds the answer through its question's words, ranked right below the question", async () => {
    const hits = await paths('favourite tea');
    assert.equal(hits[0], 'messages/m3.md');
    assert.equal(hits[1], 'messages/m4.md', 'the reply holds none of the words but answers the question');
  });

  it('prefers the message that says when for a "when" question', async () => {
    const hits = await paths('When were they at the lake?');
    assert.ok(hits.indexOf('messages/m6.md') >= 0 && hits.indexOf('messages/m6.md') < hits.indexOf('messages/m5.md'), hits.join(', '));
  });

  it('matches irregular verb forms and plurals the stemmer cannot join', async () => {
    const hiking = await paths('go hiking');
    assert.equal(hiking[0], 'messages/m8.md', 'holds both "went" and "hiking"');
    assert.ok(hiking.includes('messages/m9.md'));
    assert.equal((await paths('children museum'))[0], 'messages/m7.md');
  });
});
