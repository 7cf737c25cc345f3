import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createWikiFiles } from '../../lib/store/wiki-files.js';

/** A link planted inside the wiki (by hand, by another tool) must not reach outside it. */
describe('links inside the wiki', () => {
  let base: string;
  let outside: string;
  let wiki: string;
  before(async () => {
    base = await mkdtemp(join(tmpdir(), 'aim-links-'));
    outside = join(base, 'outside');
    wiki = join(base, 'wiki');
    await mkdir(outside);
    await mkdir(join(wiki, 'default', 'proj'), { recursive: true });
    await writeFile(join(outside, 'secret.md'), 'SECRET');
    await writeFile(join(wiki, 'default', 'proj', 'real.md'), 'inside');
    await symlink(outside, join(wiki, 'default', 'proj', 'linked'));
    await symlink(join(outside, 'secret.md'), join(wiki, 'default', 'proj', 'filelink.md'));
  });
  after(() => rm(base, { recursive: true, force: true }));

  it('reads nothing through a linked folder or a linked file', async () => {
    const files = createWikiFiles(wiki);
    assert.equal(await files.read('default/proj/real.md'), 'inside');
    assert.equal(await files.read('default/proj/linked/secret.md'), null);
    assert.equal(await files.read('default/proj/filelink.md'), null);
  });

  it('writes nothing through a linked folder, and replaces a linked file rather than following it', async () => {
    const files = createWikiFiles(wiki);
    await assert.rejects(files.write('default/proj/linked/new.md', 'x'), { code: 'INVALID_PATH' });
    await files.write('default/proj/filelink.md', 'replaced');
    assert.equal(await readFile(join(outside, 'secret.md'), 'utf8'), 'SECRET');
    assert.equal(await files.read('default/proj/filelink.md'), 'replaced');
  });
});
