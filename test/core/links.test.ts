import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import wikiLinkPlugin from 'remark-wiki-link';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { generateCorpus } from '../../bench/corpus.js';
import { splitPage } from '../../lib/core/frontmatter.js';
import { extractLinks, linkLookupKey, pageLookupKeys } from '../../lib/core/links.js';
import type { Scope } from '../../lib/core/paths.js';

const targets = (body: string) => extractLinks(body).map((l) => `${l.kind}:${l.target}`);

describe('extractLinks', () => {
  it('reads wikilinks with alias and heading, markdown links and reference definitions', () => {
    const body = 'See [[plain]], [[with alias|Alias]], [[page#Heading]], [[both#h|x]], ![[embed]] and [text](../notes/a.md "t") and [ref][r].\n\n[r]: <other page.md>\n';
    assert.deepEqual(targets(body), [
      'wikilink:plain',
      'wikilink:with alias',
      'wikilink:page',
      'wikilink:both',
      'wikilink:embed',
      'markdown:../notes/a.md',
      'markdown:other page.md',
    ]);
  });

  it('ignores links in fenced code, indented code, inline code and HTML comments', () => {
    const body = '```\n[[fenced]] [x](f.md)\n```\n\n~~~~\n[[tilde]]\n~~~~\n\n    [[indented]]\n\nText `[[inline]]` and <!-- [[comment]] --> [[real]]\n';
    assert.deepEqual(targets(body), ['wikilink:real']);
  });

  it('skips URLs, anchors, images and non-markdown files', () => {
    assert.deepEqual(targets('[a](https://x.dev/a.md) [b](#top) ![c](img.md) [d](file.pdf) [e](mailto:x@y.z) [f](ok.md#part)'), [
      'markdown:ok.md',
    ]);
  });

  it('reads supersedes and related from frontmatter', () => {
    const links = extractLinks('', { supersedes: 'decisions/old.md', related: ['[[notes/a]]', 'b'] });
    assert.deepEqual(links.map((l) => `${l.kind}:${l.target}`), ['supersedes:decisions/old.md', 'related:notes/a', 'related:b']);
  });

  it('gives links and pages matching lookup keys', () => {
    const scope = { workspace: 'default', project: 'demo' } as Scope;
    const keys = pageLookupKeys(scope, 'decisions/0001-db.md', 'Standardised on Postgres');
    const key = (kind: 'wikilink' | 'markdown', target: string, from = 'notes/x.md') => linkLookupKey(scope, from, { kind, target });
    assert.ok(keys.includes(key('wikilink', '0001-db')!));
    assert.ok(keys.includes(key('wikilink', 'decisions/0001-db')!));
    assert.ok(keys.includes(key('wikilink', 'Standardised on  Postgres')!));
    assert.ok(keys.includes(key('markdown', '../decisions/0001-db.md')!));
    assert.equal(key('wikilink', 'other:decisions/0001-db'), 'p:default/other:decisions/0001-db');
    assert.equal(key('markdown', '../../../../escape.md'), null);
  });
});

describe('the fast extractor agrees with remark', () => {
  const processor = unified().use(remarkParse).use(remarkGfm).use(wikiLinkPlugin, { aliasDivider: '|' });

  function remarkLinks(body: string): string[] {
    const out: string[] = [];
    visit(processor.parse(body), (node) => {
      const n = node as { type: string; value?: string; url?: string };
      if (n.type === 'wikiLink') out.push(`wikilink:${n.value!.split('#')[0]!.trim()}`);
      if ((n.type === 'link' || n.type === 'definition') && n.url) {
        const url = decodeURI(n.url.split('#')[0]!);
        if (!/^[a-z][a-z0-9+.-]*:/i.test(url) && url.toLowerCase().endsWith('.md')) out.push(`markdown:${url}`);
      }
    });
    return out.sort();
  }

  it('finds the same links on a generated 300-page corpus', () => {
    let compared = 0;
    let links = 0;
    for (const page of generateCorpus({ pages: 300, seed: 7, minWords: 80, maxWords: 400 })) {
      const { body } = splitPage(page.text);
      const expected = remarkLinks(body);
      assert.deepEqual([...targets(body)].sort(), expected, `links differ in ${page.rel}`);
      compared += 1;
      links += expected.length;
    }
    assert.equal(compared, 300);
    assert.ok(links > 1000, `the corpus should be link-heavy, found ${links}`);
  });
});
