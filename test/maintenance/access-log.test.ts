import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AccessLog } from '../../lib/store/access-log.js';
import { tempDir } from '../helpers/temp.js';

describe('the access log', () => {
  it('throttles to one record per page per minute, survives a torn last line, and compacts redundant lines', async () => {
    const file = join(await tempDir('aim-access-'), 'state', 'access.jsonl');
    let now = Date.parse('2026-06-01T00:00:00Z');
    const log = new AccessLog(file, () => now);
    log.record(['a.md', 'a.md', 'b.md']);
    now += 30_000;
    log.record(['a.md']);
    now += 60_000;
    log.record(['a.md']);
    await log.flush();
    assert.deepEqual(log.get('a.md'), { count: 2, last: now });
    assert.equal((await readFile(file, 'utf8')).trim().split('\n').length, 3);

    // 300 more throttled accesses of one page, then a crash mid-line.
    const lines: string[] = [];
    for (let i = 0; i < 300; i++) lines.push(JSON.stringify({ p: 'b.md', t: now + i * 61_000 }));
    await writeFile(file, `${await readFile(file, 'utf8')}${lines.join('\n')}\n{"p":"c.md","t":`, { flag: 'w' });
    const reloaded = new AccessLog(file);
    await reloaded.load();
    assert.equal(reloaded.get('a.md')?.count, 2);
    assert.equal(reloaded.get('b.md')?.count, 301);
    assert.equal(reloaded.get('c.md'), undefined);
    const compacted = (await readFile(file, 'utf8')).trim().split('\n');
    assert.equal(compacted.length, 2, 'one line per page after compaction');
    const again = new AccessLog(file);
    await again.load();
    assert.deepEqual(again.get('b.md'), reloaded.get('b.md'));
  });

  it('carries counts over to a renamed project', async () => {
    const file = join(await tempDir('aim-access-'), 'access.jsonl');
    const log = new AccessLog(file);
    log.record(['default/old/notes/a.md', 'default/older/notes/b.md']);
    log.movePrefix('default/old/', 'default/new/');
    await log.flush();
    assert.equal(log.get('default/old/notes/a.md'), undefined);
    assert.equal(log.get('default/new/notes/a.md')?.count, 1);
    assert.equal(log.get('default/older/notes/b.md')?.count, 1);
    const reloaded = new AccessLog(file);
    await reloaded.load();
    assert.equal(reloaded.get('default/new/notes/a.md')?.count, 1);
  });
});
