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
});
