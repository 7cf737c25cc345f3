import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineDiff } from '../../lib/services/browse/diff.js';
import { snippetHtml } from '../../lib/server/web/html.js';
import { renderMarkdown } from '../../lib/server/web/markdown.js';
import { wikilinkTargets } from '../../lib/server/web/wikilink-syntax.js';

const resolve = (target: string) => (target === 'cache' ? { href: '/web/w/default/demo/p/notes/cache.md', title: 'Cache <layer>' } : null);

describe('web markdown rendering', () => {
  it('links [[wikilinks]] with their alias, marks missing ones, and leaves code alone', () => {
    const out = renderMarkdown('See [[cache|the cache]], [[cache#ttl]] and [[ghost]].\n\n`[[cache]]`\n\n```\n[[cache]]\n```', resolve).value;
    assert.match(out, /<a href="\/web\/w\/default\/demo\/p\/notes\/cache\.md" class="wikilink" title="Cache <layer>">the cache<\/a>/);
    assert.match(out, />cache<\/a>/);
    assert.match(out, /<span class="wikilink missing">ghost<\/span>/);
    assert.match(out, /<code>\[\[cache\]\]<\/code>/);
    assert.match(out, /<pre><code>\[\[cache\]\]\n<\/code><\/pre>/);
    assert.deepEqual(wikilinkTargets('[[a]] [[b|x]] [[a#h]]'), ['a', 'b']);
  });

  it('drops a first heading that repeats the title, keeps any other', () => {
    assert.doesNotMatch(renderMarkdown('# Cache layer\n\ntext', resolve, 'Cache layer').value, /<h1>/);
    assert.match(renderMarkdown('# Something else\n\ntext', resolve, 'Cache layer').value, /<h1>Something else<\/h1>/);
  });

  it('names task-list checkboxes for screen readers by their state', () => {
    const out = renderMarkdown('- [x] ship it\n- [ ] write docs', resolve).value;
    assert.match(out, /<input type="checkbox" checked disabled aria-label="Completed task">\s*ship it/);
    assert.match(out, /<input type="checkbox" disabled aria-label="Incomplete task">\s*write docs/);
  });

  it('removes scripts, event handlers, javascript: URLs and raw HTML', () => {
    const out = renderMarkdown('<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n<b onclick="x()">bold</b>\n\n![i](javascript:alert(2))', resolve).value;
    assert.doesNotMatch(out, /<script|javascript:|onerror|onclick|<b[ >]/i);
  });

  it('highlights fenced code by language, as spans only', () => {
    const out = renderMarkdown('```py\n# comment\ndef f(): return "s" # tail\n```', resolve).value;
    assert.match(out, /<span class="tok-comment"># comment<\/span>/);
    assert.match(out, /<span class="tok-keyword">def<\/span>/);
    assert.match(out, /<span class="tok-string">"s"<\/span>/);
    assert.match(renderMarkdown('```\nconst x = 1\n```', resolve).value, /<pre><code>const x = 1\n<\/code><\/pre>/);
  });

  it('keeps only <mark> from a search snippet', () => {
    assert.equal(snippetHtml('a &lt;b&gt; <mark>redis</mark> &amp; "q"').value, 'a &lt;b&gt; <mark>redis</mark> &amp; &quot;q&quot;');
    assert.equal(snippetHtml('<img src=x onerror=alert(1)>').value, '&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('line diff', () => {
  it('numbers lines on both sides, counts changes and keeps three lines of context', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n');
    const after = ['a', 'b', 'c', 'd', 'e', 'F', 'g', 'h', 'i', 'j', 'k'].join('\n');
    const { hunks, stat } = lineDiff(`${before}\n`, `${after}\n`);
    assert.deepEqual(stat, { added: 2, removed: 1 });
    assert.equal(hunks.length, 1);
    assert.equal(hunks[0]!.old_start, 3);
    assert.deepEqual(hunks[0]!.lines.map((l) => `${l.op}${l.text}`), [' c', ' d', ' e', '-f', '+F', ' g', ' h', ' i', ' j', '+k']);
    assert.deepEqual(hunks[0]!.lines.find((l) => l.text === 'k'), { op: '+', text: 'k', new: 11 });
    // Far-apart changes make separate hunks.
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i}`);
    const edited = lines.map((l, i) => (i === 2 || i === 25 ? `${l}!` : l));
    assert.equal(lineDiff(lines.join('\n'), edited.join('\n')).hunks.length, 2);
  });

  it('treats a new page as all added', () => {
    const { hunks, stat } = lineDiff('', 'one\ntwo\n');
    assert.deepEqual(stat, { added: 2, removed: 0 });
    assert.deepEqual(hunks[0]!.lines.map((l) => [l.op, l.new]), [['+', 1], ['+', 2]]);
  });
});
