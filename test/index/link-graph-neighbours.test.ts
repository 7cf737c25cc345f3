import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { IndexedPage } from '../../lib/index/indexed-page.js';
import { LinkGraph } from '../../lib/index/link-graph.js';
import { parseWikiFile } from '../../lib/index/parse-file.js';

let nextId = 0;
function page(rel: string, body: string): IndexedPage {
  const parsed = parseWikiFile({ rel, size: body.length, mtimeMs: 0, ctimeMs: 0 }, body, () => ++nextId);
  return (parsed as { page: IndexedPage }).page;
}

/** neighbours as it was before it walked the backlinks itself: outgoing links, then `backlinks(rel, limit)`. */
function neighboursAsBefore(graph: LinkGraph, rel: string, limit: number): string[] {
  const out = new Set<string>();
  for (const link of graph.links(rel)) {
    if (out.size >= limit) return [...out];
    if (link.to && link.to !== rel) out.add(link.to);
  }
  for (const link of graph.backlinks(rel, limit)) {
    if (out.size >= limit) break;
    out.add(link.from);
  }
  return [...out];
}

const PROJECTS = ['default/alpha', 'default/beta', 'default/_global'];
const NAMES = ['cache', 'db', 'deploy', 'readme', 'hub'];
const spec = fc.record({
  project: fc.constantFrom(...PROJECTS),
  name: fc.constantFrom(...NAMES),
  // The same target several times on one page, qualified or not: one linking page, several links.
  links: fc.array(fc.record({ name: fc.constantFrom(...NAMES), qualified: fc.constantFrom(...PROJECTS, null) }), { maxLength: 8 }),
});

// Search takes the first few neighbours of each top hit: which pages, and in which order, must
// not depend on how the graph walks its backlinks.
test('link neighbours within a limit are the outgoing links, then the backlinks, as before', () => {
  fc.assert(
    fc.property(fc.array(spec, { maxLength: 30 }), (specs) => {
      const pages = new Map<string, IndexedPage>();
      for (const s of specs) {
        const rel = `${s.project}/notes/${s.name}.md`;
        const body = s.links.map((l) => `[[${l.qualified ? `${l.qualified.split('/')[1]}:` : ''}${l.name}]]`).join(' and ');
        pages.set(rel, page(rel, `# ${s.name}\n\n${body}\n`));
      }
      const graph = new LinkGraph();
      graph.bulkLoad([...pages.values()]);
      for (const rel of pages.keys()) {
        for (const limit of [1, 2, 3, 5, 12, Number.POSITIVE_INFINITY]) {
          assert.deepEqual(graph.neighbours(rel, limit), neighboursAsBefore(graph, rel, limit), `${rel} limit ${limit}`);
        }
      }
    }),
    { numRuns: 300 },
  );
});
