import { createHash } from 'node:crypto';
import { open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PackIndex, readPackedAt, type PackedObject } from './git-pack.js';
import { parseCommit, parseTree, type CommitObject, type TreeEntry } from './git-object-parse.js';

export type { CommitObject, TreeEntry } from './git-object-parse.js';

/** No object with this id in the repository (or it is not of the kind asked for). */
export class GitObjectMissing extends Error {}

/**
 * Reads commits, trees and blobs for the server's own git work (commits, history, versions):
 * loose objects from their files, packed ones by position (git-pack.ts), so a repository
 * cloned or `git gc`-ed into a large pack is never read into memory whole. Each object is
 * checked against its id. isomorphic-git still writes objects and does sync and status.
 */
export interface GitObjects {
  read(oid: string): Promise<PackedObject>;
  readCommit(oid: string): Promise<CommitObject>;
  readTree(oid: string): Promise<TreeEntry[]>;
  /** The entries of `folder` ('' for the root) at a commit, or null when the folder is not there. */
  readTreeAt(commit: string, folder: string): Promise<TreeEntry[] | null>;
  /** The bytes of the file at `path` in a commit, or null when it is not there. */
  readBlobAt(commit: string, path: string): Promise<Buffer | null>;
  /** The blob id of the file at `path` in a commit, or null when it is not there. */
  blobIdAt(commit: string, path: string): Promise<string | null>;
}

/** The id git gives a file's content. */
export function blobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

export function createGitObjects(gitDir: string): GitObjects {
  const packDir = join(gitDir, 'objects', 'pack');
  // Packs are named by their checksum and never change; a gc or a fetch adds or removes whole
  // ones, so the list is read again whenever an object is found in none of the known packs.
  let packs: Map<string, PackIndex> | null = null;

  async function loadPacks(): Promise<Map<string, PackIndex>> {
    const names = (await readdir(packDir).catch(() => [] as string[])).filter((name) => name.endsWith('.idx'));
    const next = new Map<string, PackIndex>();
    for (const name of names) next.set(name, packs?.get(name) ?? new PackIndex(await readFile(join(packDir, name))));
    packs = next;
    return next;
  }

  async function fromPacks(oid: string, fresh: boolean): Promise<PackedObject | null> {
    for (const [name, index] of packs && !fresh ? packs : await loadPacks()) {
      const offset = index.offsetOf(oid);
      if (offset === null) continue;
      let pack;
      try {
        pack = await open(join(packDir, name.replace(/\.idx$/, '.pack')), 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !fresh) return fromPacks(oid, true);
        throw error;
      }
      try {
        return await readPackedAt(pack, offset, read);
      } finally {
        await pack.close();
      }
    }
    return fresh ? null : fromPacks(oid, true);
  }

  async function read(oid: string): Promise<PackedObject> {
    if (!/^[0-9a-f]{40}$/.test(oid)) throw new GitObjectMissing(`${oid} is not an object id`);
    const object = (await loose(oid)) ?? (await fromPacks(oid, false));
    if (!object) throw new GitObjectMissing(`no object ${oid} in the repository`);
    const sum = createHash('sha1').update(`${object.type} ${object.content.length}\0`).update(object.content).digest('hex');
    if (sum !== oid) throw new Error(`git object ${oid} is corrupt (its content hashes to ${sum}); run \`git fsck\` in the wiki`);
    return object;
  }

  async function loose(oid: string): Promise<PackedObject | null> {
    let file: Buffer;
    try {
      file = await readFile(join(gitDir, 'objects', oid.slice(0, 2), oid.slice(2)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    let raw: Buffer;
    try {
      raw = inflateSync(file);
    } catch (error) {
      throw new Error(`git object ${oid} is unreadable (${(error as Error).message}); run \`git fsck\` in the wiki`);
    }
    const space = raw.indexOf(0x20);
    const nul = raw.indexOf(0, space);
    const type = raw.toString('latin1', 0, space);
    if (!['commit', 'tree', 'blob', 'tag'].includes(type) || nul < 0) throw new Error(`git object ${oid} has no valid header`);
    return { type: type as PackedObject['type'], content: raw.subarray(nul + 1) };
  }

  async function ofType(oid: string, type: PackedObject['type']): Promise<Buffer> {
    const object = await read(oid);
    if (object.type !== type) throw new GitObjectMissing(`${oid} is a ${object.type}, not a ${type}`);
    return object.content;
  }

  const readCommit = async (oid: string) => parseCommit(await ofType(oid, 'commit'));
  const readTree = async (oid: string) => parseTree(await ofType(oid, 'tree'));

  async function readTreeAt(commit: string, folder: string): Promise<TreeEntry[] | null> {
    let entries = await readTree((await readCommit(commit)).tree);
    for (const part of folder.split('/').filter(Boolean)) {
      const entry = entries.find((e) => e.path === part && e.type === 'tree');
      if (!entry) return null;
      entries = await readTree(entry.oid);
    }
    return entries;
  }

  async function blobIdAt(commit: string, path: string): Promise<string | null> {
    const slash = path.lastIndexOf('/');
    const entries = await readTreeAt(commit, slash === -1 ? '' : path.slice(0, slash));
    return entries?.find((e) => e.path === path.slice(slash + 1) && e.type === 'blob')?.oid ?? null;
  }

  async function readBlobAt(commit: string, path: string): Promise<Buffer | null> {
    const oid = await blobIdAt(commit, path);
    return oid ? ofType(oid, 'blob') : null;
  }

  return { read, readCommit, readTree, readTreeAt, readBlobAt, blobIdAt };
}
