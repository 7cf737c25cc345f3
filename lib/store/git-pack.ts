import type { FileHandle } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';

/**
 * Reads single objects out of a git packfile by position: the `.idx` (about 28 bytes an object)
 * says where an object starts, and only that object's bytes are read and inflated, with its
 * delta bases. isomorphic-git instead reads the whole `.pack` into one Buffer and keeps it
 * (162 MB at 50k pages, for the handful of trees a commit needs).
 */

export type PackedType = 'commit' | 'tree' | 'blob' | 'tag';
export interface PackedObject {
  type: PackedType;
  content: Buffer;
}

const TYPES: Record<number, PackedType> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' };
const OFS_DELTA = 6;
const REF_DELTA = 7;
const IDX_MAGIC = 0xff744f63;
const FANOUT_AT = 8;
const NAMES_AT = FANOUT_AT + 256 * 4;

/** A version 2 pack index (what git has written since 2007), kept as read. */
export class PackIndex {
  private readonly count: number;

  constructor(private readonly idx: Buffer) {
    if (idx.length < NAMES_AT || idx.readUInt32BE(0) !== IDX_MAGIC || idx.readUInt32BE(4) !== 2) {
      throw new Error('unsupported pack index (only version 2 is read)');
    }
    this.count = idx.readUInt32BE(NAMES_AT - 4);
  }

  /** Where the object starts in the .pack, or null when this pack does not hold it. */
  offsetOf(oid: string): number | null {
    const name = Buffer.from(oid, 'hex');
    const first = name[0]!;
    let lo = first === 0 ? 0 : this.idx.readUInt32BE(FANOUT_AT + (first - 1) * 4);
    let hi = this.idx.readUInt32BE(FANOUT_AT + first * 4);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const order = this.idx.compare(name, 0, 20, NAMES_AT + mid * 20, NAMES_AT + mid * 20 + 20);
      if (order === 0) return this.offsetAt(mid);
      if (order > 0) hi = mid;
      else lo = mid + 1;
    }
    return null;
  }

  private offsetAt(i: number): number {
    const offsetsAt = NAMES_AT + this.count * 24;
    const small = this.idx.readUInt32BE(offsetsAt + i * 4);
    if ((small & 0x80000000) === 0) return small;
    // Packs past 2 GiB keep the offset in the 8-byte table after the 4-byte one.
    return Number(this.idx.readBigUInt64BE(offsetsAt + this.count * 4 + (small & 0x7fffffff) * 8));
  }
}

/**
 * The object at `offset` in an open pack. A delta against another object of this pack is
 * resolved by position; one against an object named by id (`ref-delta`, thin packs) through
 * `byOid`, which may look anywhere in the repository.
 */
export async function readPackedAt(pack: FileHandle, offset: number, byOid: (oid: string) => Promise<PackedObject>, depth = 0): Promise<PackedObject> {
  if (depth > 4096) throw new Error('pack delta chain too deep');
  const head = Buffer.alloc(32);
  const { bytesRead } = await pack.read(head, 0, head.length, offset);
  let byte = head[0]!;
  const kind = (byte >> 4) & 7;
  let size = byte & 15;
  let at = 1;
  for (let shift = 4; byte & 0x80; shift += 7) {
    byte = head[at++]!;
    size += (byte & 0x7f) * 2 ** shift;
  }
  // Read after this object's own bytes, so a failure of either is the one error thrown.
  let base: (() => Promise<PackedObject>) | null = null;
  if (kind === OFS_DELTA) {
    byte = head[at++]!;
    let back = byte & 0x7f;
    while (byte & 0x80) {
      byte = head[at++]!;
      back = (back + 1) * 128 + (byte & 0x7f);
    }
    base = () => readPackedAt(pack, offset - back, byOid, depth + 1);
  } else if (kind === REF_DELTA) {
    const baseOid = head.subarray(at, at + 20).toString('hex');
    base = () => byOid(baseOid);
    at += 20;
  } else if (!TYPES[kind]) {
    throw new Error(`unknown object type ${kind} at pack offset ${offset}`);
  }
  if (at > bytesRead) throw new Error(`pack truncated at offset ${offset}`);
  const data = await inflateAt(pack, offset + at, size);
  if (!base) return { type: TYPES[kind]!, content: data };
  const resolved = await base();
  return { type: resolved.type, content: applyDelta(data, resolved.content) };
}

/** Inflates the zlib stream at `start` whose output is `size` bytes, reading no more than it can take. */
async function inflateAt(pack: FileHandle, start: number, size: number): Promise<Buffer> {
  // Deflate never grows data by more than a few bytes per 16 KiB block (zlib's compressBound).
  let window = size + (size >> 10) + 64;
  for (;;) {
    const buffer = Buffer.allocUnsafe(window);
    const { bytesRead } = await pack.read(buffer, 0, window, start);
    try {
      const out = inflateSync(buffer.subarray(0, bytesRead));
      if (out.length !== size) throw new Error(`pack object at ${start} inflated to ${out.length} bytes, expected ${size}`);
      return out;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'Z_BUF_ERROR' || bytesRead < window) throw error;
      window *= 2;
    }
  }
}

/** Applies a git delta (copy and insert instructions) to its base. */
export function applyDelta(delta: Buffer, base: Buffer): Buffer {
  let at = 0;
  const varint = () => {
    let value = 0;
    let byte: number;
    let shift = 0;
    do {
      byte = delta[at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  if (varint() !== base.length) throw new Error('delta base has the wrong size');
  const out = Buffer.allocUnsafe(varint());
  let written = 0;
  while (at < delta.length) {
    const op = delta[at++]!;
    if (op & 0x80) {
      let from = 0;
      let length = 0;
      for (let i = 0; i < 4; i += 1) if (op & (1 << i)) from += delta[at++]! * 2 ** (8 * i);
      for (let i = 0; i < 3; i += 1) if (op & (0x10 << i)) length += delta[at++]! * 2 ** (8 * i);
      if (length === 0) length = 0x10000;
      if (from + length > base.length || written + length > out.length) throw new Error('delta copies outside its base');
      written += base.copy(out, written, from, from + length);
    } else if (op > 0) {
      if (written + op > out.length || at + op > delta.length) throw new Error('delta inserts past its end');
      written += delta.copy(out, written, at, at + op);
      at += op;
    } else {
      throw new Error('delta has a reserved instruction');
    }
  }
  if (written !== out.length) throw new Error('delta result has the wrong size');
  return out;
}
