import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describe as describePage, escapeHtml, highlight, snippetFor } from '../../lib/core/snippet.js';

describe('snippets', () => {
  it('marks matches, including simple plural and verb forms, and escapes everything else', () => {
    assert.equal(highlight('Decisions <b>about</b> caching & deploys', ['decision', 'cache', 'deploy']), '<mark>Decisions</mark> &lt;b&gt;about&lt;/b&gt; <mark>caching</mark> &amp; <mark>deploys</mark>');
    assert.equal(escapeHtml(`"'<>&`), '&quot;&#39;&lt;&gt;&amp;');
  });

  it('cuts the excerpt where most distinct query words meet', () => {
    const filler = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const text = `postgres alone here. ${filler} Here postgres and replication appear together. ${filler} replication alone.`;
    const snippet = snippetFor(text, ['postgres', 'replication'])!;
    assert.match(snippet, /^…/);
    assert.match(snippet, /<mark>postgres<\/mark> and <mark>replication<\/mark> appear together/);
    assert.match(snippet, /…$/);
  });

  it('returns null when no term occurs, and strips markdown from the excerpt', () => {
    assert.equal(snippetFor('nothing to see', ['zebra']), null);
    const snippet = snippetFor('See [[notes/zebra-facts|the zebra page]] and **bold** zebra.', ['zebra'])!;
    assert.equal(snippet, 'See the <mark>zebra</mark> page and bold <mark>zebra</mark>.');
  });

  it('describes a page by its summary, else by its first prose', () => {
    assert.equal(describePage('# Title\n\nFirst line of prose.', 'Summary wins'), 'Summary wins');
    assert.equal(describePage('# Title\n\nFirst line of prose.', undefined), 'First line of prose.');
  });
});
