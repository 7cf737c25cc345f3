import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { silentLogger } from '../../lib/core/logger.js';
import { MemoryIndex } from '../../lib/index/memory-index.js';
import { openWikiStore } from '../../lib/store/wiki-store.js';
import { tempDir } from '../helpers/temp.js';

/**
 * Every derived index (full text, link graph, title index, vocabulary) is kept up to date page
 * by page while the server runs, and loaded in bulk after a rebuild. A user must get the same
 * answers either way: an index that drifted after a day of edits would hide pages that a
 * restart without index/ finds.
 */
const NOTES = 'default/demo/notes';
const FOXTROT = '---\ntitle: Foxtrot\n---\n# Foxtrot\n\nUnchanged.\n';
const WORDS = ['alpha', 'beta', 'bravo', 'charlie', 'delta', 'echo', 'quokka', 'wombat'];

async function writePage(dataDir: string, path: string, text: string): Promise<void> {
  await mkdir(join(dataDir, 'wiki', NOTES), { recursive: true });
  await writeFile(join(dataDir, 'wiki', NOTES, path), text);
}

async function openIndex(dataDir: string, indexDir?: string): Promise<MemoryIndex> {
  const store = await openWikiStore(dataDir);
  return MemoryIndex.open({ files: store.files, git: store.git, indexDir: indexDir ?? store.layout.index, logger: silentLogger, persistDelayMs: 60_000 });
}

const rels = (index: MemoryIndex, matches: Array<{ id: number }>) => matches.map((m) => index.pageById(m.id)?.rel ?? `missing row ${m.id}`).sort();

/** Every answer the index gives about these pages and words, in a comparable form. */
function answers(index: MemoryIndex) {
  const pages = [...index.allPages()].map((p) => p.rel).sort();
  return {
    pages: pages.map((rel) => ({
      rel,
      title: index.page(rel)?.title,
      links: index.links(rel).map((l) => `${l.kind}:${l.target}->${l.to}`),
      backlinks: index.backlinks(rel).map((l) => l.from).sort(),
      superseded: index.isSuperseded(rel),
    })),
    projects: index.projects(),
    titles: WORDS.map((word) => index.matchTitles(word, null, 10).map((m) => m.rel).sort()),
    text: WORDS.map((word) => rels(index, index.fullText.match(`"${word}"`, null, 10))),
    vocabulary: ['"second letter"', '"radio word"', '"first one"'].map((phrase) => rels(index, index.fullText.matchVocabulary(phrase, null, 10))),
  };
}

describe('derived indexes', () => {
  it('answer the same after a series of edits applied page by page as after a full rebuild', async () => {
    const dataDir = await tempDir('aim-derived-');
    await writePage(dataDir, 'a.md', '---\ntitle: Alpha\naliases: [first one]\n---\n# Alpha\n\nAlpha links to [[golf|the second letter]] and [[c]].\n');
    await writePage(dataDir, 'b.md', '---\ntitle: Beta\n---\n# Beta\n\nBeta talks about quokka habits.\n');
    await writePage(dataDir, 'c.md', '---\ntitle: Charlie\n---\n# Charlie\n\nCharlie points back to [[a]].\n');
    await writePage(dataDir, 'd.md', '---\ntitle: Delta\nsupersedes: [c]\n---\n# Delta\n\nDelta replaces Charlie; wombat notes.\n');
    await writePage(dataDir, 'f.md', FOXTROT);
    await writePage(dataDir, 'g.md', '---\ntitle: Golf\n---\n# Golf\n\nNever edited.\n');
    const index = await openIndex(dataDir);
    const before = answers(index);
    assert.deepEqual(before.vocabulary[0], [`${NOTES}/g.md`], 'the link words describe Golf');
    assert.deepEqual(before.vocabulary[2], [`${NOTES}/a.md`], 'an alias is vocabulary too');
    assert.equal(index.isSuperseded(`${NOTES}/c.md`), true);

    // Alpha's labelled link moves from Golf to Beta, Beta gets new words, Charlie is deleted,
    // Echo comes with a labelled link, Delta moves, and Foxtrot is saved unchanged (a touch).
    await writePage(dataDir, 'a.md', '---\ntitle: Alpha\naliases: [first one]\n---\n# Alpha\n\nAlpha links to [[beta|the second letter]] and [[c]].\n');
    await writePage(dataDir, 'b.md', '---\ntitle: Beta\n---\n# Beta\n\nBeta now talks about bravo and wombat habits.\n');
    await rm(join(dataDir, 'wiki', NOTES, 'c.md'));
    await writePage(dataDir, 'e.md', '---\ntitle: Echo\n---\n# Echo\n\nEcho cites [[b|radio word]] and [[a]].\n');
    await rm(join(dataDir, 'wiki', NOTES, 'd.md'));
    await writePage(dataDir, 'moved-delta.md', '---\ntitle: Delta\nsupersedes: [a]\n---\n# Delta\n\nDelta replaces Alpha now.\n');
    await writePage(dataDir, 'f.md', FOXTROT);
    const result = await index.apply(['a.md', 'b.md', 'c.md', 'e.md', 'd.md', 'moved-delta.md', 'f.md'].map((p) => `${NOTES}/${p}`));
    assert.deepEqual([...result.updated].sort(), ['a.md', 'b.md', 'e.md', 'moved-delta.md'].map((p) => `${NOTES}/${p}`));
    assert.deepEqual([...result.removed].sort(), [`${NOTES}/c.md`, `${NOTES}/d.md`]);

    const applied = answers(index);
    assert.deepEqual(applied.vocabulary[0], [`${NOTES}/b.md`], 'the link words left Golf with the link and describe Beta');
    assert.deepEqual(applied.vocabulary[1], [`${NOTES}/b.md`]);
    assert.deepEqual(applied.text[2], [`${NOTES}/b.md`], 'the new words are searchable');
    assert.deepEqual(applied.text[3], [], 'the deleted page left the full text');
    assert.equal(index.isSuperseded(`${NOTES}/a.md`), true);
    assert.equal(index.page(`${NOTES}/c.md`), undefined);

    const rebuilt = await openIndex(dataDir, await tempDir('aim-derived-fresh-'));
    assert.deepEqual(applied, answers(rebuilt));
    await index.close();
    await rebuilt.close();
  });
});
