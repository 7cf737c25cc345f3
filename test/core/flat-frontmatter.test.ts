import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readFlatFrontmatter } from '../../lib/core/flat-frontmatter.js';
import { parseFrontmatter, parseFrontmatterWithYaml, splitPage } from '../../lib/core/frontmatter.js';

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

// Keys and values close to the product's own, and near misses YAML reads differently.
const KEYS = ['title', 'kind', 'tags', 'created', 'a-b', 'x_1', 'Title', '1a', '__proto__', 'two words', '-k', '?k', 'k#', 'ké'];
const SEPARATORS = [': ', ': ', ': ', ':', ':  ', ' : ', ':\t'];
const VALUES = [
  'Some words', 'gotcha', 'v1.2', 'a/b.c', 'x-y_z', 'NaN', 'yes', 'on', 'Off', 'true', 'false', 'True', 'FALSE', 'null', 'Null', '~',
  '2026-07-18', '2026-07-18T10:20:30Z', '2026-07-18T10:20:30.123+02:00', '2026-7-18', '2026-07-18 10:20', '12', '1.5', '0x1F', '1e3', '.inf', '-1',
  'a: b', 'a #b', 'a#b', 'x:y', '"quoted"', "'single'", '&anchor a', '*alias', '!tag a', '| block', '> folded', '@at', '`tick`', '%pct',
  'a  b', 'a ', ' a', '- a', '-a', '[a, b]', '[a,b]', '[]', '[ a ]', '[a, [b]]', '[a, b: c]', '[a, true]', '[a, null]', '[a, 12]', '{a: b}', '[a, ]', '[, a]',
  '', 'é', 'a\tb',
];
const CHARS = 'aZ09 _./-:#,[]{}\'"!&*?|>%@`~\t';

function randomValue(random: () => number): string {
  const pick = random();
  // Mostly what the product writes (the first values), so that the fast path is taken often.
  if (pick < 0.75) return VALUES[Math.floor(random() * (random() < 0.85 ? 20 : VALUES.length))]!;
  if (pick < 0.97) {
    const items = Array.from({ length: Math.floor(random() * 4) }, () => VALUES[Math.floor(random() * 12)]!);
    return `[${items.join(random() < 0.8 ? ', ' : ',')}]`;
  }
  let out = '';
  for (let i = 1 + Math.floor(random() * 8); i > 0; i--) out += CHARS[Math.floor(random() * CHARS.length)]!;
  return out;
}

function randomFrontmatter(random: () => number): string {
  const lines: string[] = [];
  for (let n = 1 + Math.floor(random() * 6); n > 0; n--) {
    const roll = random();
    if (roll < 0.01) lines.push('# comment');
    else if (roll < 0.02) lines.push('');
    else if (roll < 0.03) lines.push('  indented: x');
    else {
      const key = random() < 0.95 ? KEYS[Math.floor(random() * 5)]! : KEYS[Math.floor(random() * KEYS.length)]!;
      const separator = random() < 0.97 ? ': ' : SEPARATORS[Math.floor(random() * SEPARATORS.length)]!;
      lines.push(`${key}${separator}${randomValue(random)}`);
    }
  }
  const newline = random() < 0.98 ? '\n' : '\r\n';
  return lines.join(newline) + (random() < 0.9 ? newline : '');
}

/** The flat reader either declines or agrees with `yaml` exactly (and `yaml` then reports no error). */
function assertSameOrDeclined(yaml: string): boolean {
  const flat = readFlatFrontmatter(yaml);
  if (flat === undefined) return false;
  assert.deepEqual({ data: flat }, parseFrontmatterWithYaml(yaml), `frontmatter ${JSON.stringify(yaml)}`);
  return true;
}

describe('flat frontmatter reader', () => {
  it('reads what the product writes, as yaml does', () => {
    const yaml = 'title: Standardised on Postgres\nkind: decision\ntags: [db, postgres]\ncreated: 2026-07-18\nupdated: 2026-10-07T12:00:00Z\npinned: true\n';
    assert.ok(assertSameOrDeclined(yaml));
    assert.deepEqual(parseFrontmatter(yaml).data, {
      title: 'Standardised on Postgres', kind: 'decision', tags: ['db', 'postgres'], created: '2026-07-18', updated: '2026-10-07T12:00:00Z', pinned: true,
    });
  });

  it('declines what it cannot read exactly as yaml would', () => {
    for (const yaml of ['title: a: b\n', 'tags: [a, null]\n', 'n: 12\n', 'a: x\na: y\n', 'title: "q"\n', 'on: ~\n', 'a: b #c\n', 'title: x\r\n', 'k:\n', '__proto__: x\n']) {
      assert.equal(readFlatFrontmatter(yaml), undefined, yaml);
    }
  });

  it('never disagrees with yaml on random frontmatter', () => {
    const random = seeded(20);
    let read = 0;
    const cases = 20_000;
    for (let i = 0; i < cases; i++) if (assertSameOrDeclined(randomFrontmatter(random))) read += 1;
    // The comparison means something only if the fast path is taken often enough.
    assert.ok(read > cases / 10, `fast path taken ${read} times of ${cases}`);
  });

  it('never disagrees with yaml on the test fixtures', () => {
    const root = join(import.meta.dirname, '..', 'fixtures');
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : name.endsWith('.md') ? [path] : [];
      });
    for (const file of walk(root)) {
      const { yaml } = splitPage(readFileSync(file, 'utf8'));
      if (yaml !== null) assertSameOrDeclined(yaml);
    }
  });
});
