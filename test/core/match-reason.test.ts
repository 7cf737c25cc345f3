import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstParagraph } from '../../lib/core/first-paragraph.js';
import { isDirectMatch, matchReason } from '../../lib/core/match-reason.js';
import { matchedFields } from '../../lib/core/matched-fields.js';
import { snippetAsText } from '../../lib/core/plain-snippet.js';

describe('why a hit matched', () => {
  it('names the fields in reading order, joined as a person would write them', () => {
    assert.equal(matchReason({ fields: ['body', 'title'] }), 'title and body');
    assert.equal(matchReason({ fields: ['body', 'tags', 'title'] }), 'title, tags and body');
    assert.equal(matchReason({ fields: ['aliases'] }), 'aliases');
  });

  it('says a fuzzy title, a similar meaning, and adds time and supersession after the fields', () => {
    assert.equal(matchReason({ fields: [], fuzzyTitle: true }), 'fuzzy title');
    assert.equal(matchReason({ fields: ['title'], fuzzyTitle: true }), 'title', 'an exact title match says nothing fuzzy');
    assert.equal(matchReason({ fields: [], similar: true }), 'similar meaning');
    assert.equal(matchReason({ fields: ['body'], time: 'updated last week', supersededBy: 'Queue choice, revised' }), 'body; updated last week; superseded by Queue choice, revised');
    assert.equal(matchReason({ fields: ['title'], supersedes: 'MySQL for orders' }), 'title; replaces MySQL for orders');
  });

  it('marks a page without the query words as related by link, and never as a match', () => {
    const related = { fields: [], related: { path: 'decisions/a.md', title: 'Auth decisions', how: 'linked-from' as const } };
    assert.equal(matchReason(related), 'linked from Auth decisions');
    assert.equal(isDirectMatch(related), false);
    assert.equal(matchReason({ ...related, related: { ...related.related, how: 'listed-beside' } }), 'listed beside Auth decisions');
    assert.equal(matchReason({ fields: [] }), 'related');
    assert.equal(isDirectMatch({ fields: [], time: 'in March 2026' }), true, 'a time filter match is a match');
  });

  it('keeps a long title short', () => {
    const reason = matchReason({ fields: [], related: { path: 'x.md', title: 'A very long title '.repeat(10), how: 'links-to' } });
    assert.ok(reason.length <= 'links to '.length + 60 && reason.endsWith('…'), reason);
  });
});

describe('matched fields', () => {
  const page = { title: 'Standardised on Postgres', path: 'decisions/orders-db.md', tags: ['database'], aliases: ['pg choice'], summary: 'Which database the orders service uses' };

  it('finds query words in the title, aliases, tags, summary and path with the highlighter’s word forms', () => {
    assert.deepEqual(matchedFields(page, ['postgres']), ['title']);
    assert.deepEqual(matchedFields(page, ['databases']), ['tags', 'summary']);
    assert.deepEqual(matchedFields(page, ['pg']), ['aliases']);
    assert.deepEqual(matchedFields(page, ['orders']), ['summary', 'path']);
    assert.deepEqual(matchedFields(page, ['kafka']), []);
  });
});

describe('first paragraph', () => {
  it('skips headings, code, tables and rules, and cuts at a word', () => {
    const body = '# Title\n\n```sh\nrm -rf /\n\nmore\n```\n\n| a | b |\n|---|---|\n\n---\n\n## Why\nTables are **singular** nouns, see [[naming|the naming page]].\n\nSecond paragraph.';
    assert.equal(firstParagraph(body), 'Tables are singular nouns, see the naming page.');
    const long = firstParagraph(`${'word '.repeat(100)}`, 40);
    assert.ok(long.length <= 40 && long.endsWith('word…'), long);
    assert.equal(firstParagraph('# Only a heading\n'), '');
    assert.equal(firstParagraph('## Steps\n- Stop the worker.\n- Run `migrate`.\n\nAfter.'), 'Stop the worker. Run migrate.');
    assert.equal(firstParagraph('> 1 prompt, 4 tool calls\n'), '1 prompt, 4 tool calls');
  });
});

describe('snippets for agents', () => {
  it('turns <mark> into ** and decodes entities, exactly reversing the HTML snippet', () => {
    assert.equal(snippetAsText('a &lt;b&gt; <mark>redis</mark> &amp; &quot;q&quot; it&#39;s &amp;lt;'), 'a <b> **redis** & "q" it\'s &lt;');
  });
});
