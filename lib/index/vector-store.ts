import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/atomic-write.js';

/**
 * The vector side index: one embedding per page, derived and disposable like the FTS index
 * (`<data>/index/vectors.json`; delete it and `ai-memory embed` fills it again). Each vector
 * remembers the content hash of the page it was computed from, so an edited page is re-embedded
 * and an unchanged one is not, even across index rebuilds. The file records provider, model and
 * dimension; vectors from another model are never mixed in (they are dropped at load).
 */
export interface VectorSpace {
  provider: string;
  model: string;
}

interface Entry {
  hash: string;
  vector: Float32Array;
}

interface StoredFile {
  version: 1;
  provider: string;
  model: string;
  dim: number;
  entries: Record<string, { hash: string; v: string }>;
}

export const VECTOR_FILE = 'vectors.json';

export class VectorStore {
  private entries = new Map<string, Entry>();
  private dim = 0;
  /** Why the file on disk was not used, if it was not. */
  discarded: string | undefined;

  constructor(private readonly indexDir: string, private readonly space: VectorSpace) {}

  get size(): number {
    return this.entries.size;
  }

  get dimension(): number {
    return this.dim;
  }

  async load(): Promise<void> {
    let stored: StoredFile;
    try {
      stored = JSON.parse(await readFile(join(this.indexDir, VECTOR_FILE), 'utf8')) as StoredFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.discarded = `unreadable: ${(error as Error).message}`;
      return;
    }
    if (stored.version !== 1 || stored.provider !== this.space.provider || stored.model !== this.space.model) {
      this.discarded = `made with ${stored.provider}/${stored.model}, now ${this.space.provider}/${this.space.model}`;
      return;
    }
    this.dim = stored.dim;
    for (const [rel, e] of Object.entries(stored.entries)) {
      const bytes = Buffer.from(e.v, 'base64');
      const vector = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      if (vector.length === this.dim) this.entries.set(rel, { hash: e.hash, vector });
    }
  }

  hashOf(rel: string): string | undefined {
    return this.entries.get(rel)?.hash;
  }

  rels(): string[] {
    return [...this.entries.keys()];
  }

  set(rel: string, hash: string, vector: number[]): void {
    if (this.dim === 0) this.dim = vector.length;
    if (vector.length !== this.dim) throw new Error(`embedding of ${rel} has ${vector.length} dimensions, the index ${this.dim}`);
    this.entries.set(rel, { hash, vector: normalize(vector) });
  }

  delete(rel: string): boolean {
    return this.entries.delete(rel);
  }

  clear(): void {
    this.entries.clear();
    this.dim = 0;
  }

  /** The best pages by cosine similarity, among those `accept` lets through. */
  nearest(query: number[], limit: number, accept: (rel: string) => boolean): Array<{ rel: string; score: number }> {
    if (query.length !== this.dim) return [];
    const q = normalize(query);
    const scored: Array<{ rel: string; score: number }> = [];
    for (const [rel, { vector }] of this.entries) {
      if (!accept(rel)) continue;
      let dot = 0;
      for (let i = 0; i < vector.length; i++) dot += vector[i]! * q[i]!;
      scored.push({ rel, score: dot });
    }
    return scored.sort((a, b) => b.score - a.score || a.rel.localeCompare(b.rel)).slice(0, limit);
  }

  async save(): Promise<void> {
    if (this.entries.size === 0) {
      await rm(join(this.indexDir, VECTOR_FILE), { force: true });
      return;
    }
    const stored: StoredFile = { version: 1, provider: this.space.provider, model: this.space.model, dim: this.dim, entries: {} };
    for (const [rel, e] of this.entries) stored.entries[rel] = { hash: e.hash, v: Buffer.from(e.vector.buffer, e.vector.byteOffset, e.vector.byteLength).toString('base64') };
    await writeFileAtomic(join(this.indexDir, VECTOR_FILE), JSON.stringify(stored));
  }
}

function normalize(vector: ArrayLike<number>): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const out = new Float32Array(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = vector[i]! * scale;
  return out;
}
