import { access, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { blobId } from './git-objects.js';
import { gitIndexChecksumMatches, gitIndexVersion, readGitIndexFile } from './git-index-file.js';

/**
 * Stages paths in `.git/index` by copying the file's other entries as bytes and writing only the
 * changed ones, as `git update-index` does. isomorphic-git's `add` parses every entry into an
 * object and writes the file back from them: at 50k pages 1-2 s on the event loop and ~170 MB of
 * heap the server then keeps. Answers false, changing nothing, for an index this does not write
 * (version 4, a split index, bytes that fail their checksum) or whose lock is held: the caller stages with isomorphic-git then.
 *
 * Extensions are dropped: the cached trees (TREE) no longer match the staged entries, and git
 * rebuilds what it needs, as it does after isomorphic-git's writes.
 */
export async function stageInGitIndex(dir: string, paths: string[]): Promise<boolean> {
  const file = join(dir, '.git', 'index');
  const index = await readGitIndexFile(file);
  if (index === null) return false;
  const version = gitIndexVersion(index);
  if (version === null) return false;
  // Damaged bytes (a write cut short by a kill) must not be copied under a fresh checksum that
  // would hide them: isomorphic-git, the fallback, refuses them and the start-up heal rebuilds.
  if (!gitIndexChecksumMatches(index)) return false;
  const wanted = [...new Set(paths)].sort(byBytes).map((path) => Buffer.from(path, 'utf8'));
  const fresh = new Map<Buffer, Buffer | null>();
  for (const path of wanted) fresh.set(path, await entryFor(dir, path.toString('utf8')));

  const count = index.readUInt32BE(8);
  const chunks: Buffer[] = [Buffer.alloc(12)];
  let entries = 0;
  let offset = 12;
  let next = 0;
  let runStart = offset;
  const flushRun = (end: number) => {
    if (end > runStart) chunks.push(index.subarray(runStart, end));
  };
  const insert = (path: Buffer) => {
    const entry = fresh.get(path);
    if (entry) {
      chunks.push(entry);
      entries += 1;
    }
  };
  for (let i = 0; i < count; i += 1) {
    const entry = entryAt(index, offset, version);
    if (entry === null || entry.end > index.length - 20) return false;
    const { end } = entry;
    const path = index.subarray(entry.pathStart, entry.pathEnd);
    while (next < wanted.length && Buffer.compare(wanted[next]!, path) < 0) {
      flushRun(offset);
      runStart = offset;
      insert(wanted[next]!);
      next += 1;
    }
    if (next < wanted.length && wanted[next]!.equals(path)) {
      // Every stage of a changed path is replaced by its one new entry (or none when gone).
      flushRun(offset);
      runStart = end;
      const following = i + 1 < count ? entryAt(index, end, version) : null;
      if (following === null || !wanted[next]!.equals(index.subarray(following.pathStart, following.pathEnd))) {
        insert(wanted[next]!);
        next += 1;
      }
    } else {
      entries += 1;
    }
    offset = end;
  }
  flushRun(offset);
  while (next < wanted.length) insert(wanted[next++]!);
  if (hasSplitIndex(index, offset)) return false;

  chunks[0]!.write('DIRC', 0, 'latin1');
  chunks[0]!.writeUInt32BE(version, 4);
  chunks[0]!.writeUInt32BE(entries, 8);
  const hash = createHash('sha1');
  for (const chunk of chunks) hash.update(chunk);
  chunks.push(hash.digest());
  return writeLocked(file, chunks);
}

/**
 * The blob id staged (stage 0) for each of `paths` that the index holds, read from the file's
 * bytes: isomorphic-git's STAGE walk builds every entry and a tree of them (at 50k pages ~4 s
 * on the event loop and ~180 MB of heap). Null for an index this does not read (version 4).
 */
export async function stagedBlobIds(dir: string, paths: string[]): Promise<Map<string, string> | null> {
  const index = await readGitIndexFile(join(dir, '.git', 'index'));
  if (index === null) return new Map();
  const version = gitIndexVersion(index);
  if (version === null) return null;
  const wanted = new Map(paths.map((path) => [Buffer.from(path, 'utf8').toString('latin1'), path]));
  const found = new Map<string, string>();
  let offset = 12;
  for (let i = 0, count = index.readUInt32BE(8); i < count; i += 1) {
    const entry = entryAt(index, offset, version);
    if (entry === null) return null;
    const path = wanted.get(index.toString('latin1', entry.pathStart, entry.pathEnd));
    if (path !== undefined && (entry.flags & 0x3000) === 0) found.set(path, index.toString('hex', offset + 40, offset + 60));
    offset = entry.end;
  }
  return found;
}

function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Where the entry at `offset` keeps its path and where the next entry starts (entries are padded
 * with NULs to a multiple of 8 bytes), or null when its long path has no terminating NUL.
 */
function entryAt(index: Buffer, offset: number, version: 2 | 3): { flags: number; pathStart: number; pathEnd: number; end: number } | null {
  const flags = index.readUInt16BE(offset + 60);
  const pathStart = offset + 62 + (version === 3 && flags & 0x4000 ? 2 : 0);
  const pathEnd = (flags & 0xfff) === 0xfff ? index.indexOf(0, pathStart) : pathStart + (flags & 0xfff);
  if (pathEnd < 0) return null;
  return { flags, pathStart, pathEnd, end: offset + ((pathEnd - offset + 8) & ~7) };
}

/** A split index keeps its entries in another file: this writer must not drop the link. */
function hasSplitIndex(index: Buffer, offset: number): boolean {
  while (offset + 8 <= index.length - 20) {
    if (index.toString('latin1', offset, offset + 4) === 'link') return true;
    offset += 8 + index.readUInt32BE(offset + 4);
  }
  return false;
}

/** The index entry of the file as it is now (stage 0), or null when it is gone. */
async function entryFor(dir: string, path: string): Promise<Buffer | null> {
  const full = join(dir, path);
  let info;
  let content: Buffer;
  try {
    info = await stat(full, { bigint: true });
    content = await readFile(full);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const name = Buffer.from(path, 'utf8');
  const length = 62 + name.length;
  const entry = Buffer.alloc((length + 8) & ~7);
  const u32 = (value: bigint) => Number(value & 0xffffffffn);
  entry.writeUInt32BE(u32(info.ctimeNs / 1_000_000_000n), 0);
  entry.writeUInt32BE(u32(info.ctimeNs % 1_000_000_000n), 4);
  entry.writeUInt32BE(u32(info.mtimeNs / 1_000_000_000n), 8);
  entry.writeUInt32BE(u32(info.mtimeNs % 1_000_000_000n), 12);
  entry.writeUInt32BE(u32(info.dev), 16);
  entry.writeUInt32BE(u32(info.ino), 20);
  entry.writeUInt32BE(info.mode & 0o111n ? 0o100755 : 0o100644, 24);
  entry.writeUInt32BE(u32(info.uid), 28);
  entry.writeUInt32BE(u32(info.gid), 32);
  entry.writeUInt32BE(content.length >>> 0, 36);
  const id = blobId(content);
  await ensureLooseBlob(dir, id, content);
  Buffer.from(id, 'hex').copy(entry, 40);
  entry.writeUInt16BE(Math.min(name.length, 0xfff), 60);
  name.copy(entry, 62);
  return entry;
}

/**
 * The commit wrote the blob already, unless the file changed since: a staged id without its
 * object would make the next `git commit` fail. A loose copy beside a packed one is harmless.
 */
async function ensureLooseBlob(dir: string, id: string, content: Buffer): Promise<void> {
  const folder = join(dir, '.git', 'objects', id.slice(0, 2));
  const file = join(folder, id.slice(2));
  if (await access(file).then(() => true, () => false)) return;
  await mkdir(folder, { recursive: true });
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, deflateSync(Buffer.concat([Buffer.from(`blob ${content.length}\0`), content])));
  await rename(temp, file);
}

/**
 * Writes as git does: `index.lock` created exclusively, then renamed over the index. False when
 * the lock is still held after the caller's wait: a lock left by a killed git command would
 * otherwise stop staging for good, so the caller's fallback writes as it always did.
 */
async function writeLocked(file: string, chunks: Buffer[]): Promise<boolean> {
  const lock = `${file}.lock`;
  let handle;
  try {
    handle = await open(lock, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    for (const chunk of chunks) await handle.write(chunk);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(lock, { force: true });
    throw error;
  }
  await handle.close();
  await rename(lock, file);
  return true;
}
