import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { bulkVocabulary } from '../../lib/index/bulk-vocabulary.js';
import type { IndexedPage } from '../../lib/index/indexed-page.js';
import { LinkGraph } from '../../lib/index/link-graph.js';
import { parseWikiFile } from '../../lib/index/parse-file.js';
import { LABELLED_BACKLINKS, vocabularyTargets, writeVocabulary } from '../../lib/index/vocabulary.js';

/**
 * A cold build computes every page's vocabulary in one pass over the links (bulk-vocabulary.ts);
 * the server keeps it up to date page by page through the link graph (vocabulary.ts). A query
 * must find the same pages after a restart without index/ as after a day of edits, so both must
 * store exactly the same words, in the same order (word pairs are matched as phrases).
 */
const PROJECTS = ['default/alpha', 'default/beta', 'default/_global', 'team/alpha'];
const NAMES = ['cache', 'deploy-notes', 'Flaky CI', 'db', 'readme'];
const FOLDERS = ['notes', 'decisions', 'notes/old'];

let nextId = 0;
function page(rel: string, text: string): IndexedPage {
  const parsed = parseWikiFile({ rel, size: text.length, mtimeMs: 0, ctimeMs: 0 }, text, () => ++nextId);
  assert.equal(parsed?.type, 'page', rel);
  return (parsed as { page: IndexedPage }).page;
}

/** What the per-page way stores: one row per page whose words are not empty. */
function perPage(pages: IndexedPage[]): Array<{ id: number; scopeKey: string; words: string }> {
  const graph = new LinkGraph();
  graph.bulkLoad(pages);
  const byRel = new Map(pages.map((p) => [p.rel, p]));
  const rows: Array<{ id: number; scopeKey: string; words: string }> = [];
  const store = { setVocabulary: (id: number, scopeKey: string, words: string) => void (words.trim() !== '' && rows.push({ id, scopeKey, words })) };
  // Every page whose vocabulary can be non-empty, as the build asked for them before.
  const targets = new Set(pages.flatMap((p) => (p.labels || p.aliases ? vocabularyTargets(p, graph) : [])));
  writeVocabulary(store, byRel, graph, targets);
  return rows.sort((a, b) => a.id - b.id);
}

const link = fc.record({
  kind: fc.constantFrom('wiki', 'qualified', 'markdown', 'frontmatter'),
  project: fc.constantFrom(...PROJECTS),
  folder: fc.constantFrom(...FOLDERS),
  name: fc.constantFrom(...NAMES),
  label: fc.option(fc.constantFrom('the cache', 'why we left Fly', 'nightly recon', 'db', 'Flaky CI'), { nil: undefined }),
});
type Link = typeof link extends fc.Arbitrary<infer T> ? T : never;

function linkText(from: string, l: Link): string {
  const stem = l.name.toLowerCase().replace(/ /g, '-');
  if (l.kind === 'markdown') return `[${l.label ?? l.name}](${from.split('/').slice(3).map(() => '..').join('/') || '.'}/${l.folder}/${stem}.md)`;
  const target = l.kind === 'qualified' ? `${l.project.split('/')[1]}:${l.name}` : l.name;
  return `[[${target}${l.label ? `|${l.label}` : ''}]]`;
}

const wiki = fc.array(
  fc.record({
    project: fc.constantFrom(...PROJECTS),
    folder: fc.constantFrom(...FOLDERS),
    name: fc.constantFrom(...NAMES),
    title: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
    aliases: fc.subarray(['the cache', 'recon']),
    links: fc.array(link, { maxLength: 8 }),
  }),
  { maxLength: 30 },
);

test('the bulk vocabulary of a full build equals the per-page vocabulary, words and order', () => {
  fc.assert(
    fc.property(wiki, (specs) => {
      const seen = new Set<string>();
      const pages: IndexedPage[] = [];
      for (const spec of specs) {
        const rel = `${spec.project}/${spec.folder}/${spec.name.toLowerCase().replace(/ /g, '-')}.md`;
        if (seen.has(rel)) continue;
        seen.add(rel);
        const front = [`title: ${spec.title ?? spec.name}`];
        if (spec.aliases.length > 0) front.push(`aliases: [${spec.aliases.join(', ')}]`);
        const related = spec.links.filter((l) => l.kind === 'frontmatter').map((l) => l.name);
        if (related.length > 0) front.push(`related: [${related.join(', ')}]`);
        const body = spec.links.filter((l) => l.kind !== 'frontmatter').map((l) => linkText(rel, l)).join(' and ');
        pages.push(page(rel, `---\n${front.join('\n')}\n---\n# ${spec.title ?? spec.name}\n\n${body}\n`));
      }
      assert.deepEqual(bulkVocabulary(pages), perPage(pages));
    }),
    { numRuns: 300 },
  );
});

test('a hub page keeps the words of its first backlinks, as the link graph orders them', () => {
  // More backlinks than are read for a hub's vocabulary, reaching it by file name, by title and
  // by path, some of them twice from one page: the same words must be kept and dropped.
  const pages = [page('default/alpha/notes/hub.md', '---\ntitle: Hub Page\n---\n# Hub Page\n')];
  for (let i = 0; i < LABELLED_BACKLINKS + 120; i++) {
    const ways = [`[[hub|by name ${i}]]`, `[[Hub Page|by title ${i}]]`, `[words ${i}](../notes/hub.md)`, `[[alpha:hub|qualified ${i}]]`];
    const body = i % 7 === 0 ? `${ways[i % 4]} ${ways[(i + 1) % 4]} ${ways[i % 4]}` : ways[i % 4]!;
    pages.push(page(`default/${i % 3 === 0 ? 'beta' : 'alpha'}/notes/n${i}.md`, `# Note ${i}\n\n${body}\n`));
  }
  const bulk = bulkVocabulary(pages);
  assert.deepEqual(bulk, perPage(pages));
  const words = bulk.find((row) => row.id === pages[0]!.id)!.words.split('\n');
  assert.ok(words.length < LABELLED_BACKLINKS + 120, 'a hub keeps only the words of its first backlinks');
});
