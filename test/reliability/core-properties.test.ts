import assert from 'node:assert/strict';
import { join, resolve, sep } from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { MemoryError } from '../../lib/core/errors.js';
import { splitPage } from '../../lib/core/frontmatter.js';
import { extractLinks } from '../../lib/core/links.js';
import { plainText } from '../../lib/core/markdown.js';
import { parsePage } from '../../lib/core/page.js';
import { composePageWrite } from '../../lib/core/page-write.js';
import { DEFAULT_WORKSPACE, parsePagePath, parseSlug, wikiPath, type PagePath } from '../../lib/core/paths.js';
import { prepareFtsQuery } from '../../lib/core/search-query.js';
import { snippetFor } from '../../lib/core/snippet.js';
import { openSqlDatabase, type SqlDatabase } from '../../lib/index/sql-engine.js';

// Strings built from the characters that break paths, YAML, markdown and FTS5 syntax.
const NASTY = ['/', '\\', '.', '..', ':', '*', '"', "'", '-', '#', '[', ']', '(', ')', '|', '\n', '\r', '\t', '\u0000', ' ', '---', 'NEAR', 'OR', '{', '}', '!', '&', '`', '<', '>', 'é', '😀', 'CON', 'a', 'b', '1'];
const nasty = fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 16 }).map((parts) => parts.join(''));
const anyText = fc.oneof(nasty, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 80 }));
const RUNS = { numRuns: 300 };

describe('property: page paths', () => {
  it('either reject with INVALID_PATH or resolve inside the project folder', () => {
    const wiki = resolve('/data/wiki');
    const scope = { workspace: DEFAULT_WORKSPACE, project: parseSlug('demo') };
    fc.assert(
      fc.property(anyText, (input) => {
        let path: PagePath;
        try {
          path = parsePagePath(input);
        } catch (error) {
          assert.ok(error instanceof MemoryError && error.code === 'INVALID_PATH', String(error));
          assert.match(error.message, /page path/);
          return;
        }
        assert.ok(path.endsWith('.md'));
        assert.ok(resolve(join(wiki, wikiPath(scope, path))).startsWith(`${wiki}${sep}default${sep}demo${sep}`), path);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('property: frontmatter and markdown', () => {
  it('parsing any page text never throws; a broken header is reported, not fatal', () => {
    fc.assert(
      fc.property(anyText, anyText, (yaml, body) => {
        const page = parsePage(`---\n${yaml}\n---\n${body}`, 'notes/x.md' as PagePath);
        assert.equal(typeof page.title, 'string');
        assert.ok(Array.isArray(page.links));
      }),
      RUNS,
    );
  });

  it('a written title, tags and body read back as written', () => {
    const title = fc.string({ minLength: 1, maxLength: 60 }).filter((t) => t.trim() !== '' && !/[\r\n]/.test(t)).map((t) => t.trim());
    fc.assert(
      fc.property(title, fc.array(fc.string({ minLength: 1, maxLength: 20 }).map((t) => t.trim()).filter((t) => t !== ''), { maxLength: 4 }), anyText, (t, tags, body) => {
        const text = composePageWrite(null, { body, title: t, tags }, '2026-01-01T00:00:00.000Z');
        const page = parsePage(text, 'notes/x.md' as PagePath);
        assert.equal(page.frontmatterError, undefined);
        assert.equal(page.title, t);
        assert.deepEqual(page.tags, tags);
        assert.equal(splitPage(text).body.trim(), body.trim());
      }),
      RUNS,
    );
  });

  it('plain text, links and snippets of any markdown never throw', () => {
    fc.assert(
      fc.property(anyText, anyText, (markdown, query) => {
        plainText(markdown);
        extractLinks(markdown);
        snippetFor(markdown, prepareFtsQuery(query).terms);
      }),
      RUNS,
    );
  });
});

describe('property: search queries', () => {
  let db: SqlDatabase;
  before(async () => {
    db = await openSqlDatabase();
    db.exec("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2')");
    db.run('INSERT INTO t(rowid, title, body) VALUES (1, ?, ?)', ['Postgres decision', 'We use foo-bar in lib/core/file.ts on 8 May 2023']);
  });

  it('any text becomes a MATCH expression FTS5 accepts, or nothing to search', () => {
    fc.assert(
      fc.property(anyText, (query) => {
        const { match, terms } = prepareFtsQuery(query);
        if (match === null) return;
        assert.ok(terms.length > 0);
        db.all('SELECT rowid FROM t WHERE t MATCH ?', [match]);
      }),
      { numRuns: 1000 },
    );
  });
});
